// Time helpers. Rules never read the clock: they measure against `bundle.now`.

/** Milliseconds between two RFC 3339 times, or undefined when either is missing or unparsable. */
export function millisBetween(from: string | undefined | null, to: string | undefined | null): number | undefined {
  if (!from || !to) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return b - a;
}

/**
 * A duration the way kubectl prints ages (HumanDuration): `45s`, `12m`, `3h4m`, `2d5h`, `400d`, `3y`.
 * Coarse on purpose, so that two runs a second apart print the same text.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

/** `humanDuration` between two times, or undefined when either is unknown. */
export function ageBetween(from: string | undefined | null, to: string | undefined | null): string | undefined {
  const ms = millisBetween(from, to);
  return ms === undefined ? undefined : humanDuration(ms);
}

/**
 * `iso` moved by `ms` milliseconds, as RFC 3339 (`…Z`), or undefined when either is unusable: an
 * unparsable time, or an offset (from cluster data, e.g. a huge grace period) past the dates JavaScript can hold.
 */
export function shiftedTime(iso: string | undefined | null, ms: number): string | undefined {
  if (!iso || !Number.isFinite(ms)) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const shifted = new Date(t + ms);
  return Number.isNaN(shifted.getTime()) ? undefined : shifted.toISOString().replace(/\.000Z$/, 'Z');
}

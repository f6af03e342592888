// Ages as kubectl prints them ("45s", "3h4m", "2d5h", "400d", "3y"): relative to when the paste was
// taken. They are kept relative; the Bundle places them before `now` only so rules can order events.

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 };

/** Milliseconds of a kubectl age, or undefined for `<unknown>`, `<invalid>` and anything else. */
export function parseAge(text: string): number | undefined {
  const t = text.trim();
  if (!/^(?:\d+[smhdy])+$/.test(t)) return undefined;
  let ms = 0;
  for (const m of t.matchAll(/(\d+)([smhdy])/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}

/** An age token as it may appear in a table cell (`2m`, `<unknown>`, `<invalid>`). */
export const AGE_TOKEN = String.raw`(?:(?:\d+[smhdy])+|<unknown>|<invalid>)`;

/** The time `ageMs` before `now`, as RFC 3339 (the bundle's internal ordering key, never shown as a fact). */
export function before(now: string, ageMs: number | undefined): string | undefined {
  if (ageMs === undefined) return undefined;
  const t = Date.parse(now) - ageMs;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/** "Mon, 23 Oct 2023 10:00:00 +0200" (kubectl describe's RFC 1123 time) as RFC 3339 UTC. */
export function parseDescribeTime(text: string): string | undefined {
  const t = text.trim();
  if (!/\d{4}/.test(t) || !/\d{1,2}:\d{2}/.test(t)) return undefined;
  const withoutZoneName = /[+-]\d{4}\s+[A-Z]{2,5}$/.test(t) ? t.replace(/\s+[A-Z]{2,5}$/, '') : t;
  const ms = Date.parse(withoutZoneName);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

// kubectl's --request-timeout: "0" (no limit), a bare number of seconds, or a Go duration (30s, 1m, 1h, 1m30s).
import { UserError } from '../errors.ts';

/** When the user gives no --request-timeout: long enough for a slow apiserver, short enough for on-call. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds; 0 means no limit. */
export function parseRequestTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UserError(`--request-timeout: invalid value "${value}" (use 0, a number of seconds, or a duration such as 30s, 1m, 1h)`);
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0));
}

/** How kubectl would print the timeout back to the user: 30s, 1m, 1m30s, 500ms. */
export function formatTimeout(ms: number): string {
  if (ms % 1000 !== 0) return `${ms}ms`;
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${rest || (!h && !m) ? `${rest}s` : ''}`;
}

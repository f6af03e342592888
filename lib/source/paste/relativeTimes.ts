// Times a paste only gave as ages ("22m", "Terminating (lasts 90d)") are placed before the bundle's `now`
// so rules can order and measure them, but they were never facts: a report must not show them as absolute
// times. The paste source records each time it placed; this pass rewrites any of them in a diagnosis back
// to the age the paste said.
import { humanDuration } from '../../bundle/time.ts';
import type { Bundle } from '../../bundle/types.ts';
import type { Diagnosis } from '../../diagnose.ts';

const placedTimes = new WeakMap<Bundle, Map<string, string>>();

/** Remembers that `iso` was placed `ageMs` before the paste's moment. */
export function recordPlacedTime(times: Map<string, string>, iso: string | undefined, ageMs: number | undefined): void {
  if (iso && ageMs !== undefined) times.set(iso, `${humanDuration(ageMs)} before the paste was taken`);
}

export function rememberPlacedTimes(bundle: Bundle, times: Map<string, string>): void {
  if (times.size > 0) placedTimes.set(bundle, times);
}

/** The times placed for this bundle, with the words a report shows instead (for `--save`, which keeps them). */
export function placedTimesOf(bundle: Bundle): ReadonlyMap<string, string> | undefined {
  return placedTimes.get(bundle);
}

function rewrite(text: string, times: Map<string, string>): string {
  let out = text;
  for (const [iso, phrase] of times) if (out.includes(iso)) out = out.split(iso).join(phrase);
  return out;
}

/** The diagnosis with every placed time shown as the age the paste gave; unchanged for other bundles. */
export function withPastedAges(bundle: Bundle, d: Diagnosis): Diagnosis {
  const times = placedTimes.get(bundle);
  if (!times) return d;
  const r = (t: string) => rewrite(t, times);
  return {
    ...d,
    findings: d.findings.map((f) => ({
      ...f,
      summary: r(f.summary),
      explanation: r(f.explanation),
      evidence: f.evidence.map((e) => ({ ...e, text: r(e.text) })),
      // Commands are left alone: they are quoted shell, and a placed time never is an argument.
      fixes: f.fixes.map((x) => ({ ...x, description: r(x.description) })),
    })),
    notes: d.notes.map(r),
  };
}

// `-o json --watch`: one Diagnosis per change, one compact JSON object per line (JSON Lines), each
// with the two optional fields of the watch: `observedAt` (when the change was seen) and `changes`.
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';
import { diagnosisJson } from './json.ts';

export function renderJsonLine(d: SafeDiagnosis, observedAt: number, changes: string[]): string {
  return `${JSON.stringify({ ...diagnosisJson(d), observedAt: new Date(observedAt).toISOString(), changes })}\n`;
}

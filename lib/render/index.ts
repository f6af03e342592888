// Every output format, by its `-o` name. A renderer receives only SafeDiagnosis values (see
// sanitizeDiagnosis.ts), so whatever format is added here prints sanitised, capped text; the
// terminal-safety tests run over every entry of this table.
import { renderHuman } from './human.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import { renderScanReport } from './scanReport.ts';
import { renderYaml } from './yaml.ts';
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';

export interface RenderContext {
  /** Colour (human formats only). */
  color: boolean;
  /** Terminal width for formats that wrap text. */
  width: number;
  /** Several pods were asked for: a list, even of one. */
  asList: boolean;
  /** Scans, human formats: the full report of every pod, not one per summary row. */
  details?: boolean;
}

export type Renderer = (diagnoses: readonly SafeDiagnosis[], context: RenderContext) => string;

export const RENDERERS = {
  // Several pods: a summary table first, then the report of one pod per row (scanReport.ts).
  human: (diagnoses, c) => humanReport(diagnoses, c, false),
  wide: (diagnoses, c) => humanReport(diagnoses, c, true),
  json: (diagnoses, c) => renderJson(diagnoses, c.asList),
  yaml: (diagnoses, c) => renderYaml(diagnoses, c.asList),
  markdown: (diagnoses) => renderMarkdown(diagnoses),
} as const satisfies Record<string, Renderer>;

function humanReport(diagnoses: readonly SafeDiagnosis[], c: RenderContext, wide: boolean): string {
  return c.asList
    ? renderScanReport(diagnoses, { color: c.color, width: c.width, wide, details: c.details ?? false })
    : renderHuman(diagnoses, { color: c.color, width: c.width });
}

export type OutputFormat = keyof typeof RENDERERS;

export function renderReport(format: OutputFormat, diagnoses: readonly SafeDiagnosis[], context: RenderContext): string {
  return RENDERERS[format](diagnoses, context);
}

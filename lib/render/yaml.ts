// `-o yaml`: the JSON contract (json.ts), the same keys in the same order, as YAML.
import yaml from 'js-yaml';
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';
import { stripBidiDeep } from './bidiControls.ts';
import { diagnosisJson } from './json.ts';

export function renderYaml(diagnoses: readonly SafeDiagnosis[], asList: boolean): string {
  const body = asList
    ? { apiVersion: 'podwhy/v1', kind: 'DiagnosisList', items: diagnoses.map(diagnosisJson) }
    : diagnosisJson(diagnoses[0]!);
  return yaml.dump(stripBidiDeep(body), { lineWidth: -1, noRefs: true, quotingType: '"' });
}

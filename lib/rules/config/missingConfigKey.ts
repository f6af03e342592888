// A ConfigMap or Secret exists but lacks a key the pod asks for (configMapKeyRef / secretKeyRef, volume items).
import { missingConfigFindings } from './missingConfigFinding.ts';
import type { Rule } from '../types.ts';

export const rule: Rule = {
  meta: {
    id: 'missing-config-key',
    severity: 'critical',
    title: 'A ConfigMap or Secret lacks a key the pod needs',
    needs: ['events', 'configMaps', 'secrets'],
    layer: 25,
  },
  check(bundle) {
    return missingConfigFindings(bundle, 'missing-config-key');
  },
};

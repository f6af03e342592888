// A ConfigMap the pod needs (env valueFrom, envFrom, a configMap or projected volume) does not exist.
import { missingConfigFindings } from './missingConfigFinding.ts';
import type { Rule } from '../types.ts';

export const rule: Rule = {
  meta: {
    id: 'missing-configmap',
    severity: 'critical',
    title: 'The pod needs a ConfigMap that does not exist',
    needs: ['events', 'configMaps'],
    layer: 25,
  },
  check(bundle) {
    return missingConfigFindings(bundle, 'missing-configmap');
  },
};

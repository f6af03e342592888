// A Secret the pod needs (env valueFrom, envFrom, a secret or projected volume) does not exist.
import { missingConfigFindings } from './missingConfigFinding.ts';
import type { Rule } from '../types.ts';

export const rule: Rule = {
  meta: {
    id: 'missing-secret',
    severity: 'critical',
    title: 'The pod needs a Secret that does not exist',
    needs: ['events', 'secrets'],
    layer: 25,
  },
  check(bundle) {
    return missingConfigFindings(bundle, 'missing-secret');
  },
};

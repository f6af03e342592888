// Authorization: a deny-list and an optional allow-list, matched like RBAC rules match a request
// (a rule for `pods` does not cover `pods/log`).
import { forbidden } from './status.ts';

export interface ForbiddenRule {
  resource: string;
  verb?: 'get' | 'list' | 'watch';
  namespace?: string;
  subresource?: string;
}

export interface AllowRule {
  resource: string;
  verbs: string[];
  subresource?: string;
}

export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** `{resource:'pods', subresource:'log'}` and `{resource:'pods/log'}` name the same thing. */
function sameResource(rule: { resource: string; subresource?: string }, req: AccessRequest): boolean {
  const [resource, sub] = rule.resource.includes('/') ? rule.resource.split('/', 2) : [rule.resource, rule.subresource];
  return resource === req.resource && (sub ?? '') === (req.subresource ?? '');
}

export function authorize(user: string, req: AccessRequest, deny: ForbiddenRule[] = [], allow?: AllowRule[]): void {
  const denied = deny.some(
    (r) => sameResource(r, req) && (r.verb === undefined || r.verb === req.verb) && (r.namespace === undefined || r.namespace === req.namespace),
  );
  const allowed = allow === undefined || allow.some((r) => sameResource(r, req) && (r.verbs.includes(req.verb) || r.verbs.includes('*')));
  if (denied || !allowed) throw forbidden({ user, ...req });
}

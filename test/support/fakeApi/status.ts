// metav1.Status error bodies, worded as kube-apiserver words them.

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** An error the router turns into a Status response. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): Status {
    const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** `pods`, or `events.events.k8s.io` for a non-core group (schema.GroupResource.String()). */
export function qualifiedResource(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

function groupDetail(group: string): { group?: string } {
  return group === '' ? {} : { group };
}

export function notFound(group: string, resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(group, resource)} "${name}" not found`, { name, ...groupDetail(group), kind: resource });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export interface ForbiddenRequest {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** The RBAC denial text of kube-apiserver (`forbidden` in apiserver/pkg/endpoints/handlers/responsewriters/errors.go). */
export function forbidden(r: ForbiddenRequest): ApiError {
  const qualified = qualifiedResource(r.group, r.resource);
  const object = r.name ? `${qualified} "${r.name}"` : qualified;
  const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const scope = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
  const message = `${object} is forbidden: User "${r.user}" cannot ${r.verb} resource "${resource}" in API group "${r.group}" ${scope}`;
  const details: StatusDetails = { ...groupDetail(r.group), kind: r.resource };
  if (r.name) details.name = r.name;
  return new ApiError(403, 'Forbidden', message, details);
}

export function methodNotAllowed(method: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method} is not supported by the fake API server; podwhy must only read)`);
}

export function invalid(kind: string, name: string, causes: { field: string; value: string | number; detail: string }[]): ApiError {
  const messages = causes.map((c) => `${c.field}: Invalid value: ${c.value}: ${c.detail}`);
  const message = `${kind} "${name}" is invalid: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`;
  return new ApiError(422, 'Invalid', message, {
    name,
    kind,
    causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${c.value}: ${c.detail}`, field: c.field })),
  });
}

export function tooManyRequests(retryAfterSeconds: number | undefined): ApiError {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  const details: StatusDetails | undefined = retryAfterSeconds === undefined ? undefined : { retryAfterSeconds };
  return new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', details, headers);
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function serviceUnavailable(retryAfterSeconds: number | undefined): ApiError {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', undefined, headers);
}

// Routes an authenticated GET to discovery, object get/list (JSON or Table) or the pod log.
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.ts';
import { toEventsV1 } from './events.ts';
import { selectableFields, supportedFieldLabels } from './fields.ts';
import { podLog } from './podLogs.ts';
import { authorize, type AllowRule, type ForbiddenRule } from './rbac.ts';
import { findResourceType, groupVersion, type ResourceType } from './resources.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { ApiError, badRequest, notFound } from './status.ts';
import type { Json, ObjectStore, StoredObject } from './store.ts';
import { toTable, wantsTable, type IncludeObject } from './table.ts';
import type { WatchTarget } from './watch.ts';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  /** A `?watch=1` GET: the server streams the matching changes instead of sending a body. */
  watch?: WatchTarget;
}

export interface RouteContext {
  store: ObjectStore;
  user: string;
  forbidden?: ForbiddenRule[];
  allow?: AllowRule[];
  now: () => number;
  /** The resourceVersion lists carry (the change feed's, once watches are scripted). */
  resourceVersion?: () => string;
}

export interface GetRequest {
  path: string;
  query: Record<string, string>;
  accept: string | undefined;
}

const DEFAULT_RESOURCE_VERSION = '1000';

function json(value: unknown, status = 200): Reply {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

function pageNotFound(): Reply {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
}

/** A stored object as the API serves it: events converted for events.k8s.io, kind and apiVersion set. */
function served(type: ResourceType, obj: StoredObject): Json {
  if (type.resource === 'events' && type.group !== '') return toEventsV1(obj);
  return { ...obj, apiVersion: groupVersion(type), kind: type.kind };
}

/** List items carry no kind/apiVersion on the wire (only `kubectl get -o json` adds them). */
function listItem(type: ResourceType, obj: StoredObject): Json {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = served(type, obj);
  return rest;
}

/** `Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`: metadata only, no data. */
function wantsMetadataOnly(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=PartialObjectMetadataList/.test(part) && /g=meta\.k8s\.io/.test(part));
}

function includeObject(query: Record<string, string>): IncludeObject {
  const v = query.includeObject;
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function page(items: StoredObject[], query: Record<string, string>): { items: StoredObject[]; continueToken?: string; remaining?: number } {
  let offset = 0;
  if (query.continue) {
    const decoded = Number(Buffer.from(query.continue, 'base64').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) throw badRequest(`continue key is not valid: invalid continue token`);
    offset = decoded;
  }
  const limit = Number(query.limit ?? 0);
  if (!Number.isInteger(limit) || limit <= 0 || offset + limit >= items.length) return { items: items.slice(offset) };
  const next = offset + limit;
  return { items: items.slice(offset, next), continueToken: Buffer.from(`offset:${next}`).toString('base64'), remaining: items.length - next };
}

function selects(type: ResourceType, query: Record<string, string>): (o: StoredObject) => boolean {
  const byLabel = parseLabelSelector(query.labelSelector);
  const byField = parseFieldSelector(query.fieldSelector, supportedFieldLabels(type));
  return (o) => byLabel(o.metadata?.labels ?? {}) && byField(selectableFields(type, o));
}

function list(ctx: RouteContext, type: ResourceType, namespace: string | undefined, req: GetRequest): Reply {
  const resourceVersion = ctx.resourceVersion?.() ?? DEFAULT_RESOURCE_VERSION;
  const matching = ctx.store.list(type, namespace).filter(selects(type, req.query));
  const { items, continueToken, remaining } = page(matching, req.query);
  if (wantsTable(req.accept)) {
    const table = toTable(type, items, includeObject(req.query), ctx.now(), resourceVersion, (o) => served(type, o));
    if (continueToken) (table.metadata as Json).continue = continueToken;
    return json(table);
  }
  const metadata: Json = { resourceVersion };
  if (continueToken) Object.assign(metadata, { continue: continueToken, remainingItemCount: remaining });
  if (wantsMetadataOnly(req.accept)) {
    const partial = items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} }));
    return json({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: partial });
  }
  return json({ kind: `${type.kind}List`, apiVersion: groupVersion(type), metadata, items: items.map((o) => listItem(type, o)) });
}

function getOne(ctx: RouteContext, type: ResourceType, namespace: string | undefined, name: string, req: GetRequest): Reply {
  const resourceVersion = ctx.resourceVersion?.() ?? DEFAULT_RESOURCE_VERSION;
  const obj = ctx.store.get(type, namespace, name);
  if (!obj) throw notFound(type.group, type.resource, name);
  if (wantsTable(req.accept)) return json(toTable(type, [obj], includeObject(req.query), ctx.now(), resourceVersion, (o) => served(type, o)));
  return json(served(type, obj));
}

function discovery(segments: string[]): Reply | undefined {
  const [root, a, b] = segments;
  if (root === 'version' && segments.length === 1) return json(SERVER_VERSION);
  if (root === 'api' && segments.length === 1) return json(apiVersions());
  if (root === 'api' && segments.length === 2) {
    const doc = apiResourceList('', a!);
    return doc ? json(doc) : pageNotFound();
  }
  if (root === 'apis' && segments.length === 1) return json(apiGroupList());
  if (root === 'apis' && segments.length === 2) {
    const doc = apiGroup(a!);
    return doc ? json(doc) : pageNotFound();
  }
  if (root === 'apis' && segments.length === 3) {
    const doc = apiResourceList(a!, b!);
    return doc ? json(doc) : pageNotFound();
  }
  if (['healthz', 'livez', 'readyz'].includes(root ?? '') && segments.length === 1) return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
  return undefined;
}

interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** /api/v1/... or /apis/<g>/<v>/... → the resource addressed, or undefined for an unknown path. */
function parseResourcePath(segments: string[]): ResourceRequest | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) [group, version, rest] = ['', segments[1]!, segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length >= 4) [group, version, rest] = [segments[1]!, segments[2]!, segments.slice(3)];
  else return undefined;
  const typeOf = (resource: string) => findResourceType(group, version, resource);
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = typeOf(rest[2]!);
    if (!type?.namespaced || rest.length > 5) return undefined;
    const r: ResourceRequest = { type, namespace: rest[1]! };
    if (rest[3] !== undefined) r.name = rest[3];
    if (rest[4] !== undefined) r.subresource = rest[4];
    return r;
  }
  const type = typeOf(rest[0]!);
  if (!type || rest.length > 2) return undefined;
  if (rest.length === 2) return type.namespaced ? undefined : { type, name: rest[1]! };
  return { type };
}

/** Answers a GET; throws ApiError for a Status response. */
export function routeGet(ctx: RouteContext, req: GetRequest): Reply {
  const segments = req.path.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const doc = discovery(segments);
  if (doc) return doc;
  const target = parseResourcePath(segments);
  if (!target) return pageNotFound();
  const { type, namespace, name, subresource } = target;
  if (subresource !== undefined && !(type.resource === 'pods' && subresource === 'log')) return pageNotFound();
  const watching = req.query.watch === 'true' || req.query.watch === '1';
  const verb = watching ? 'watch' : name === undefined ? 'list' : 'get';
  authorize(ctx.user, { verb, group: type.group, resource: type.resource, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) }, ctx.forbidden, ctx.allow);
  if (watching) {
    if (subresource !== undefined || name !== undefined) throw new ApiError(405, 'MethodNotAllowed', 'watch is not supported by the fake API server');
    const timeout = Number(req.query.timeoutSeconds);
    const watch: WatchTarget = { type, matches: selects(type, req.query), bookmarks: req.query.allowWatchBookmarks === 'true' };
    if (namespace !== undefined) watch.namespace = namespace;
    if (req.query.resourceVersion !== undefined) watch.resourceVersion = req.query.resourceVersion;
    if (Number.isFinite(timeout) && timeout > 0) watch.timeoutSeconds = timeout;
    return { status: 200, contentType: 'application/json', body: '', watch };
  }
  if (subresource === 'log') return { status: 200, contentType: 'text/plain', body: podLog(ctx.store, namespace!, name!, req.query) };
  return name === undefined ? list(ctx, type, namespace, req) : getOne(ctx, type, namespace, name, req);
}

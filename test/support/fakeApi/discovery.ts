// Discovery documents: /version, /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version>.
// Always the legacy (unaggregated) form: clients that ask for aggregated discovery
// (apidiscovery.k8s.io/v2) see Content-Type application/json and fall back to it, as with old servers.
import { apiGroups, groupVersion, RESOURCE_TYPES, type ResourceType } from './resources.ts';
import type { Json } from './store.ts';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(): Json {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] };
}

function groupDocument(name: string, version: string): Json {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(): Json {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map((g) => groupDocument(g.name, g.version)) };
}

export function apiGroup(group: string): Json | undefined {
  const g = apiGroups().find((x) => x.name === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(g.name, g.version) } : undefined;
}

function resourceEntries(t: ResourceType): Json[] {
  const main: Json = { name: t.resource, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
  if (t.shortNames) main.shortNames = t.shortNames;
  if (t.categories) main.categories = t.categories;
  const subs = (t.subresources ?? []).map((s) => ({ name: `${t.resource}/${s.name}`, singularName: '', namespaced: t.namespaced, kind: s.kind, verbs: s.verbs }));
  return [main, ...subs];
}

export function apiResourceList(group: string, version: string): Json | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const gv = groupVersion({ group, version });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: types.flatMap(resourceEntries) };
}

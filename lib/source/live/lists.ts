// Listing objects as `kubectl get -o json` prints them: every page followed, each item given its kind
// and apiVersion (the API leaves them off list items), managedFields hidden as kubectl hides them.
import type { KubeObject } from '../../bundle/k8s.ts';
import type { ApiClient } from './apiClient.ts';

const PAGE_SIZE = 500;
const MAX_PAGES = 20;

interface ListBody {
  items?: KubeObject[];
  metadata?: { continue?: string };
}

/** The object as kubectl prints it: without metadata.managedFields. */
export function asPrinted<T extends KubeObject>(obj: T, kind?: string, apiVersion?: string): T {
  // kubectl puts apiVersion and kind first.
  const typed = kind && !obj.kind ? ({ apiVersion: obj.apiVersion ?? apiVersion, kind, ...obj } as T) : obj;
  return stripManagedFields(typed);
}

function stripManagedFields<T extends KubeObject>(obj: T): T {
  const meta = obj.metadata as (KubeObject['metadata'] & { managedFields?: unknown }) | undefined;
  if (!meta || meta.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...rest } = meta;
  return { ...obj, metadata: rest };
}

export async function listAll<T extends KubeObject>(
  client: ApiClient,
  path: string,
  query: Record<string, string | undefined>,
  kind: string,
  apiVersion: string,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await client.getJson<ListBody>(path, { ...query, limit: String(PAGE_SIZE), ...(token ? { continue: token } : {}) });
    for (const item of body.items ?? []) items.push(asPrinted(item as T, kind, apiVersion));
    token = body.metadata?.continue || undefined;
    if (!token) break;
  }
  return items;
}

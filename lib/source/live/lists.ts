// Listing objects as `kubectl get -o json` prints them: every page followed, each item given its kind
// and apiVersion (the API leaves them off list items), managedFields hidden as kubectl hides them.
import type { KubeObject } from '../../bundle/k8s.ts';
import { ApiAnswerError, MAX_ANSWER_BYTES, MIB, type ApiClient } from './apiClient.ts';

const PAGE_SIZE = 500;
/**
 * Lists are read to the end, up to this many pages (50,000 objects). Past that, or when the server repeats
 * a continue token, the list is incomplete: reading stops and the list counts as not provided, so that no
 * rule reads a missing object into an incomplete list.
 */
export const MAX_PAGES = 100;
/** Nor more than this in all, whatever the page count: what one list may hold in memory. */
export const MAX_LIST_BYTES = MAX_ANSWER_BYTES;

interface ListBody {
  items?: unknown;
  metadata?: { continue?: unknown };
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The items of one page, or why the page is not a list. */
function pageItems(body: unknown, path: string, kind: string): object[] {
  const malformed = (why: string): ApiAnswerError => new ApiAnswerError('malformed', path, `answered a malformed list of ${kind} objects (${why})`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed(`${typeName(body)} instead of a list object`);
  const items = (body as ListBody).items;
  if (!Array.isArray(items)) throw malformed(items === undefined ? 'no items' : `items is ${typeName(items)}, not a list`);
  const bad = items.findIndex((item) => typeof item !== 'object' || item === null || Array.isArray(item));
  if (bad >= 0) throw malformed(`item ${bad + 1} is ${typeName(items[bad])}, not an object`);
  return items as object[];
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

/** Names and metadata only: the server sends no data (and no Secret values) at all. */
export const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** Why paging stopped: the server's last page, a continue token it had already given, or the page limit. */
export type PagingEnd = 'last-page' | 'repeated-token' | 'page-limit';

/**
 * Every page of a list, in order, each with its size in bytes; the generator's return value says why it
 * stopped. The one place continue tokens are followed: a repeated token (a server that never ends the
 * list) and the page limit stop it the same way for every caller.
 */
export async function* listPages(
  client: ApiClient,
  path: string,
  query: Record<string, string | undefined>,
  maxPages: number,
  pageSize: number,
  accept?: string,
): AsyncGenerator<{ body: unknown; bytes: number; more: boolean }, PagingEnd> {
  const tokens = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await client.getJsonSized<unknown>(path, { ...query, limit: String(pageSize), ...(token ? { continue: token } : {}) }, accept);
    const next = (answer.value as ListBody | null)?.metadata?.continue;
    const more = typeof next === 'string' && next !== '';
    yield { body: answer.value, bytes: answer.bytes, more };
    if (!more) return 'last-page';
    if (tokens.has(next)) return 'repeated-token';
    tokens.add(next);
    token = next;
  }
  return 'page-limit';
}

export async function listAll<T extends KubeObject>(
  client: ApiClient,
  path: string,
  query: Record<string, string | undefined>,
  kind: string,
  apiVersion: string,
  accept?: string,
): Promise<T[]> {
  const items: T[] = [];
  let bytes = 0;
  const pages = listPages(client, path, query, MAX_PAGES, PAGE_SIZE, accept);
  for (;;) {
    const page = await pages.next();
    if (page.done) {
      if (page.value === 'last-page') return items;
      throw new ApiAnswerError(
        'incomplete',
        path,
        page.value === 'repeated-token'
          ? `repeated a continue token after ${items.length} ${kind} objects (the list never ends); stopped reading`
          : `has more than ${items.length} ${kind} objects (${MAX_PAGES} pages); stopped reading`,
      );
    }
    bytes += page.value.bytes;
    for (const item of pageItems(page.value.body, path, kind)) items.push(asPrinted(item as T, kind, apiVersion));
    // A list that ends on the page that crosses the limit is complete; only reading on is refused.
    if (page.value.more && bytes > MAX_LIST_BYTES) {
      throw new ApiAnswerError('incomplete', path, `has more than ${MAX_LIST_BYTES / MIB} MiB of ${kind} objects (${items.length} read); stopped reading`);
    }
  }
}

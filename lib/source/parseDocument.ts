// Parses a bundle file (JSON or YAML, one or several documents) with errors that name the file and
// the place, on one line. Bounded: JSON nesting depth and value count are checked before parsing, a
// top-level List is parsed item by item (so a caller can drop items as they come), YAML is parsed with
// the core schema (no custom tags) and refused when aliases expand it far beyond its text.
import yaml from 'js-yaml';
import type { KubeObject } from '../bundle/k8s.ts';
import { formatBytes } from './bundleFiles.ts';
import { UserError } from './errors.ts';
import { MAX_DEPTH, scanJson } from './jsonScan.ts';

/** Values (objects, arrays, scalars) podwhy keeps from one file: about 100 bytes of memory each. */
export const MAX_VALUES = 1_500_000;
/** etcd stores objects of at most 1.5 MiB; one this large (a document, or an item of a List) is not from a cluster. */
export const OBJECT_LIMIT_BYTES = 4 * 1024 * 1024;
/** YAML costs far more memory per byte to parse than JSON. */
export const YAML_LIMIT_BYTES = 16 * 1024 * 1024;

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line} column ${column}`;
}

/** Where a piece of a larger text starts, to report line and column in the whole file. */
interface Within {
  offset: () => number;
  whole: () => string;
}

function parseJson(text: string, label: string, within?: Within): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /at position (\d+)/.exec(message);
    const full = within ? within.whole() : text;
    const offset = within ? within.offset() : 0;
    const at = position ? offset + Number(position[1]) : undefined;
    const where = at !== undefined ? ` at ${lineAndColumn(full, at)}` : '';
    const cause = message.replace(/\s*(?:in JSON )?at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    const atEnd = !within && (/end of (?:JSON )?input/i.test(message) || (at !== undefined && at >= full.length - 1));
    const truncated = atEnd ? ' (the file looks truncated)' : '';
    throw new UserError(`${label}: invalid JSON${where}: ${cause}${truncated}`);
  }
}

function objectTooLarge(label: string, bytes: number): UserError {
  return new UserError(`${label}: an object of ${formatBytes(bytes)}; a Kubernetes object is at most 1.5 MiB (podwhy reads up to ${formatBytes(OBJECT_LIMIT_BYTES)})`);
}

function tooMany(label: string): UserError {
  return new UserError(`${label}: more than ${MAX_VALUES.toLocaleString('en-US')} values; podwhy reads bundles of one pod and what it refers to, not whole clusters`);
}

/**
 * Walks a parsed YAML tree without recursion, refusing trees deeper than MAX_DEPTH or with more nodes
 * than `budget`: js-yaml shares an aliased node rather than copying it, so a small alias bomb parses
 * fast and only explodes in whatever walks or serialises it next.
 */
function checkYamlTree(root: unknown, budget: number, label: string): void {
  const stack: [unknown, number][] = [[root, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > budget) throw new UserError(`${label}: the YAML expands to more than ${budget.toLocaleString('en-US')} values (aliases referring to aliases?); refused`);
    if (depth > MAX_DEPTH) throw new UserError(`${label}: nested more than ${MAX_DEPTH} levels deep; no Kubernetes object is`);
    if (typeof node === 'object' && node !== null) for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

function parseYaml(text: string, label: string): unknown[] {
  if (Buffer.byteLength(text) > YAML_LIMIT_BYTES) {
    throw new UserError(`${label}: ${formatBytes(Buffer.byteLength(text))} of YAML is more than the ${formatBytes(YAML_LIMIT_BYTES)} podwhy parses; give it as JSON (kubectl ... -o json)`);
  }
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA, json: true }).filter((d) => d !== null && d !== undefined);
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const mark = err.mark ? ` at line ${err.mark.line + 1} column ${err.mark.column + 1}` : '';
      throw new UserError(`${label}: invalid YAML${mark}: ${err.reason}`);
    }
    if (err instanceof RangeError) throw new UserError(`${label}: nested too deeply to parse; no Kubernetes object is`);
    throw err;
  }
  // Without aliases a value takes at least a few characters of text; with them, no such bound holds.
  checkYamlTree(docs, Math.min(MAX_VALUES, text.length + 1000), label);
  return docs;
}

function checkDocument(d: unknown, label: string): void {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    throw new UserError(`${label}: expected a Kubernetes object (a mapping with "kind"), found ${Array.isArray(d) ? 'an array' : d === null ? 'null' : typeof d}`);
  }
}

function stripBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function firstByte(bytes: Buffer): number | undefined {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}

/** The bytes without a BOM, and whether they are JSON (or named .json) rather than YAML. */
function prepare(input: Buffer | string, label: string): { bytes: Buffer; looksJson: boolean } {
  const bytes = stripBom(typeof input === 'string' ? Buffer.from(input) : input);
  const first = firstByte(bytes);
  if (first === undefined) {
    throw new UserError(label === 'stdin' ? 'stdin is empty: pipe a pod into it, e.g. kubectl get pod NAME -o json | kubectl podwhy --from -' : `${label}: the file is empty`);
  }
  return { bytes, looksJson: label.endsWith('.json') || first === 0x7b || first === 0x5b };
}

export interface DocumentInfo {
  kind: string | undefined;
  isList: boolean;
}

/**
 * Visits the objects in a file, with List / <Kind>List wrappers opened (nested Lists too); `visit` returns
 * whether it keeps the object (only kept objects count towards MAX_VALUES). Returns what each document was.
 */
export function visitObjects(input: Buffer | string, label: string, visit: (object: KubeObject) => boolean): DocumentInfo[] {
  const { bytes, looksJson } = prepare(input, label);
  let kept = 0;
  const keep = (object: KubeObject, values: number) => {
    if (visit(object) && (kept += values) > MAX_VALUES) throw tooMany(label);
  };
  if (!looksJson) return parseYaml(bytes.toString('utf8'), label).map((doc) => visitDocument(doc, label, (o) => keep(o, 0)));
  const scan = scanJson(bytes, label);
  const items = scan.items;
  const whole = () => bytes.toString('utf8');
  const head = items ? parseJson(Buffer.concat([bytes.subarray(0, items.span[0]), Buffer.from('[]'), bytes.subarray(items.span[1])]).toString('utf8'), label) : undefined;
  if (!items || !isKubeObject(head) || !listInfo(head).isList) {
    if (scan.values > MAX_VALUES) throw tooMany(label);
    if (bytes.length > OBJECT_LIMIT_BYTES) throw objectTooLarge(label, bytes.length);
    return [visitDocument(parseJson(whole().trim(), label), label, (o) => keep(o, 0))];
  }
  // A List: each item parsed on its own, so that what the caller drops never adds up.
  items.elements.forEach(([start, end], i) => {
    const values = items.elementValues[i]!;
    if (values > MAX_VALUES) throw tooMany(label);
    if (end - start > OBJECT_LIMIT_BYTES) throw objectTooLarge(label, end - start);
    const item = parseJson(bytes.toString('utf8', start, end), label, { whole, offset: () => bytes.toString('utf8', 0, start).length });
    for (const object of flattenLists(item, label)) keep(object, values);
  });
  return [listInfo(head)];
}

function listInfo(doc: KubeObject): DocumentInfo {
  const items = (doc as { items?: unknown }).items;
  const isList = typeof doc.kind === 'string' ? doc.kind === 'List' || doc.kind.endsWith('List') : Array.isArray(items);
  return { kind: typeof doc.kind === 'string' ? doc.kind : undefined, isList };
}

function visitDocument(doc: unknown, label: string, keep: (object: KubeObject) => void): DocumentInfo {
  checkDocument(doc, label);
  for (const object of flattenLists(doc, label)) keep(object);
  return listInfo(doc as KubeObject);
}

/** The documents in a file: JSON when it looks like JSON (or is named .json), YAML otherwise. */
export function parseDocuments(input: Buffer | string, label: string): unknown[] {
  const { bytes, looksJson } = prepare(input, label);
  let docs: unknown[];
  if (looksJson) {
    if (scanJson(bytes, label).values > MAX_VALUES) throw tooMany(label);
    if (bytes.length > OBJECT_LIMIT_BYTES) throw objectTooLarge(label, bytes.length);
    docs = [parseJson(bytes.toString('utf8').trim(), label)];
  } else {
    docs = parseYaml(bytes.toString('utf8'), label);
  }
  for (const d of docs) checkDocument(d, label);
  return docs;
}

export function isKubeObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects in a document, with List / <Kind>List wrappers opened (nested Lists too). */
export function flattenLists(doc: unknown, label: string): KubeObject[] {
  if (!isKubeObject(doc)) return [];
  const { isList } = listInfo(doc);
  if (!isList) return [doc];
  const items = (doc as { items?: unknown }).items;
  if (!Array.isArray(items)) throw new UserError(`${label}: ${doc.kind ?? 'List'} has no "items" array`);
  return items.flatMap((item) => flattenLists(item, label));
}

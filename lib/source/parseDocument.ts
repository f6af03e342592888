// Parses a bundle file (JSON or YAML, one or several documents) with errors that name the file and
// the place, on one line.
import yaml from 'js-yaml';
import type { KubeObject } from '../bundle/k8s.ts';
import { UserError } from './errors.ts';

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line} column ${column}`;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    const cause = message.replace(/\s*(?:in JSON )?at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    const atEnd = /end of (?:JSON )?input/i.test(message) || (position !== null && Number(position[1]) >= text.length - 1);
    const truncated = atEnd ? ' (the file looks truncated)' : '';
    throw new UserError(`${label}: invalid JSON${where}: ${cause}${truncated}`);
  }
}

function parseYaml(text: string, label: string): unknown[] {
  try {
    return yaml.loadAll(text, undefined, { json: true }).filter((d) => d !== null && d !== undefined);
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const mark = err.mark ? ` at line ${err.mark.line + 1} column ${err.mark.column + 1}` : '';
      throw new UserError(`${label}: invalid YAML${mark}: ${err.reason}`);
    }
    throw err;
  }
}

/** The documents in a file: JSON when it looks like JSON (or is named .json), YAML otherwise. */
export function parseDocuments(text: string, label: string): unknown[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') {
    throw new UserError(label === 'stdin' ? 'stdin is empty: pipe a pod into it, e.g. kubectl get pod NAME -o json | kubectl podwhy --from -' : `${label}: the file is empty`);
  }
  const looksJson = label.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[');
  const docs = looksJson ? [parseJson(trimmed, label)] : parseYaml(trimmed, label);
  for (const d of docs) {
    if (typeof d !== 'object' || d === null || Array.isArray(d)) {
      throw new UserError(`${label}: expected a Kubernetes object (a mapping with "kind"), found ${Array.isArray(d) ? 'an array' : typeof d}`);
    }
  }
  return docs;
}

export function isKubeObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects in a document, with List / <Kind>List wrappers opened (nested Lists too). */
export function flattenLists(doc: unknown, label: string): KubeObject[] {
  if (!isKubeObject(doc)) return [];
  const items = (doc as { items?: unknown }).items;
  const isList = typeof doc.kind === 'string' ? doc.kind === 'List' || doc.kind.endsWith('List') : Array.isArray(items);
  if (!isList) return [doc];
  if (!Array.isArray(items)) throw new UserError(`${label}: ${doc.kind ?? 'List'} has no "items" array`);
  return items.flatMap((item) => flattenLists(item, label));
}

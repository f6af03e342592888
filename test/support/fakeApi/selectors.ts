// Label and field selectors, with the subset of apimachinery's syntax and errors that clients use.
import { badRequest } from './status.ts';

export type Matcher = (values: Record<string, string | undefined>) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** `a=b,c!=d,e in (x,y),f notin (z),g,!h` → a predicate over an object's labels. */
export function parseLabelSelector(selector: string | undefined): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const requirements = splitTopLevel(selector).map((req): Matcher => {
    let m = /^!\s*([\w./-]+)$/.exec(req);
    if (m) {
      const key = m[1]!;
      return (labels) => labels[key] === undefined;
    }
    m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(req);
    if (m) {
      const key = m[1]!;
      const set = new Set(m[3]!.split(',').map((v) => v.trim()));
      return m[2] === 'in'
        ? (labels) => labels[key] !== undefined && set.has(labels[key]!)
        : (labels) => labels[key] === undefined || !set.has(labels[key]!);
    }
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(req);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return op === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
    }
    m = /^([\w./-]+)$/.exec(req);
    if (m) {
      const key = m[1]!;
      return (labels) => labels[key] !== undefined;
    }
    throw badRequest(`unable to parse requirement: <nil>: Invalid value: "${req}": invalid label selector`);
  });
  return (labels) => requirements.every((r) => r(labels));
}

/**
 * `metadata.name=x,status.phase!=Running` → a predicate over an object's selectable fields. A label
 * the resource does not support is a 400 `field label not supported: <label>`, as the apiserver says.
 */
export function parseFieldSelector(selector: string | undefined, supported: readonly string[]): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const requirements = selector.split(',').map((s) => s.trim()).filter((s) => s !== '').map((req): Matcher => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(req);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${req}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (!supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
    return op === '!=' ? (values) => (values[field] ?? '') !== value : (values) => (values[field] ?? '') === value;
  });
  return (values) => requirements.every((r) => r(values));
}

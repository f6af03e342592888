// One pass over JSON bytes before anything is built from them: refuses nesting deeper than a Kubernetes
// object ever goes (a deep enough array overflows every recursive walk after it), counts values (memory
// is spent per value, not per byte), and finds the items of a top-level List so that each item can be
// parsed on its own, and dropped, without building the whole List at once.
// Works on UTF-8 bytes: every byte of a multi-byte character is ≥ 0x80, so it never looks like syntax.
import { UserError } from './errors.ts';

/** Deeper than any Kubernetes object (a Pod with managedFields is about 20 levels). */
export const MAX_DEPTH = 100;

export interface JsonScan {
  /** The whole document's value count (objects, arrays, scalars; approximate by one per document). */
  values: number;
  /** A top-level object's `items` array: its byte span (brackets included), each element's span and value count. */
  items?: { span: [number, number]; elements: [number, number][]; elementValues: number[] };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

const ITEMS_KEY = Buffer.from('"items"');

export function scanJson(bytes: Buffer, label: string): JsonScan {
  let depth = 0;
  let values = 1;
  let lastKey: [number, number] | undefined;
  let lastSignificant = 0;
  let itemsSpanStart = -1;
  let itemsSpan: [number, number] | undefined;
  let elementStart = -1;
  const elements: [number, number][] = [];
  const elementValues: number[] = [];
  let valuesAtElement = 0;
  const endElement = (end: number) => {
    if (elementStart >= 0) {
      elements.push([elementStart, end]);
      elementValues.push(values - valuesAtElement);
    }
    elementStart = -1;
  };
  const startElement = (at: number) => {
    elementStart = at;
    valuesAtElement = values;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      const start = i;
      for (i++; i < bytes.length; i++) {
        const c = bytes[i]!;
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) break;
      }
      if (depth === 1) lastKey = [start, i + 1];
      if (depth === 2 && itemsSpanStart >= 0 && elementStart < 0) startElement(start);
      lastSignificant = QUOTE;
      continue;
    }
    if (isSpace(b)) continue;
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      values++;
      if (depth === 1 && b === OPEN_BRACKET && lastSignificant === COLON && lastKey && bytes.subarray(lastKey[0], lastKey[1]).equals(ITEMS_KEY) && !itemsSpan) {
        itemsSpanStart = i;
      } else if (depth === 2 && itemsSpanStart >= 0 && elementStart < 0) {
        startElement(i);
      }
      depth++;
      if (depth > MAX_DEPTH) throw new UserError(`${label}: nested more than ${MAX_DEPTH} levels deep; no Kubernetes object is`);
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      if (depth === 2 && itemsSpanStart >= 0 && b === CLOSE_BRACKET) {
        endElement(i);
        itemsSpan = [itemsSpanStart, i + 1];
        itemsSpanStart = -1;
      }
      depth--;
    } else if (b === COMMA) {
      values++;
      if (depth === 2 && itemsSpanStart >= 0) endElement(i);
    } else if (depth === 2 && itemsSpanStart >= 0 && elementStart < 0) {
      startElement(i); // a scalar item: JSON.parse will say what is wrong with it
    }
    lastSignificant = b;
  }
  return itemsSpan ? { values, items: { span: itemsSpan, elements, elementValues } } : { values };
}

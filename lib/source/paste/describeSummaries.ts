// describe's container fields written on one line, as people sum them up in chat or a ticket:
// `Last State: Terminated, Reason: OOMKilled, Exit Code: 137`, `State: Waiting (Reason: CrashLoopBackOff)`,
// `Reason: Error | Exit Code: 1`. Each becomes the describe line it names, nested as describe nests them, so
// the describe reader reads them. Every value must be one the field holds (a state, a container reason, a
// number): "Reason: the pod is slow, Exit Code: unknown" is no summary.
import { messageTheSentenceShows } from './proseIntroduction.ts';
import { isContainerReason } from './rowStatus.ts';
import { timeOfSentence, type SentenceTime } from './sentenceTime.ts';

type Field = 'State' | 'Last State' | 'Reason' | 'Exit Code' | 'Signal' | 'Restart Count';

const LABEL = /\b(Last State|State|Reason|Exit Code|Signal|Restart Count)\s*:\s*/g;

const VALUE: Record<Field, RegExp> = {
  'State': /^(?:Waiting|Running|Terminated)\b/,
  'Last State': /^(?:Waiting|Running|Terminated)\b/,
  'Reason': /^[A-Z][A-Za-z]+\b/,
  'Exit Code': /^-?\d+\b/,
  'Signal': /^\d+\b/,
  'Restart Count': /^\d+\b/,
};

/** What may stand between two fields: commas, pipes, semicolons, parentheses, quotes, "and". */
const BETWEEN = /^[\s,|;()[\]`'"-]*(?:and\s+)?$/;

/** What may start a line before its first field: indentation, a list bullet, a quote or backtick. */
const LINE_START = /^\s*(?:[-*]\s+)?[`'"]?$/;

/** The fields of a one-line summary with their values, in order; undefined when any value does not fit its field. */
function fieldsOf(text: string): { start: number; fields: [Field, string][] } | undefined {
  const labels = [...text.matchAll(LABEL)];
  if (labels.length < 2) return undefined;
  const fields: [Field, string][] = [];
  for (let i = 0; i < labels.length; i++) {
    const m = labels[i]!;
    const field = m[1] as Field;
    const from = m.index + m[0].length;
    const segment = text.slice(from, labels[i + 1]?.index ?? text.length);
    const value = VALUE[field].exec(segment)?.[0];
    if (value === undefined || (field === 'Reason' && !isContainerReason(value))) return undefined;
    const after = segment.slice(value.length);
    if (i < labels.length - 1 && !BETWEEN.test(after)) return undefined;
    fields.push([field, value]);
  }
  return { start: labels[0]!.index, fields };
}

/** The describe lines the fields stand for: a state's reason and exit code nested under it, the others beside it. */
function describeLines(indent: string, fields: [Field, string][], underDescribeState: boolean): string[] {
  const out: string[] = [];
  const stated = fields.some(([f]) => f === 'State' || f === 'Last State');
  // A reason with an exit code and no state named is how the container last ended (it is restarting, or done),
  // unless the line sits under a describe's State or Last State already.
  if (!stated && !underDescribeState && fields.some(([f]) => f === 'Exit Code' || f === 'Signal')) out.push(`${indent}Last State: Terminated`);
  let underState = !stated && out.length > 0;
  for (const [field, value] of fields) {
    if (field === 'State' || field === 'Last State') {
      out.push(`${indent}${field}: ${value}`);
      underState = true;
    } else if (field === 'Restart Count') {
      out.push(`${indent}${field}: ${value}`);
      underState = false;
    } else out.push(`${indent}${underState ? '  ' : ''}${field}: ${value}`);
  }
  return out;
}

/** What the sentence around a summary says of it: when it places it, and whether it calls the pod done. */
export interface SummarySentence {
  time: SentenceTime;
  /** The sentence calls the pod a job, or says it finished: a current state that ended with exit code 0 is its completion. */
  finished: boolean;
}

/**
 * The describe lines a one-line summary stands for: at the start of a line (`Last State: Terminated | Reason:
 * Error`, `lines` only), or at the end of a sentence that shows it ("describe says Last State: Terminated, Reason:
 * OOMKilled, Exit Code: 137", with `sentence`), not one that only talks about it ("if describe says Reason: OOMKilled,
 * Exit Code: 137 …"). `inDescribe`: the line is inside a describe, where an indented one is nested under its State already.
 */
export function describeSummary(text: string, inDescribe: boolean): { lines: string[]; sentence?: SummarySentence } | undefined {
  if (text.length > 1024 || !text.includes(':')) return undefined;
  const found = fieldsOf(text);
  if (!found) return undefined;
  const before = text.slice(0, found.start);
  if (LINE_START.test(before)) {
    const indent = /^\s*/.exec(before)![0];
    return { lines: describeLines(indent, found.fields, inDescribe && indent !== '') };
  }
  if (messageTheSentenceShows(before, text.slice(found.start)) === undefined) return undefined;
  return { lines: describeLines('', found.fields, false), sentence: { time: timeOfSentence(before, text), finished: FINISHED.test(before) && !NOT_FINISHED.test(before) } };
}


/** Words that call a pod a Job's, or say it ran to its end. */
const FINISHED = /\b(?:(?:cron)?jobs?|finished|completed|succeeded|ran to completion|exited successfully)\b/i;
const NOT_FINISHED = /\b(?:(?:not|never|n't)\s+(?:\w+\s+)?(?:finish|finished|complete|completed|succeed|succeeded)|restart(?:s|ing|ed)?|crash(?:es|ing|ed|loop\w*)?|back-?off)\b/i;

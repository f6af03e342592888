// When a sentence places what it quotes: now ("describe says …"), an earlier moment ("Two days ago describe
// showed …", "yesterday it said …"), or a state it says is over ("It was like this before I fixed it: …",
// "… and it has been fine since"). A quote of the past or of what is over is history: it never overrides
// kubectl's current output.
import { speaksOfThePast } from './proseIntroduction.ts';

export type SentenceTime = 'now' | 'past' | 'over';

const COUNT = String.raw`(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?|several)`;
const UNIT = String.raw`(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?)`;
/** "two days ago", "3h ago", "a few minutes ago". */
const AGO = new RegExp(String.raw`\b${COUNT}\s*${UNIT}\s+ago\b`, 'i');
const EARLIER = /\b(?:yesterday|earlier|previously|last\s+(?:week|night|month|year|time|run)|this\s+morning|back\s+then|at\s+(?:that|the)\s+time)\b/i;
/** A verb of showing, or being, in the past: "describe showed", "it said", "the state was". */
const SHOWED = /\b(?:showed|said|displayed|reported|printed|gave|was|were|had)\b/i;

/** Words saying the trouble has ended: "I fixed it", "it has been fine since", "works again". */
const ENDED = /\b(?:fixed|resolved|solved)\b|\b(?:has|have|had)\s+been\s+(?:fine|ok|okay|stable|healthy|good)\b|\b(?:works|working|runs|running)\s+(?:fine|ok|okay|again)\b/i;
/** …unless they are denied, or the trouble goes on: "not fixed", "still restarts". */
const GOES_ON = /\bstill\b|\b(?:not|never|n't)\s+(?:\w+\s+)?(?:fixed|resolved|solved|fine|ok|okay|stable|healthy|good)\b/i;

/** The words of the clause `before` ends with: what introduces the quote. */
function lastClause(before: string): string {
  const parts = before.split(/[.;,!?](?=\s)/);
  return parts[parts.length - 1] ?? '';
}

/** The part of the sentence that leads to the quote, after any contrast: "I fixed X, but now describe says". */
function leadingPart(before: string): string {
  const parts = before.split(/[.;!?](?=\s)|\bbut\b/i);
  return parts[parts.length - 1] ?? '';
}

/**
 * When the sentence on `line` places the quote that follows `before` (the line's words before it). Only the
 * clause introducing the quote, and what follows the quote, can say it is over: an earlier clause's "I fixed
 * the configmap" or "runs fine on my laptop" is about something else.
 */
export function timeOfSentence(before: string, line: string): SentenceTime {
  const leading = leadingPart(before);
  const around = `${leading} ${line.slice(before.length)}`;
  if (speaksOfThePast(leading, around) || (ENDED.test(around) && !GOES_ON.test(around))) return 'over';
  const clause = lastClause(before);
  return AGO.test(clause) || EARLIER.test(clause) || SHOWED.test(clause) ? 'past' : 'now';
}

// Whether a sentence that carries a known message shows it happening, or only talks about it: a message
// introduced as an example ("messages like: …", "such as `…`"), denied ("Never seen this: …"), a possibility
// ("you may see: …"), asked about
// (the sentence ends in `?`) or written with placeholders (`Failed to pull image "<image>": <reason>`) is no event.
import { NAME_RUN } from './objectNames.ts';

/** The clause just before the message ends in an example's introduction, maybe with a colon, dash or quote. */
const EXAMPLE = /\b(?:like|such as|e\.g\.?|i\.e\.?|for example|for instance|similar to)(?:\s+(?:this|these|that|those))?\s*(?:[:—–]|\s-)?\s*["'(`]?\s*$/i;

/** A person reporting what they saw ("I get errors like this:", "our pod shows something like:"): what follows is theirs. */
const REPORT = /\b(?:I|I'm|I've|I'd|me|my|we|we're|we've|us|our|this|these)\b|\blike\s+(?:this|that|these|those)\b/i;

/** A runbook's or a guide's list: "Common statuses:", "Troubleshooting guide:", "Possible causes:". */
const REFERENCE =
  /\b(?:common|typical|possible|usual|frequent|known|other)\s+(?:\w+\s+)?(?:statuses|states|errors|reasons|causes|messages|events|issues|problems|failures)\b|\b(?:guide|cheat\s?sheet|glossary|reference|checklist)\b/i;

/** The clause a line's closing colon ends ("Troubleshooting guide, common statuses:"), or undefined. */
function clauseBeforeColon(line: string): string | undefined {
  const colon = /:\s*$/.exec(line);
  if (!colon) return undefined;
  const body = line.slice(0, colon.index);
  return body.slice(body.lastIndexOf(':') + 1);
}

/**
 * A sentence about one pod ("Pod web-1 is stuck.", "the pod is failing"): "Events look like:" after it
 * introduces that pod's own output, unless the words are a possibility ("if the pod is stuck, …").
 */
const ABOUT_THE_POD = new RegExp(String.raw`\b(?:pod\s+(?=[a-z0-9.-]*[-0-9])${NAME_RUN}|the\s+pod\s+(?:is|was|keeps|has|shows|stays|gets))\b`, 'i');

/**
 * A line that ends by introducing examples, as a runbook or a doc does ("look for messages like:", "for
 * example:", "Common statuses:"): the list items or the block after it are no evidence. A person's report,
 * or words about the pod in question, are not that.
 */
export function introducesExamples(line: string): boolean {
  if (!/\S/.test(line) || REPORT.test(line)) return false;
  const end = line.replace(/[*_]+\s*$/, '');
  const clause = clauseBeforeColon(end);
  if (clause !== undefined && REFERENCE.test(clause)) return true;
  return EXAMPLE.test(end) && !(ABOUT_THE_POD.test(line) && !HYPOTHETICAL.test(line));
}

/** A denial in the clause that introduces the message. */
const DENIAL = /\b(?:never|not|no|nothing|without|none)\b|n't\b/i;

/** A possibility rather than a report ("you may see …", "if you get …", "it would say …"). */
const HYPOTHETICAL = /\b(?:may|might|could|would|should|will|if|whenever|unless)\b|\b(?:you|it)'(?:ll|d)\b/i;

/** A placeholder a doc writes where a real message has its values: `<image>`, `<pod-name>`. */
const PLACEHOLDER = /<[a-z][\w .-]*>/i;

/**
 * Where the writer's sentence ends: `?` or `!` before a space or the end, or `.` before the writer's next
 * sentence. Component messages have sentences of their own ("The node was low on resource: memory. Container
 * web was using …"), so a `.` ends the message only before words a person starts a sentence with.
 */
const SENTENCE_END =
  /[?!](?=\s|$)|\.(?=\s+(?:I|I'm|I've|We|We're|Any|Anyone|Is|Are|Does|Do|Did|Can|Could|How|What|Why|When|Where|Thanks|Thank|Please|Help|Has|Have|So|But|Also|It|This|That|Then|After|Now)\b)/;

/** How many words before the message a denial governs it ("Never seen this one:", "we don't get `…`"). */
const DENIAL_REACH = 4;

/**
 * The words of `before` (the text before the message on its line) that introduce it: the last few of its
 * clause. A denial further back is of something else ("I am not able to install it as I get `…`").
 */
function introducingWords(before: string): string {
  const sentences = before.split(/[.?!](?=\s)/);
  const clauses = (sentences[sentences.length - 1] ?? '').split(/[,;]/);
  return (clauses[clauses.length - 1] ?? '').trim().split(/\s+/).slice(-DENIAL_REACH).join(' ');
}

/** A state the sentence says is over: "it was in … until I created the configmap", "had been … yesterday". */
const OVER = /\b(?:was|were|had been|used to)\b/i;
const OVER_CUE = /\b(?:yesterday|earlier|previously|before|until|fixed|resolved|solved|no longer|anymore|last (?:week|night|time))\b/i;

/** Whether `before` (the words before a STATUS) and the sentence around it speak of a state that is over. */
export function speaksOfThePast(before: string, sentence: string): boolean {
  return OVER.test(before) && OVER_CUE.test(sentence);
}

/**
 * The message a sentence shows happening, cut at the end of its sentence; undefined when the sentence only
 * talks about it. `before` is the line before the message, `rest` the line from the message on.
 */
export function messageTheSentenceShows(before: string, rest: string): string | undefined {
  const introducing = introducingWords(before);
  if (EXAMPLE.test(before) || DENIAL.test(introducing) || HYPOTHETICAL.test(introducing)) return undefined;
  const end = SENTENCE_END.exec(rest);
  if (end && end[0] === '?') return undefined;
  const message = end ? rest.slice(0, end.index + (end[0] === '.' ? 1 : 0)) : rest;
  return PLACEHOLDER.test(message) ? undefined : message;
}

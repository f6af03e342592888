// Whether a sentence that carries a known message shows it happening, or only talks about it: a message
// introduced as an example ("messages like: …", "such as `…`"), denied ("Never seen this: …"), a possibility
// ("you may see: …"), asked about
// (the sentence ends in `?`) or written with placeholders (`Failed to pull image "<image>": <reason>`) is no event.

/** The clause just before the message ends in an example's introduction, maybe with a colon, dash or quote. */
const EXAMPLE = /\b(?:like|such as|e\.g\.?|i\.e\.?|for example|for instance|similar to)(?:\s+(?:this|these|that|those))?\s*(?:[:—–]|\s-)?\s*["'(`]?\s*$/i;

/** A person reporting what they saw ("I get errors like this:", "our pod shows something like:"): what follows is theirs. */
const REPORT = /\b(?:I|I'm|I've|I'd|me|my|we|we're|we've|us|our|this|these)\b|\blike\s+(?:this|that|these|those)\b/i;

/**
 * A line that ends by introducing examples, as a runbook or a doc does ("look for messages like:", "for
 * example:"): the list items or the block after it are no evidence. A person's report is not that.
 */
export function introducesExamples(line: string): boolean {
  return /\S/.test(line) && EXAMPLE.test(line.replace(/[*_]+\s*$/, '')) && !REPORT.test(line);
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

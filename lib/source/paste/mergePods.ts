// Two readings of one pod joined: what a describe, a row, a sentence or a log says about it, each filling
// what the other left out.
import type { PastedContainer, PastedPod } from './model.ts';

function mergeInto<T extends object>(target: T, source: T): void {
  for (const [k, v] of Object.entries(source)) {
    if (v !== undefined && (target as Record<string, unknown>)[k] === undefined) (target as Record<string, unknown>)[k] = v;
  }
}

/** Adds what `from` says to `into`; `into` wins where both say something. */
export function mergePod(into: PastedPod, from: PastedPod): void {
  const { labels, nodeSelector, tolerations, conditions, containers, volumes, events, logs, sections, declared, initLogs, ...scalars } = from;
  mergeInto(into, scalars as PastedPod);
  Object.assign(into.labels, { ...labels, ...into.labels });
  Object.assign(into.nodeSelector, { ...nodeSelector, ...into.nodeSelector });
  into.tolerations.push(...tolerations);
  into.conditions.push(...conditions.filter((c) => !into.conditions.some((x) => x.type === c.type)));
  // kubectl's containers after a sentence's: theirs is the order (and the list) the sentence's join.
  const wordsOnly = into.containers.length > 0 && into.containers.every((c) => c.fromProse) && containers.some((c) => !c.fromProse);
  const [base, added] = wordsOnly ? [containers, into.containers] : [into.containers, containers];
  into.containers = [...base];
  for (const c of added) mergeContainer(into.containers, c);
  into.volumes.push(...volumes.filter((v) => !into.volumes.some((x) => x.name === v.name)));
  if (events) into.events = [...(into.events ?? []), ...events];
  for (const [name, l] of logs) {
    const entry = into.logs.get(name) ?? {};
    mergeInto(entry, l);
    into.logs.set(name, entry);
  }
  for (const s of sections) into.sections.add(s);
  for (const name of initLogs) into.initLogs.add(name);
  into.declared.push(...declared.filter((d) => !into.declared.some((x) => x.name === d.name)));
}

/**
 * A container the pod already has by that name is the same container: kubectl's output (a describe) outranks a
 * sentence's STATUS, and each fills what the other left out (the describe's exit code, the sentence's message).
 */
function mergeContainer(list: PastedContainer[], c: PastedContainer): void {
  const i = c.name === undefined ? -1 : list.findIndex((x) => x.name === c.name && x.init === c.init);
  if (i < 0) {
    list.push(c);
    return;
  }
  const known = list[i]!;
  const [winner, other] = known.fromProse && !c.fromProse ? [c, known] : [known, c];
  const prose = winner.fromProse;
  mergeInto(winner, other);
  if (!prose) delete winner.fromProse;
  list[i] = winner;
}

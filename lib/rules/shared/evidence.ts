// Builders for the evidence entries every rule cites, so refs read the same across rules.
import { formatArgv, type PodContainer, specPath, statusPath, argv } from '../../bundle/containers.ts';
import type { ContainerStateTerminated } from '../../bundle/k8s.ts';
import { collapseLines, formatCollapsed } from '../../bundle/logs.ts';
import type { PodEvent } from '../../bundle/types.ts';
import type { Evidence } from '../types.ts';

/** The container's command and args as one evidence line. */
export function commandEvidence(c: PodContainer): Evidence | undefined {
  const args = argv(c.spec);
  if (args.length === 0) return undefined;
  const field = c.spec.command?.length ? 'command' : 'args';
  return { source: 'spec', ref: specPath(c, field), text: formatArgv(args) };
}

export function eventEvidence(e: PodEvent): Evidence {
  const count = e.count > 1 ? ` (x${e.count})` : '';
  return { source: 'event', ref: `${e.type} ${e.reason}`, text: `${e.message}${count}` };
}

/** Log lines, repeats collapsed with their count ("… (x37)"), at most `max` distinct lines. */
export function logEvidence(container: string, lines: readonly string[], which: 'current' | 'previous', max = 6): Evidence | undefined {
  if (lines.length === 0) return undefined;
  const collapsed = collapseLines(lines);
  const shown = collapsed.length > max ? collapsed.slice(-max) : collapsed;
  return {
    source: 'log',
    ref: which === 'previous' ? `${container} (previous)` : container,
    text: shown.map(formatCollapsed).join('\n'),
  };
}

/** "exit code 0 (Completed) after 1s, finished 2026-…" for a terminated state. */
export function describeTermination(t: ContainerStateTerminated): string {
  // A paste may show the reason without the code: say so rather than print a placeholder.
  const parts = [t.exitCode === undefined ? `${t.reason ?? 'terminated'} (exit code not shown)` : `exit code ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}`];
  if (t.signal) parts.push(`signal ${t.signal}`);
  if (t.message) parts.push(`message: ${t.message.trim()}`);
  return parts.join(', ');
}

export function terminationEvidence(c: PodContainer, which: 'state' | 'lastState', t: ContainerStateTerminated, extra?: string): Evidence {
  return { source: 'status', ref: statusPath(c, `${which}.terminated`), text: describeTermination(t) + (extra ? `, ${extra}` : '') };
}

export function waitingEvidence(c: PodContainer): Evidence | undefined {
  const w = c.status?.state?.waiting;
  if (!w?.reason) return undefined;
  return { source: 'status', ref: statusPath(c, 'state.waiting'), text: w.message?.trim() ? `${w.reason}: ${w.message.trim()}` : w.reason };
}

/** A summary that ends in the clause saying it rests on partial evidence: "… (inferred from events; …)." */
export function withClause(summary: string, clause: string | undefined): string {
  return clause ? `${summary.replace(/\.$/, '')} (${clause}).` : summary;
}

export function compact<T>(items: (T | undefined | null | false)[]): T[] {
  return items.filter((x): x is T => x !== undefined && x !== null && x !== false);
}

/** The items in order, keeping only the first of those that share a key. */
export function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Evidence without repeats (same source, ref and text). */
export function uniqueEvidence(evidence: Evidence[]): Evidence[] {
  return uniqueBy(evidence, (e) => `${e.source}|${e.ref}|${e.text}`);
}

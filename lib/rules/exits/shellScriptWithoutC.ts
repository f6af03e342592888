// `command: [sh, "while true; do …; done"]`: without -c a shell opens its first operand as a script FILE,
// so a script written inline fails at once with "can't open" / "No such file or directory".
import { containerLabel, podContainers, statusPath, type PodContainer } from '../../bundle/containers.ts';
import { logLines, splitLines, type LogWhich } from '../../bundle/logs.ts';
import type { Bundle } from '../../bundle/types.ts';
import { commandEvidence, compact, logEvidence, terminationEvidence, waitingEvidence } from '../shared/evidence.ts';
import { jsonPatchCommand, recreateAdvice, templateContainerPath, yamlFlow } from './containerFixes.ts';
import { firstLine, looksLikeScriptPath, looksLikeScriptText, parseShellInvocation, type ShellInvocation } from './shellInvocation.ts';
import { logOfExit } from './startSignals.ts';
import { isCrashLoopBackOff, lastExit, restartCount } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';

const ID = 'shell-script-without-c';
const CANT_OPEN = /can't open|cannot open|no such file|can't open input file/i;
/** Exit codes shells use when they cannot open the script file: busybox ash and new dash 2, bash, zsh and old dash 127. */
const CANT_OPEN_EXIT_CODES = new Set([2, 127]);

/** Shorten a script for a one-line summary. */
export function shortScript(script: string, max = 48): string {
  const line = firstLine(script);
  const multi = splitLines(script).length > 1;
  return line.length > max ? `${line.slice(0, max - 1)}…` : multi ? `${line} …` : line;
}

interface Confirmation {
  evidence: Evidence;
  line: string;
}

/** A shell's "can't open" line that names the operand, in the termination message or a log of the container. */
function confirmByLog(bundle: Bundle, c: PodContainer, operand: string, preferred: LogWhich): Confirmation | undefined {
  const needle = firstLine(operand).slice(0, 40);
  if (!needle) return undefined;
  const matches = (l: string) => l.includes(needle) && CANT_OPEN.test(l);
  for (const which of [preferred, preferred === 'current' ? 'previous' : 'current'] as const) {
    const lines = logLines(bundle, c.name, which) ?? [];
    const hits = lines.filter(matches);
    const evidence = logEvidence(c.name, hits, which, 2);
    if (evidence) return { evidence, line: hits[0]! };
  }
  for (const which of ['state', 'lastState'] as const) {
    const t = c.status?.[which]?.terminated;
    const line = t?.message ? splitLines(t.message).find(matches) : undefined;
    if (t && line) return { evidence: terminationEvidence(c, which, t), line };
  }
  return undefined;
}

function correctedWords(c: PodContainer, inv: ShellInvocation): string[] {
  const list = [...((inv.operandField === 'command' ? c.spec.command : c.spec.args) ?? [])];
  list.splice(inv.operandIndex ?? 0, 0, '-c');
  return list;
}

function fixes(bundle: Bundle, c: PodContainer, inv: ShellInvocation): Fix[] {
  const field = inv.operandField ?? 'args';
  const corrected = correctedWords(c, inv);
  const out: Fix[] = [
    {
      description: `Add -c before the script so the shell runs it as commands: ${field}: ${yamlFlow(corrected)}` +
        (field === 'args' && c.spec.command?.length ? ` (command stays ${yamlFlow(c.spec.command)})` : ''),
    },
  ];
  const command = jsonPatchCommand(bundle.pod, [{ op: 'add', path: `${templateContainerPath(c)}/${field}/${inv.operandIndex ?? 0}`, value: '-c' }]);
  if (command) out.push({ description: 'Or patch the workload\'s pod template in place:', command });
  else out.push({ description: recreateAdvice(bundle.pod) });
  return out;
}

function restartsText(c: PodContainer): string {
  const n = restartCount(c);
  if (c.kind === 'init' && !c.sidecar) return `The pod cannot start its other containers until this init container succeeds${n ? `; it has been restarted ${n} time${n === 1 ? '' : 's'}` : ''}.`;
  if (!n) return '';
  return `The kubelet has restarted it ${n} time${n === 1 ? '' : 's'}${isCrashLoopBackOff(c) ? ' and now backs off between restarts (CrashLoopBackOff)' : ''}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const BAD_OPTION = /invalid option|illegal option|bad option/i;

/** `["bash", "-c echo hi"]`: -c and the script in one array element; the shell parses the whole word as options. */
function joinedFinding(bundle: Bundle, c: PodContainer, shell: string, joined: NonNullable<ShellInvocation['joinedC']>): Finding {
  const exit = lastExit(c);
  const which = logOfExit(exit, bundle, c);
  const lines = logLines(bundle, c.name, which) ?? [];
  const hits = lines.filter((l) => BAD_OPTION.test(l)).slice(0, 1);
  const logEv = logEvidence(c.name, hits, which);
  const code = exit?.terminated.exitCode;
  const word = `${joined.option} ${joined.script}`;
  const list = [...((joined.field === 'command' ? c.spec.command : c.spec.args) ?? [])];
  list.splice(joined.index, 1, joined.option, joined.script);
  const fixes: Fix[] = [
    {
      description: `Write the option and the script as two array elements: ${joined.field}: ${yamlFlow(list)}` +
        (joined.field === 'args' && c.spec.command?.length ? ` (command stays ${yamlFlow(c.spec.command)})` : ''),
    },
  ];
  const patch = jsonPatchCommand(bundle.pod, [{ op: 'replace', path: `${templateContainerPath(c)}/${joined.field}`, value: list }]);
  fixes.push(patch ? { description: 'Or patch the workload\'s pod template in place:', command: patch } : { description: recreateAdvice(bundle.pod) });
  return {
    rule: ID,
    severity: 'critical',
    container: c.name,
    summary: `${capitalise(containerLabel(c))} gives ${shell} "${joined.option}" and its script as one argument ("${shortScript(word)}"), which the shell rejects as an invalid option${code !== undefined ? ` and exits with code ${code}` : ''}.`,
    explanation: [
      'Each element of command/args is passed as exactly one argument, without a shell splitting it. ' +
        `${shell} receives the single word "${shortScript(word, 80)}", reads it as a cluster of one-letter options (${joined.option}, then a space, …) and stops at the first one it does not know ` +
        '(bash: "invalid option", dash and busybox: "Illegal option", exit code 2). The script never runs.',
      restartsText(c),
      hits[0] ? `The log shows it: "${hits[0].trim()}".` : '',
    ]
      .filter(Boolean)
      .join(' '),
    evidence: compact([
      commandEvidence(c),
      exit ? terminationEvidence(c, exit.which, exit.terminated) : undefined,
      restartCount(c) ? { source: 'status' as const, ref: statusPath(c, 'restartCount'), text: String(restartCount(c)) } : undefined,
      waitingEvidence(c),
      logEv,
    ]),
    fixes,
  };
}

export const rule: Rule = {
  meta: {
    id: 'shell-script-without-c',
    severity: 'critical',
    title: 'Shell given a script as a file name (missing -c)',
    needs: ['logs', 'events'],
    layer: 60,
  },
  check(bundle) {
    const findings: Finding[] = [];
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral') continue;
      const inv = parseShellInvocation(c.spec);
      if (inv?.joinedC && inv.shell !== undefined) {
        findings.push(joinedFinding(bundle, c, inv.shell, inv.joinedC));
        continue;
      }
      if (!inv || inv.hasC || inv.operand === undefined) continue;
      const operand = inv.operand;
      // A real path (`/scripts/run.sh`, `entrypoint.sh`) is a script file: if it is missing, that is command-not-found.
      if (looksLikeScriptPath(operand)) continue;
      const exit = lastExit(c);
      const confirmation = confirmByLog(bundle, c, operand, logOfExit(exit, bundle, c));
      const scriptText = looksLikeScriptText(operand);
      // A bare word (`sh echo`) or an entrypoint we cannot see may be a real file: only the log can tell.
      if (!confirmation && (!scriptText || inv.shell === undefined)) continue;

      const shell = inv.shell ?? 'the image\'s entrypoint shell';
      const code = exit?.terminated.exitCode;
      const codeMatches = code !== undefined && CANT_OPEN_EXIT_CODES.has(code);
      // "looks for a file of that name[, cannot open it,][ and exits with code N]": never a dangling comma.
      const after = [confirmation ? 'cannot open it' : undefined, code !== undefined ? `exits with code ${code}` : undefined].filter((x) => x !== undefined);
      const outcome = after.length === 2 ? `, ${after[0]}, and ${after[1]}` : after.length === 1 ? ` and ${after[0]}` : '';
      const quoted = `"${shortScript(operand)}"`;
      const confirmationText = confirmation
        ? `The log confirms it: "${confirmation.line}".`
        : codeMatches
          ? `No log line was available to confirm it, but exit code ${code} is what shells return when they cannot open a script file.`
          : exit
            ? `The log does not show the shell's error, but the spec alone makes the failure certain.`
            : 'The container has not run yet, so no log confirms it; the spec alone makes the failure certain.';
      findings.push({
        rule: ID,
        severity: 'critical',
        container: c.name,
        summary: `${capitalise(containerLabel(c))} passes the script ${quoted} to ${inv.shell ?? 'a shell'} without -c, so the shell looks for a file of that name${outcome}.`,
        explanation: [
          'A shell started as "sh WORD" reads its commands from the file named WORD; only "sh -c STRING" runs STRING as commands.',
          `In ${containerLabel(c)} the first operand of ${shell} is the script itself ("${shortScript(operand, 80)}"), which ${scriptText ? 'contains spaces or shell syntax and ' : ''}is not a file in the image,` +
            ' so the shell stops immediately with "can\'t open" / "No such file or directory" (busybox ash and newer dash exit 2, bash, zsh and older dash exit 127).',
          restartsText(c),
          confirmationText,
        ]
          .filter(Boolean)
          .join(' '),
        evidence: compact([
          commandEvidence(c),
          exit ? terminationEvidence(c, exit.which, exit.terminated) : undefined,
          restartCount(c) ? { source: 'status' as const, ref: statusPath(c, 'restartCount'), text: String(restartCount(c)) } : undefined,
          waitingEvidence(c),
          confirmation && confirmation.evidence.source === 'log' ? confirmation.evidence : undefined,
        ]),
        fixes: fixes(bundle, c, inv),
      });
    }
    return findings;
  },
};

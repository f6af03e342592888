// CrashLoopBackOff although nothing failed: the process exits 0 and restartPolicy Always restarts it.
import { argv, formatArgv, podContainers, restartPolicyOf, statusPath } from '../../bundle/containers.ts';
import { logLines } from '../../bundle/logs.ts';
import { containerSpecShown, podSpecShown } from '../../bundle/specShown.ts';
import { humanDuration } from '../../bundle/time.ts';
import { commandEvidence, compact, logEvidence, terminationEvidence, waitingEvidence } from '../shared/evidence.ts';
import { exitedSuccessfully, isCrashLoopBackOff, lastExit, restartCount, runMillis } from '../../bundle/termination.ts';
import type { Finding, Rule } from '../types.ts';
import { finishingCommandFixes } from './finishingCommandFixes.ts';
import { livenessKillLookalike } from './livenessKillLookalike.ts';

/** Restarts that show a loop even when the status is caught between two back-offs. */
const REPEATED_RESTARTS = 3;


/** Why a command that should serve returns at once, when its words show it: a backgrounded server, a daemonising one. */
export function daemonHint(command: string[]): string | undefined {
  const text = command.join(' ');
  const script = text.replace(/\s+/g, ' ').trim();
  // `server &` as the last command (or `server & other-short-thing`): the shell exits, and the container with it
  if (/[^&]&\s*(?:$|;|\n)|[^&]&\s+(?:echo|sleep \d+\s*$|true\b|exit\b)/.test(script)) {
    return 'Its script starts the program in the background with "&" and then reaches its end: the container lives only as long as its main process (the shell), so it stops at once. Run the program in the foreground (drop the "&", or end the script with exec <program> or wait).';
  }
  const first = command[0]?.slice(command[0].lastIndexOf('/') + 1);
  if (first === 'nginx' && !/daemon off/.test(text)) {
    return 'nginx forks into the background by default and its first process exits: run it as nginx -g "daemon off;" (the official image\'s default command does this).';
  }
  if (/\b(?:service \S+ start|systemctl start|\/etc\/init\.d\/\S+ start)\b|\bapachectl\s+(?:-k\s+)?start\b|--daemonize(?:=|\s+)yes\b/.test(text)) {
    return 'Its command starts a service that detaches into the background (an init script, or a daemon mode), so the container\'s main process returns at once: run the program itself in the foreground (for example apachectl -D FOREGROUND, redis-server --daemonize no).';
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'short-lived-command',
    severity: 'critical',
    title: 'Container exits 0 under restartPolicy Always',
    needs: ['logs', 'events'],
    layer: 70,
    // A liveness kill of an app that exits 0 on SIGTERM (nginx, many Go servers) looks the same here.
    supersededBy: ['liveness-probe-failing'],
  },
  check(bundle) {
    const findings: Finding[] = [];
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral' || (c.kind === 'init' && !c.sidecar)) continue;
      if (restartPolicyOf(bundle.pod, c) !== 'Always') continue;
      const exit = lastExit(c);
      if (!exit || !exitedSuccessfully(exit.terminated)) continue;
      const restarts = restartCount(c);
      const looping = isCrashLoopBackOff(c) || (exit.which === 'state' && restarts > 0) || restarts >= REPEATED_RESTARTS;
      if (!looping) continue;

      const ran = runMillis(exit.terminated);
      const command = argv(c.spec);
      const which = exit.which === 'state' ? 'current' : 'previous';
      const lines = logLines(bundle, c.name, which) ?? [];
      const probeKill = livenessKillLookalike(bundle, c, ran);
      findings.push({
        rule: 'short-lived-command',
        severity: 'critical',
        container: c.name,
        summary: `Container ${c.name} exits successfully (${exit.terminated.exitCode === undefined ? 'reason Completed, which the kubelet gives only to exit code 0' : 'exit code 0'})${ran !== undefined ? ` after ${humanDuration(ran)}` : ''}, and restartPolicy Always restarts it over and over.`,
        explanation:
          `With restartPolicy Always the kubelet restarts a container whenever it exits, even with exit code 0. ` +
          `${c.name} ${command.length ? `runs "${formatArgv(command)}", which` : containerSpecShown(bundle, c) ? 'runs its image\'s default command, which' : 'runs a command (the input does not show which) that'} finishes instead of running for good, ` +
          `so the kubelet has restarted it ${restarts} time${restarts === 1 ? '' : 's'} and now waits longer between restarts (CrashLoopBackOff). ` +
          (probeKill ? 'Most likely nothing failed: the command is not a long-running process.' : 'Nothing failed: the command is simply not a long-running process.') +
          (daemonHint(command) ? ` ${daemonHint(command)}` : '') +
          (probeKill ? ` ${probeKill.sentence}` : ''),
        evidence: compact([
          commandEvidence(c),
          terminationEvidence(c, exit.which, exit.terminated, ran !== undefined ? `ran for ${humanDuration(ran)}` : undefined),
          { source: 'status', ref: statusPath(c, 'restartCount'), text: String(restarts) },
          waitingEvidence(c),
          bundle.pod.spec?.restartPolicy || podSpecShown(bundle)
            ? { source: 'spec', ref: 'spec.restartPolicy', text: bundle.pod.spec?.restartPolicy ?? 'Always (default)' }
            : { source: 'absent', ref: 'spec.restartPolicy', text: 'not shown in the input (Always unless the pod sets another; its CrashLoopBackOff says it restarts)' },
          logEvidence(c.name, lines.slice(-5), which),
        ]),
        fixes: [...(probeKill ? [probeKill.fix] : []), ...finishingCommandFixes(bundle, c.name, c.spec.image, command)],
      });
    }
    return findings;
  },
};

// Every bundle fixture, described by the real kubectl against the fake API server and read back as a
// paste, gives the primary rule of its JSON, except where describe cannot show the deciding evidence.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { describeRoundTrip, singlePodFixtures } from './describeRoundTrip.ts';

/** Fixtures whose deciding evidence `kubectl describe pod` does not print, and what it is. */
const DESCRIBE_CANNOT_SHOW: Record<string, string> = {
  'command-not-found--crlf': 'the log (the shell error naming the script)',
  'command-not-found--shell-127': 'the log (sh: not found)',
  'evicted--eviction-api': "the DisruptionTarget condition's reason (describe prints only type and status), and the capture time",
  'exec-format-error': 'the log (exec format error)',
  'exec-format-error--current-log-only': 'the log (exec format error)',
  'exec-format-error--old-runc': 'the log (exec format error)',
  'init-container-hanging--busybox-nslookup': 'the init container log and the Service list',
  'init-container-hanging--istio-redirect': 'the init container log and the Service list',
  'init-container-hanging--tool-missing': 'the init container log',
  'init-container-hanging--not-native-sidecar': "an init container's restartPolicy: Always (native sidecar)",
  'init-container-hanging--not-native-sidecar-proxy': "an init container's restartPolicy: Always (native sidecar)",
  'init-container-hanging--not-short-sleep': 'the capture time: a 2-minute init step read against today runs for days',
  'init-container-hanging--not-slow-migration': 'the capture time: a 4-minute migration read against today runs for days',
  'init-waiting-on-missing-service--crashloop': 'the init container log',
  'init-waiting-on-missing-service--log-only-busybox-1-36': 'the init container log (no status is shown: the log is the only evidence)',
  'image-pull-unauthorized--bare-name-with-pull-secret': "the pod's imagePullSecrets (describe does not print them)",
  'image-pull-failed--not-still-pulling': 'the capture time: describe measures event ages against today, so a start 42s old looks stuck for days',
  'init-waiting-on-missing-service--not-service-ready': 'the Service and its ready endpoints',
  'oom-killed--node-oom': "the node's SystemOOM events",
  'readiness-probe-failing': "the Ready condition's transition time",
  'readiness-probe-failing--app-waits-for-dependency': "the Ready condition's transition time",
  'readiness-probe-failing--not-container-gone': 'the capture time: describe measures ages against today, so a restart 10s old looks unready for days',
  'stuck-terminating--not-within-grace': 'the capture time: describe measures "Terminating (lasts …)" against today',
  'unschedulable-node-selector--condition-only': "the PodScheduled condition's message",
  'unschedulable-taints--selector-targets-control-plane': 'the nodes (which tainted node the selector matches)',
  'unexplained-problem--not-just-created': 'the capture time: describe measures ages against today, so a start 25s old looks stuck for days',
  'unexplained-problem--not-init-podinitializing-starting': 'the capture time: describe measures ages against today, so an init container PodInitializing for 2 minutes looks stuck for days',
  'unschedulable-resources--old-predicate-possibly-others': 'the event type: a pre-1.2 event has none, describe prints an empty Type column, and the paste reader does not read such a row yet',
  'unschedulable-resources--not-scheduling-gated': "the scheduling gate: describe prints neither spec.schedulingGates nor the PodScheduled condition's reason",
};

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

(hasKubectl ? describe : describe.skip)('kubectl describe pod, pasted, gives the primary rule of the JSON', function () {
  this.timeout(60_000);
  for (const fixture of singlePodFixtures()) {
    it(fixture, async () => {
      const r = await describeRoundTrip(fixture);
      if (fixture in DESCRIBE_CANNOT_SHOW) {
        assert.notEqual(r.fromDescribe, r.fromJson, `${fixture} now agrees: remove it from DESCRIBE_CANNOT_SHOW`);
      } else {
        assert.equal(r.fromDescribe, r.fromJson);
      }
    });
  }
});

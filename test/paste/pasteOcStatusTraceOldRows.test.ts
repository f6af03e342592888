// Shapes the reader missed in round 7 (classes only; test/paste/round7/README.md has their threads): `oc status`
// markers about pods, an entrypoint's shell trace as its log, 1.2–1.4 `get events` rows a copy cut inside their
// SOURCE, and an app container the events show only through its image. Each example is written from the
// component's own output format (oc's pod analysis, bash's xtrace, kubectl 1.2's event columns, the kubelet's
// pull events); each has look-alikes it must not take.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { parseCommand } from '../../lib/source/paste/commands.ts';
import { ocStatusMarker } from '../../lib/source/paste/ocStatusMarkers.ts';
import { joinCutRow, parseOldGetEventsRow } from '../../lib/source/paste/oldGetEventsRows.ts';
import { isShellTraceLine } from '../../lib/source/paste/shellTrace.ts';
import type { Bundle } from '../../lib/bundle/types.ts';
import { logText, notAPaste, onlyPod, refusal } from './readPaste.ts';

function primary(b: Bundle): string {
  return diagnose(b).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

function status(b: Bundle, name: string) {
  const s = b.pod.status?.containerStatuses?.find((c) => c.name === name);
  assert.ok(s, `no status for ${name}`);
  return s;
}

describe('paste: oc status markers about pods', () => {
  const SUGGESTION = (pod: string, container: string) =>
    `\n    The container is starting and exiting repeatedly. This usually means the container is unable\n    to start, misconfigured, or limited by security restrictions. Check the container logs with\n\n      oc logs ${pod} -c ${container}\n`;
  const STATUS = [
    '$ oc status --suggest',
    'In project shop on server https://api.ocp.example.com:6443',
    '',
    'svc/web - 172.30.12.44:8080',
    '  dc/web deploys istag/web:latest <-',
    '    deployment #3 deployed 12 minutes ago - 1 pod (warning: 7 restarts)',
    '',
    'Errors:',
    `  * pod/web-3-x7k2p is crash-looping\n${SUGGESTION('web-3-x7k2p', 'web')}`,
    'Any idea why?',
  ].join('\n');

  it('crash-looping: the container the suggestion names waits in CrashLoopBackOff, restarted, in the project', () => {
    const b = onlyPod(STATUS);
    assert.equal(b.pod.metadata?.name, 'web-3-x7k2p');
    assert.equal(b.pod.metadata?.namespace, 'shop');
    const s = status(b, 'web');
    assert.equal(s.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(s.ready, false);
    assert.ok((s.restartCount ?? 0) >= 1);
    // oc's advice is no command anyone ran: the chat after it is no log.
    assert.deepEqual(Object.keys(b.logs), []);
    assert.notEqual(primary(b), 'healthy');
  });

  it('a pod of several containers: the marker names the one crash-looping', () => {
    const b = onlyPod(`Errors:\n  * container "api" in pod/api-5-q9d2z is crash-looping\n${SUGGESTION('api-5-q9d2z', 'api')}`);
    assert.equal(status(b, 'api').state?.waiting?.reason, 'CrashLoopBackOff');
  });

  it('a restart warning gives the count, and no crash loop', () => {
    const b = onlyPod('Warnings:\n  * pod/worker-2-h8s4m has restarted 9 times\n');
    const [s] = b.pod.status?.containerStatuses ?? [];
    assert.equal(s?.restartCount, 9);
    // Each restart followed a termination; oc does not say how the last one ended, nor the state now.
    assert.ok(s?.lastState?.terminated);
    assert.equal(s?.lastState?.terminated?.exitCode, undefined);
    assert.notEqual(s?.state?.waiting?.reason, 'CrashLoopBackOff');
  });

  it('a recent restart: at least one, the last state terminated', () => {
    const [s] = onlyPod('Warnings:\n  * container "db" in pod/db-1-m2k8p has restarted within the last 10 minutes\n').pod.status?.containerStatuses ?? [];
    assert.equal(s?.name, 'db');
    assert.equal(s?.restartCount, 1);
    assert.ok(s?.lastState?.terminated);
  });

  it('look-alikes: a sentence, a question, a bullet of prose are no markers', () => {
    assert.equal(ocStatusMarker('I think pod/web-3-x7k2p is crash-looping again'), undefined);
    assert.equal(ocStatusMarker('  * pod/web-3-x7k2p is crash-looping?'), undefined);
    assert.equal(ocStatusMarker('  * pod/web-3-x7k2p is crash-looping because of the probe'), undefined);
    assert.deepEqual(ocStatusMarker('  * pod/web-3-x7k2p is crash-looping'), { pod: 'web-3-x7k2p', crashLooping: true, indent: 2 });
    notAPaste('I think pod/web-3-x7k2p is crash-looping again, any idea?\n');
  });
});

describe('paste: an entrypoint\'s shell trace is its container\'s log', () => {
  it('after a blank line in an unfenced log, the trace goes on with it, and the real ending follows', () => {
    const text = '$ kubectl logs web-5d8f7c9b4-x2x9q -c app\nStarting entrypoint\n\n+ export JAVA_OPTS=-Xmx512m\n++ hostname -i\n+ exec java -jar /app/app.jar\nError: Unable to access jarfile /app/app.jar\n\nAny idea what is wrong?\n';
    const log = logText(onlyPod(text), 'app');
    assert.match(log, /^Starting entrypoint\n/);
    assert.match(log, /\+ exec java -jar \/app\/app.jar\nError: Unable to access jarfile \/app\/app.jar\n$/);
  });

  it('unfenced after a sentence that announces a container\'s log: that container\'s log', () => {
    const b = onlyPod('Logs of the `app` container:\n\n+ set -e\n+ \'[\' -z \'\' \']\'\n+ exec java -jar /app/app.jar\nError: Unable to access jarfile /app/app.jar\n\nThanks!\n');
    assert.equal(logText(b, 'app'), "+ set -e\n+ '[' -z '' ']'\n+ exec java -jar /app/app.jar\nError: Unable to access jarfile /app/app.jar\n");
  });

  it('unfenced, of the pod a sentence names', () => {
    const b = onlyPod('The pod web-5d8f7c9b4-x2x9q keeps crashing:\n\n+ set -e\n++ hostname\n+ exec java -jar /app/app.jar\nError: Unable to access jarfile /app/app.jar\n');
    assert.equal(b.pod.metadata?.name, 'web-5d8f7c9b4-x2x9q');
    const [container] = Object.keys(b.logs);
    assert.match(logText(b, container!), /\+ exec java -jar \/app\/app.jar\nError: Unable to access jarfile/);
  });

  it('which lines are a trace', () => {
    for (const l of ['+ set -e', '++ hostname', "+ '[' '' = - ']'", '+ exec ', '+ HOST=web-1', '+ exec java -jar /app/app.jar', '+ /docker-entrypoint.sh nginx'])
      assert.ok(isShellTraceLine(l), l);
    // stern following a container, a diff's file header, a Markdown list item in words.
    for (const l of ['+ web-5d8f7c9b4-x2x9q › app', '+++ b/entrypoint.sh', '+ tried restarting the pod', '+ Set the env first'])
      assert.ok(!isShellTraceLine(l), l);
  });

  it('look-alikes: a diff\'s added lines and a Markdown list are no log', () => {
    notAPaste('The change I made:\n\n--- a/entrypoint.sh\n+++ b/entrypoint.sh\n@@ -1,2 +1,3 @@\n #!/bin/sh\n+set -e\n+ set -x\n exec "$@"\n');
    notAPaste('What I tried:\n+ tried restarting the pod\n+ Set the env first\n');
  });

  it('the trace alone, with nothing tying it to a pod, is refused as any unowned log is', () => {
    assert.match(refusal('+ set -e\n+ exec java -jar /app/app.jar\nError: Unable to access jarfile /app/app.jar\n'), /only a log with no pod or container named/);
  });

  it('kubectl logs -f: -f is --follow, the word after it is the pod', () => {
    assert.deepEqual(parseCommand('kubectl logs -f web-5d8f7c9b4-x2x9q -c app'), { verb: 'logs', previous: false, pod: 'web-5d8f7c9b4-x2x9q', container: 'app' });
    assert.equal(onlyPod('kubectl logs -f web-5d8f7c9b4-x2x9q\n```\n+ exec\n```\n').pod.metadata?.name, 'web-5d8f7c9b4-x2x9q');
    // `kubectl apply -f` still takes a file.
    assert.equal(parseCommand('kubectl get -f pod.yaml')?.verb, 'other');
  });
});

describe('paste: 1.2–1.4 get events rows cut inside their SOURCE', () => {
  const CUT = '5m        1m        4         billing-2838191-k2x9d   Pod       spec.containers{billing}   Warning   Failed       {kubelet ip-10-0-12-7.us-west-2.compute.in';
  const REST = 'ternal}   Failed to pull image "quay.io/acme/billing:v3": image pull failed for quay.io/acme/billing:v3, this may be because there are no credentials on this request.  details: (unauthorized: access to the requested';
  const MORE = 'resource is not authorized)';

  it('joins the row back, and the message goes on over the next line', () => {
    const b = onlyPod(`\`\`\`\n${CUT}\n${REST}\n${MORE}\n\`\`\`\n`);
    assert.equal(b.pod.metadata?.name, 'billing-2838191-k2x9d');
    const [e] = b.events ?? [];
    assert.equal(e?.fieldPath, 'spec.containers{billing}');
    assert.equal(e?.host, 'ip-10-0-12-7.us-west-2.compute.internal');
    assert.equal(e?.count, 4);
    assert.match(e?.message ?? '', /details: \(unauthorized: access to the requested resource is not authorized\)$/);
    assert.equal(primary(b), 'image-pull-unauthorized');
  });

  it('under the table\'s header too: the cut row is joined, not read as a message starting with the rest of its SOURCE', () => {
    const header = 'FIRSTSEEN   LASTSEEN   COUNT     NAME                    KIND      SUBOBJECT                  TYPE      REASON       SOURCE                                                   MESSAGE';
    const b = onlyPod(`\`\`\`\n${header}\n${CUT}\n${REST} ${MORE}\n\`\`\`\n`);
    const failed = b.events?.find((e) => e.reason === 'Failed');
    assert.equal(failed?.host, 'ip-10-0-12-7.us-west-2.compute.internal');
    assert.match(failed?.message ?? '', /^Failed to pull image "quay\.io\/acme\/billing:v3"/);
    assert.equal(primary(b), 'image-pull-unauthorized');
  });

  it('Go\'s times in the time columns, a pod-level row, cut right after the component', () => {
    const cut = '2016-05-04 22:09:51 +0200 CEST   2016-05-04 22:12:47 +0200 CEST   5         api-1941370583-0sd1q   Pod                    Warning   FailedSync   {kubelet';
    const e = joinCutRow(cut, 'ip-172-16-4-25}   Error syncing pod, skipping: failed to "StartContainer" for "api" with CrashLoopBackOff: "Back-off 5m0s restarting failed container=api pod=api-1941370583-0sd1q_default(0c8f2a1e-1234-11e6-9b2b-0a3c5e7d1f21)"');
    assert.equal(e?.host, 'ip-172-16-4-25');
    assert.equal(e?.reason, 'FailedSync');
    assert.equal(e?.objectName, 'api-1941370583-0sd1q');
    assert.equal(e?.lastAgeMs, undefined);
  });

  it('look-alikes: a next line that does not close the SOURCE, a row of another shape', () => {
    assert.equal(joinCutRow(CUT, 'and then the node went away'), undefined);
    assert.equal(joinCutRow(CUT, '{kubelet x}   Failed to pull image "a"'), undefined);
    assert.equal(parseOldGetEventsRow('5m  1m  4  billing  the pod keeps failing {kubelet'), undefined);
    assert.ok(parseOldGetEventsRow(`${CUT.replace(/compute\.in$/, 'compute.internal}')}   Pulled image`));
  });
});

describe('paste: an app container the events show only through its image', () => {
  const header = 'LAST SEEN   TYPE     REASON      OBJECT                     MESSAGE';
  const row = (age: string, reason: string, message: string) => `${age.padEnd(12)}Normal   ${reason.padEnd(12)}pod/api-6f7d9c8b5d-q2w8x   ${message}`;
  const ASSIGNED = row('3m12s', 'Scheduled', 'Successfully assigned shop/api-6f7d9c8b5d-q2w8x to node-2');
  const PULLING = row('3m11s', 'Pulling', 'Pulling image "registry.example.com/shop/api:2.14.0"');
  const PULLED = row('3m1s', 'Pulled', 'Successfully pulled image "registry.example.com/shop/api:2.14.0" in 9.8s (9.8s including waiting)');
  const SIDECAR = [
    row('3m', 'Pulled', 'Container image "envoyproxy/envoy:v1.27.2" already present on machine'),
    row('3m', 'Created', 'Created container envoy'),
    row('3m', 'Started', 'Started container envoy'),
  ];
  const events = (...rows: string[]) => `$ kubectl get events -n shop\n${header}\n${rows.join('\n')}\n`;

  for (const [what, rows] of [['still pulling', [ASSIGNED, PULLING, ...SIDECAR]], ['pulled, never created', [ASSIGNED, PULLING, PULLED, ...SIDECAR]]] as const) {
    it(`its image ${what}, a sidecar started beside it: the app container waits, the pod is not healthy`, () => {
      const b = onlyPod(events(...rows));
      const app = b.pod.status?.containerStatuses?.find((c) => c.image === 'registry.example.com/shop/api:2.14.0');
      assert.equal(app?.state?.waiting?.reason, 'ContainerCreating');
      assert.equal(app?.ready, false);
      assert.notEqual(primary(b), 'healthy');
    });
  }

  it('look-alike: each image followed by its Created event, in either order of listing: no container added', () => {
    const created = [ASSIGNED, PULLING, PULLED, row('3m1s', 'Created', 'Created container api'), row('3m', 'Started', 'Started container api'), ...SIDECAR];
    for (const rows of [created, [...created].reverse()]) {
      const b = onlyPod(events(...rows));
      assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name).sort(), ['api', 'envoy']);
      assert.equal(primary(b), 'healthy');
    }
  });

  it('look-alike: the infra container\'s pause image is no container of the pod', () => {
    const b = onlyPod(events(ASSIGNED, row('3m11s', 'Pulled', 'Container image "registry.k8s.io/pause:3.9" already present on machine'), ...SIDECAR));
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['envoy']);
  });
});

// What a paste does not show stays unshown: prose that only mentions an init container, a log that may come
// from no pod, a Terminating row without its time, containers the paste never named, rows that only look like events.
import { strict as assert } from 'node:assert';
import { onlyPod } from './readPaste.ts';

const CRASHING_BLOCK = '```\n  worker:\n    Container ID:   containerd://4be1f0c2a9\n    Image:          registry.example.com/team/worker:2.4\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    2\n    Ready:          False\n    Restart Count:  5\n```\n';

describe('paste: an init container named in prose', () => {
  it('a sentence that denies an init container does not make the block below one', () => {
    const b = onlyPod(`We don't use an init container, \`worker\` is the only one and it restarts:\n${CRASHING_BLOCK}`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['worker']);
    assert.equal(b.pod.spec?.initContainers, undefined);
  });

  it('an init container mentioned in passing, the quoted name elsewhere in the sentence: a regular container', () => {
    const b = onlyPod(`Since I put an init container in the chart, \`worker\` crashes:\n${CRASHING_BLOCK}`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['worker']);
    assert.equal(b.pod.spec?.initContainers, undefined);
  });

  it('the name next to the words still makes it an init container', () => {
    for (const prose of ['The `worker` init container crashes:', 'Init container "worker" crashes:', 'the init container worker crashes:']) {
      const b = onlyPod(`${prose}\n${CRASHING_BLOCK}`);
      assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['worker'], prose);
    }
  });
});

import { strict as assert } from 'node:assert';
import { wrap, wrapLines } from '../../lib/render/human.ts';

describe('human report wrapping', () => {
  it('wraps prose at word boundaries', () => {
    assert.deepEqual(wrapLines('the quick brown fox jumps over the lazy dog', 15), ['the quick brown', 'fox jumps over', 'the lazy dog']);
  });

  it('hard-breaks a token longer than the line instead of cutting it off', () => {
    assert.deepEqual(wrapLines('pod=hello-7c9d8b6f5d-x2k8p_default', 12), ['pod=hello-7c', '9d8b6f5d-x2k', '8p_default']);
  });

  it('keeps preformatted (indented) lines, so YAML snippets stay valid', () => {
    const yaml = 'Use:\n  livenessProbe:\n    httpGet: {path: /healthz, port: 8080}';
    assert.equal(wrap(yaml, 100, '  '), '  Use:\n    livenessProbe:\n      httpGet: {path: /healthz, port: 8080}');
  });
});

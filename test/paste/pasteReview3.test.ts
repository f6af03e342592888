// Review 3's reader findings, each reproduced from its input class, with look-alikes that must keep
// their reading. Wordings are the kubelet's and kubectl's own.
import { strict as assert } from 'node:assert';
import { pasteLines } from '../../lib/source/paste/lines.ts';

function texts(paste: string): string[] {
  return [...pasteLines(paste)].map((l) => l.text);
}

describe('paste (review 3): a frame edge found from the line end', () => {
  // The edge was an unanchored `\s*│\s*$`, quadratic over long blank runs once the text held a non-Latin-1
  // character; bench:paste times that shape ("after non-ASCII"). Here: the edge reading is unchanged by it.
  const blanks = ' '.repeat(300);
  it('strips a right edge after a long blank run, with and without a non-ASCII character', () => {
    assert.deepEqual(texts(`back-off restarting failed container${blanks}│`), ['back-off restarting failed container']);
    assert.deepEqual(texts(`Back-off… restarting${blanks}│  `), ['Back-off… restarting']);
  });

  it('look-alikes: a bar inside the text is no edge; a left edge alone still frames', () => {
    assert.deepEqual(texts(`a │ b${blanks}c…`), [`a │ b${blanks}c…`]);
    assert.deepEqual(texts(`│ a…${blanks}b`), [`a…${blanks}b`]);
  });
});

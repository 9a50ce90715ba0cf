import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nameKey, textProblem } from './text.js';

describe('textProblem', () => {
  it('refuses a lone surrogate in every kind of field, and takes a pair', () => {
    for (const kind of ['name', 'description', 'id'] as const) {
      assert.match(textProblem('lone\ud800surrogate', kind) ?? '', /well-formed Unicode/);
      assert.match(textProblem('\udc00', kind) ?? '', /well-formed Unicode/);
      assert.match(textProblem('end\ud83d', kind) ?? '', /well-formed Unicode/);
      assert.equal(textProblem('key 🔑 \ud83d\udd11', kind), undefined);
    }
  });

  it('names and ids refuse C0, DEL and C1 controls, line breaks and tabs included', () => {
    for (const kind of ['name', 'id'] as const) {
      for (const control of ['\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f']) {
        assert.match(textProblem(`a${control}b`, kind) ?? '', /control characters/, `${kind} ${JSON.stringify(control)}`);
      }
    }
  });

  it('descriptions keep line breaks and tabs, not the other controls', () => {
    assert.equal(textProblem('line one\r\n\tline two\nthree', 'description'), undefined);
    for (const control of ['\u0000', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085']) {
      assert.match(
        textProblem(`a${control}b`, 'description') ?? '',
        /control characters other than line breaks and tabs/,
        JSON.stringify(control),
      );
    }
  });

  it('names and descriptions refuse bidirectional embeddings, overrides and isolates; ids may hold them', () => {
    for (const control of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      assert.match(textProblem(`evil${control}gnp.exe`, 'name') ?? '', /bidirectional/);
      assert.match(textProblem(`evil${control}gnp.exe`, 'description') ?? '', /bidirectional/);
      assert.equal(textProblem(`evil${control}gnp.exe`, 'id'), undefined);
    }
  });

  it('takes right-to-left scripts, emoji, zero-width joiners and marks as text', () => {
    for (const text of ['עברית', 'العربية', '👩‍💻', 'e\u0301', 'ünïcödé ß 日本語', '\u200d', '\u200f']) {
      assert.equal(textProblem(text, 'name'), undefined, text);
    }
  });
});

describe('nameKey', () => {
  it('is the same for names that differ by case, compatibility form, composition or sharp s', () => {
    const same = [
      ['Straße', 'STRASSE', 'strasse', 'STRAẞE'],
      ['ﬁle', 'file', 'FILE', 'ｆｉｌｅ'],
      ['Café', 'cafe\u0301', 'CAFÉ'],
      ['ΟΔΟΣ', 'οδος', 'οδοσ'],
      ['Über', 'über', 'U\u0308BER'],
    ];
    for (const group of same) {
      for (const name of group) assert.equal(nameKey(name), nameKey(group[0]!), `${name} ~ ${group[0]}`);
    }
  });

  it('keeps different names apart', () => {
    for (const [a, b] of [
      ['ci', 'cd'],
      ['deploy', 'deploy '],
      ['a-b', 'a_b'],
      ['1', 'l'],
    ]) {
      assert.notEqual(nameKey(a!), nameKey(b!));
    }
  });
});

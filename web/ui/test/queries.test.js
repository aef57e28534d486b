import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLES, errorRange } from '../src/queries.js';
import { createUndo } from '../src/undo.js';

test('errorRange covers the word at a 1-based line and column', () => {
  const text = 'MATCH (n)\nRETRUN n\n';
  const cases = [
    [2, 1, 'RETRUN'],
    [1, 1, 'MATCH'],
    [1, 7, '('],
    [2, 8, 'n'],
    [9, 1, ''], // past the end: clamped to the last (empty) line
    [0, 0, 'MATCH'],
    [2, 99, 'n'],
  ];
  for (const [line, col, want] of cases) {
    const { from, to } = errorRange(text, line, col);
    assert.ok(from <= to && to <= text.length, `${line}:${col}`);
    assert.equal(text.slice(from, to), want, `${line}:${col}`);
  }
});

test('examples are well formed', () => {
  assert.ok(EXAMPLES.length >= 3);
  for (const e of EXAMPLES) {
    assert.match(e.query, /\bRETURN\b/);
    if (e.params) assert.equal(typeof JSON.parse(e.params), 'object');
    for (const p of e.query.match(/\$\w+/g) ?? []) assert.ok(e.params && p.slice(1) in JSON.parse(e.params), `${e.title} binds ${p}`);
  }
});

test('undo stack is last in, first out and bounded', () => {
  const u = createUndo(2);
  assert.equal(u.pop(), undefined);
  u.push(1);
  u.push(2);
  u.push(3);
  assert.equal(u.size, 2);
  assert.equal(u.pop(), 3);
  assert.equal(u.pop(), 2);
  assert.equal(u.pop(), undefined);
});

test('splitProblem keeps the message and takes the position once', async () => {
  const { splitProblem } = await import('../src/queries.js');
  const neo = { detail: 'Invalid input \'RETRUN\': expected a clause (line 2, column 1 (offset: 10))\n"RETRUN n"\n ^', line: 2, column: 1 };
  assert.deepEqual(splitProblem(neo), { message: "Invalid input 'RETRUN': expected a clause", line: 2, column: 1 });
  assert.deepEqual(splitProblem({ detail: 'x is not defined (line 3, column 7)' }), { message: 'x is not defined', line: 3, column: 7 });
  assert.deepEqual(splitProblem({ title: 'Bad Request' }), { message: 'Bad Request', line: 0, column: 0 });
  assert.deepEqual(splitProblem(null, 'Write a query first.'), { message: 'Write a query first.', line: 0, column: 0 });
});

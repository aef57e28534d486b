import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeText, passGrades, weakEvidence, RELIABILITY, CREDIBILITY } from '../src/grades.js';

const rel = (properties) => ({ type: 'RIVALS', properties });

test('gradeText gives the meaning of a grade', () => {
  assert.equal(gradeText('B', RELIABILITY), 'B (usually reliable)');
  assert.equal(gradeText(4, CREDIBILITY), '4 (doubtful)');
  assert.equal(gradeText(undefined, CREDIBILITY), '');
  assert.equal(gradeText('Z', RELIABILITY), 'Z');
});

test('passGrades follows the server rule', () => {
  const cases = [
    [{ reliability: 'A', credibility: 1 }, { minReliability: 'B' }, true],
    [{ reliability: 'B' }, { minReliability: 'B' }, true],
    [{ reliability: 'C' }, { minReliability: 'B' }, false],
    [{ reliability: 'F' }, { minReliability: 'E' }, false],
    [{}, { minReliability: 'E' }, false],
    [{ credibility: 2 }, { minCredibility: '2' }, true],
    [{ credibility: 3 }, { minCredibility: '2' }, false],
    [{ credibility: 6 }, { minCredibility: '5' }, false],
    [{ credibility: '2' }, { minCredibility: '2' }, false],
    [{}, {}, true],
    [{ reliability: 'A', credibility: 3 }, { minReliability: 'A', minCredibility: '2' }, false],
  ];
  for (const [p, f, want] of cases) assert.equal(passGrades(rel(p), f), want, JSON.stringify([p, f]));
});

test('weakEvidence marks doubtful claims, weak sources and disputes', () => {
  assert.equal(weakEvidence(rel({ reliability: 'B', credibility: 3, stance: 'asserted' })), false);
  assert.equal(weakEvidence(rel({ reliability: 'B', credibility: 4 })), true);
  assert.equal(weakEvidence(rel({ reliability: 'D', credibility: 2 })), true);
  assert.equal(weakEvidence(rel({ reliability: 'A', credibility: 2, stance: 'disputed' })), true);
  assert.equal(weakEvidence(rel({})), false);
});

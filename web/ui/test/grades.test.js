import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInputs, applyRules } from '../src/rules.js';
import { gradeText, passGrades, weakEvidence, gradeParams, findTie, tieIndex, tieOf, evidenceMark, claimGrades, gradeInputs, RELIABILITY, CREDIBILITY } from '../src/grades.js';

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

test('gradeParams passes the view thresholds to the API, empty when unset', () => {
  assert.deepEqual(gradeParams({ minReliability: 'B', minCredibility: '3', labels: ['Country'] }), { minReliability: 'B', minCredibility: '3' });
  assert.deepEqual(gradeParams({}), { minReliability: '', minCredibility: '' });
  assert.deepEqual(gradeParams(undefined), { minReliability: '', minCredibility: '' });
});

test('findTie picks the tie of a relationship by type and ends', () => {
  const ties = [
    { type: 'THREATENS', start: 'china', end: 'united-states', symmetric: false },
    { type: 'THREATENS', start: 'united-states', end: 'china', symmetric: false },
    { type: 'RIVALS', start: 'united-states', end: 'china', symmetric: true },
  ];
  const claims = { ties };
  assert.equal(findTie(claims, { type: 'THREATENS' }, 'china', 'united-states'), ties[0]);
  assert.equal(findTie(claims, { type: 'THREATENS' }, 'united-states', 'china'), ties[1]);
  assert.equal(findTie(claims, { type: 'RIVALS' }, 'china', 'united-states'), ties[2], 'a symmetric tie either way round');
  assert.equal(findTie({ ties: [ties[0]] }, { type: 'THREATENS' }, 'united-states', 'china'), null, 'a directed tie only its own way');
  assert.equal(findTie(claims, { type: 'AUTHORED' }, 'china', 'united-states'), null);
  assert.equal(findTie(null, { type: 'RIVALS' }, 'a', 'b'), null);
});

test('claimGrades shows both grades compactly', () => {
  assert.equal(claimGrades({ reliability: 'B', credibility: 2 }), 'B2');
  assert.equal(claimGrades({ credibility: 4 }), '?4');
  assert.equal(claimGrades({ reliability: 'D' }), 'D?');
  assert.equal(claimGrades({}), '');
  assert.equal(claimGrades(undefined), '');
});

test('grade and stance inputs plug into the style rules', () => {
  const inputs = createInputs();
  for (const i of gradeInputs()) inputs.register(i);
  const edges = [
    { id: 'e1', type: 'T', props: { reliability: 'A', credibility: 1, stance: 'asserted' } },
    { id: 'e2', type: 'T', props: { reliability: 'D', credibility: 4, stance: 'disputed' } },
    { id: 'e3', type: 'T', props: { reliability: 'F', credibility: 6, stance: 'bogus' } },
    { id: 'e4', type: 'T', props: {} },
  ];
  const ids = inputs.list('edge', edges).map((i) => i.id);
  for (const id of ['prop:credibility', 'prop:reliability', 'prop:stance', 'weak']) assert.equal(ids.filter((x) => x === id).length, 1, `${id} listed once`);
  const val = (id) => edges.map((e) => inputs.get('edge', id).value(e));
  assert.deepEqual(val('prop:reliability'), [1, 4, 6, undefined]);
  assert.deepEqual(val('prop:credibility'), [1, 4, 6, undefined]);
  assert.deepEqual(val('prop:stance'), ['asserted', 'disputed', undefined, undefined]);
  assert.deepEqual(val('weak'), ['not weak', 'weak', 'weak', 'not weak']);
  const { styles, legend } = applyRules([{ target: 'edge', channel: 'size', input: 'prop:reliability' }], { edges }, inputs);
  assert.equal(legend[0].min, 1);
  assert.equal(legend[0].max, 6);
  assert.ok(styles.get('e1').size < styles.get('e2').size && styles.get('e2').size < styles.get('e3').size, 'width follows the grade');
  assert.equal(styles.has('e4'), false, 'an ungraded relation keeps its width');
});

test('tieOf picks from a POST /api/claims answer the tie findTie picks from GET /api/claims', () => {
  // The canvas marks an edge by tieOf, the evidence panel shows its chips by findTie: they must agree.
  const ties = [
    { type: 'THREATENS', start: 'china', end: 'united-states', symmetric: false, contested: true, singleSource: true },
    { type: 'THREATENS', start: 'united-states', end: 'china', symmetric: false, contested: false, singleSource: true },
    { type: 'RIVALS', start: 'china', end: 'united-states', symmetric: true, contested: false, singleSource: false },
    { type: 'COOPERATES_WITH', start: 'china', end: 'russia', symmetric: true, contested: false, singleSource: true },
  ];
  const index = tieIndex(ties);
  const ends = ['china', 'united-states', 'russia', 'india'];
  let found = 0;
  for (const type of ['THREATENS', 'RIVALS', 'COOPERATES_WITH', 'AUTHORED']) {
    for (const a of ends) {
      for (const b of ends) {
        const want = findTie({ ties }, { type }, a, b);
        assert.equal(tieOf(index, { type }, a, b), want, `${a} ${type} ${b}`);
        if (want) found++;
      }
    }
  }
  assert.equal(found, 6, 'two directed ties one way each, two symmetric ties both ways');
  assert.equal(tieOf(tieIndex([]), { type: 'RIVALS' }, 'a', 'b'), null);
  assert.equal(tieOf(undefined, { type: 'RIVALS' }, 'a', 'b'), null);
});

test('evidenceMark: contested first, then single source', () => {
  const cases = [
    [{ contested: true, singleSource: true }, 'contested'],
    [{ contested: true, singleSource: false }, 'contested'],
    [{ contested: false, singleSource: true }, 'single'],
    [{ contested: false, singleSource: false }, ''],
    [null, ''],
  ];
  for (const [tie, want] of cases) assert.equal(evidenceMark(tie), want, JSON.stringify(tie));
});

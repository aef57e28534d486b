import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate, isDate, heldOn, relHeldOn } from '../src/dates.js';

test('parseDate accepts year, month and day precision only', () => {
  const cases = [
    ['2015', { year: 2015, month: 0, day: 0 }],
    ['2015-09', { year: 2015, month: 9, day: 0 }],
    ['2015-09-25', { year: 2015, month: 9, day: 25 }],
    ['2016-02-29', { year: 2016, month: 2, day: 29 }],
    ['2015-02-29', null],
    ['2015-13', null],
    ['2015-9', null],
    ['15', null],
    ['2015/09', null],
    ['', null],
    [undefined, null],
  ];
  for (const [s, want] of cases) assert.deepEqual(parseDate(s), want, String(s));
  assert.equal(isDate('2015-09'), true);
  assert.equal(isDate('soon'), false);
});

// The same cases as HeldOn in graph/vocab.go: partial dates cover their
// whole year or month; bad bounds are ignored.
test('heldOn matches the server rule', () => {
  const cases = [
    ['', '', '2015', true],
    ['2010', '', '2015', true],
    ['2016', '', '2015', false],
    ['2015-10', '', '2015', true],
    ['2015-10', '', '2015-09', false],
    ['2015-09-30', '', '2015-09', true],
    ['', '2014', '2015', false],
    ['', '2015-01', '2015', true],
    ['', '2015-09-01', '2015-09-02', false],
    ['2010', '2012', '2011-06', true],
    ['junk', 'junk', '2015', true],
    ['2016', '', 'junk', true],
  ];
  for (const [since, until, asOf, want] of cases) assert.equal(heldOn(since, until, asOf), want, `${since}..${until} @ ${asOf}`);
});

test('relHeldOn reads since/until and passes with no date', () => {
  const rel = { properties: { since: '2015', until: '2016' } };
  assert.equal(relHeldOn(rel, ''), true);
  assert.equal(relHeldOn(rel, '2014'), false);
  assert.equal(relHeldOn(rel, '2016-12'), true);
  assert.equal(relHeldOn({}, '2014'), true);
});

test('heldDuring: a relation held some time in the range', async () => {
  const { heldDuring, heldOn, yearSpan } = await import('../src/dates.js');
  const cases = [
    ['2010', '2012', '2013', '2015', false],
    ['2010', '2013', '2013', '2015', true],
    ['2016', '', '2013', '2015', false],
    ['2015-12', '', '2013', '2015', true],
    ['', '', '2013', '2015', true],
    ['2010', '2012', '', '2011', true],
    ['2010', '2012', '2013', '', false],
  ];
  for (const [s, u, a, b, want] of cases) assert.equal(heldDuring(s, u, a, b), want, `${s}..${u} in ${a}..${b}`);
  for (const [s, u, d] of [['2010', '2012', '2011'], ['2010', '2012', '2013'], ['2010-05', '', '2010-04']]) assert.equal(heldDuring(s, u, d, d), heldOn(s, u, d));
  assert.deepEqual(yearSpan([{ properties: { since: '1991-03' } }, { properties: { until: '2017' } }, { properties: { since: 'bad' } }, {}]), [1991, 2017]);
  assert.equal(yearSpan([{ properties: {} }]), null);
});

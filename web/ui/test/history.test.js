import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHistory, HISTORY_KEY } from '../src/history.js';

function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    data,
  };
}

test('newest first, re-run moves to the front, bounded', () => {
  const store = memoryStorage();
  const h = createHistory(store, { max: 3 });
  h.add('MATCH (a) RETURN a');
  h.add('MATCH (b) RETURN b', '{"x":1}');
  h.add('  MATCH (a) RETURN a  ');
  assert.deepEqual(
    h.list().map((e) => e.query),
    ['MATCH (a) RETURN a', 'MATCH (b) RETURN b'],
  );
  h.add('q3');
  h.add('q4');
  assert.deepEqual(
    h.list().map((e) => e.query),
    ['q4', 'q3', 'MATCH (a) RETURN a'],
  );
  assert.equal(JSON.parse(store.data.get(HISTORY_KEY)).length, 3, 'persisted');
});

test('history survives a new store over the same storage', () => {
  const store = memoryStorage();
  createHistory(store).add('MATCH (n) RETURN n', '{"a":1}');
  assert.deepEqual(createHistory(store).list(), [{ query: 'MATCH (n) RETURN n', params: '{"a":1}' }]);
});

test('blank queries are not recorded', () => {
  const h = createHistory(memoryStorage());
  h.add('   ');
  assert.deepEqual(h.list(), []);
});

test('corrupt or unavailable storage degrades to an empty history', () => {
  const cases = [
    ['not json', memoryStorage({ [HISTORY_KEY]: '{oops' })],
    ['not a list', memoryStorage({ [HISTORY_KEY]: '{"a":1}' })],
    ['bad entries', memoryStorage({ [HISTORY_KEY]: '[1, null, {"query": "ok"}]' })],
    ['no storage', null],
    [
      'throwing storage',
      {
        getItem() {
          throw new Error('denied');
        },
        setItem() {
          throw new Error('denied');
        },
      },
    ],
  ];
  for (const [name, storage] of cases) {
    const h = createHistory(storage);
    const want = name === 'bad entries' ? [{ query: 'ok' }] : [];
    assert.deepEqual(h.list(), want, name);
    assert.doesNotThrow(() => h.add('MATCH (n) RETURN n'), name);
  }
});

test('clear empties the history', () => {
  const h = createHistory(memoryStorage());
  h.add('a');
  h.clear();
  assert.deepEqual(h.list(), []);
});

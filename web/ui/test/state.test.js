import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../src/state.js';
import { emptyState, encodeState } from '../src/urlstate.js';

test('setState applies, writes and records undo; undo goes back through the same path', () => {
  const written = [];
  const applied = [];
  const store = createStore({ write: (s) => written.push(encodeState(s)) });
  store.subscribe((s, prev, meta) => applied.push([s.focus, prev.focus, meta.undo]));
  store.setState({ focus: 'china' });
  store.setState({ labels: ['Country'] });
  assert.equal(store.canUndo(), true);
  assert.deepEqual(written, ['focus=china', 'focus=china&labels=Country']);
  assert.equal(store.undo(), true);
  assert.deepEqual(store.get().labels, []);
  assert.equal(store.get().focus, 'china', 'undo keeps the focus of the state it returns to');
  assert.equal(written.at(-1), 'focus=china', 'the URL follows undo');
  assert.equal(store.undo(), true);
  assert.equal(store.get().focus, '');
  assert.equal(written.at(-1), '', 'no stale focus left in the URL');
  assert.equal(store.undo(), false);
  assert.deepEqual(applied.at(-1), ['', 'china', true]);
});

test('changes without undo, and changes that change nothing, are not recorded', () => {
  const store = createStore();
  store.setState({ tab: 'paths' }, { undo: false });
  store.setState({ focus: '' });
  assert.equal(store.canUndo(), false);
  store.checkpoint();
  store.setState({ time: { from: '2000', to: '2001' } }, { undo: false });
  store.setState({ time: { from: '2001', to: '2002' } }, { undo: false });
  store.undo();
  assert.deepEqual(store.get().time, emptyState().time, 'a checkpoint undoes a whole drag');
});

test('a setState made by a subscriber runs after the current one', () => {
  const store = createStore();
  const seen = [];
  store.subscribe((s) => {
    seen.push(s.focus);
    if (s.focus === 'a') store.setState({ focus: 'b' }, { undo: false });
  });
  store.setState({ focus: 'a' });
  assert.deepEqual(seen, ['a', 'b']);
  assert.equal(store.get().focus, 'b');
});

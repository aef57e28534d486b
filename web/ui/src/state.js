// The one place view state changes. setState merges a change, records the
// previous state for undo (unless told not to), lets every subscriber (the
// canvas, then the panels) apply it, and writes the URL. Undo is setState
// back to a recorded state, so the URL, the canvas and the panels can never
// disagree after it.

import { emptyState, sameState } from './urlstate.js';
import { createUndo } from './undo.js';

/**
 * createStore returns {get, setState, undo, canUndo, subscribe}.
 * write(state) persists the state (the viewer writes the URL hash).
 */
export function createStore({ initial = emptyState(), write = () => {}, undoMax = 30 } = {}) {
  let state = { ...emptyState(), ...initial };
  const undo = createUndo(undoMax);
  const subs = [];
  let applying = false;
  const queue = [];

  function commit(next, prev, meta) {
    state = next;
    applying = true;
    try {
      for (const fn of subs) fn(next, prev, meta);
    } finally {
      applying = false;
    }
    write(next);
  }

  return {
    get: () => state,
    /**
     * setState applies patch (an object, or a function of the state
     * returning one). With undo (the default) the state before is recorded
     * unless the change leaves the view as it was. A setState made while
     * subscribers run is applied right after them.
     */
    setState(patch, { undo: record = true, reason = '' } = {}) {
      if (applying) {
        queue.push([patch, record, reason]);
        return;
      }
      const prev = state;
      const next = { ...prev, ...(typeof patch === 'function' ? patch(prev) : patch) };
      if (record && !sameState(prev, next)) undo.push(prev);
      commit(next, prev, { reason, undo: false });
      while (queue.length) {
        const [p, r, why] = queue.shift();
        this.setState(p, { undo: r, reason: why });
      }
    },
    /** undo restores the last recorded state; false when there is none. */
    undo() {
      const s = undo.pop();
      if (!s) return false;
      commit(s, state, { reason: 'undo', undo: true });
      return true;
    },
    /** checkpoint records the state now, for a change made of many setState calls without undo (a slider drag). */
    checkpoint() {
      undo.push(state);
    },
    canUndo: () => undo.size > 0,
    subscribe(fn) {
      subs.push(fn);
    },
  };
}

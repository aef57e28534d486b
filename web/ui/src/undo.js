// A bounded undo stack of view snapshots. Snapshots are plain data, so any
// change (expand, collapse, hide, a query result) is undone the same way.

/** createUndo returns a stack that keeps at most max snapshots. */
export function createUndo(max = 30) {
  const stack = [];
  return {
    push(snapshot) {
      stack.push(snapshot);
      if (stack.length > max) stack.shift();
    },
    pop: () => stack.pop(),
    get size() {
      return stack.length;
    },
    clear() {
      stack.length = 0;
    },
  };
}

// Graphs the unit tests share (a module, not a test file: node --test runs
// it too, and it defines no tests).

/**
 * localLinks returns m links among n nodes, mostly to one of the next 20
 * nodes and a fifth to any node, like the end-to-end test's big graph
 * (deterministic: the same seed each call).
 * @returns {[number, number][]}
 */
export function localLinks(n, m) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: m }, () => {
    const a = Math.floor(rand() * n);
    const b = rand() < 0.8 ? (a + 1 + Math.floor(rand() * 20)) % n : Math.floor(rand() * n);
    return [a, b === a ? (a + 1) % n : b];
  });
}

// The layout worker: runs forceLayout off the main thread, so the page stays
// responsive while a big graph settles, and posts positions as it goes.
//
// In:  {id, n, links: Int32Array (pairs), fixed: [[index, x, y]], ticks, every, first}
// Out: {id, positions: Float64Array, tick, done}: every `every` ticks, once
//      after `first` ticks (the positions the canvas draws first), and at the end.

import { forceLayout } from './force.js';

// Warm up: a small layout when the worker starts, so that the first real
// one runs compiled code rather than the interpreter.
{
  const n = 300;
  const links = Array.from({ length: 2 * n }, (_, i) => [i % n, (i * 7 + 1) % n]);
  forceLayout({ n, links, ticks: 30 });
}

self.onmessage = (ev) => {
  const { id, n, links, fixed = [], ticks = 200, every = 0, first = 0 } = ev.data;
  const pairs = [];
  for (let i = 0; i + 1 < links.length; i += 2) pairs.push([links[i], links[i + 1]]);
  const positions = forceLayout({
    n,
    links: pairs,
    fixed: new Map(fixed.map(([i, x, y]) => [i, [x, y]])),
    ticks,
    every,
    first,
    onTick: (pos, tick) => self.postMessage({ id, positions: pos.slice(), tick, done: false }),
  });
  self.postMessage({ id, positions, tick: ticks, done: true }, [positions.buffer]);
};

// A force-directed layout for graphs too big for fCoSE in a browser: d3-force's
// simulation (Barnes–Hut many-body, springs on relationships, a weak pull to
// the centre) from a start that already puts neighbours near each other. The
// many-body force is manybody.js, d3's forces computed 3–4× faster. Runs in
// the layout worker; pure, so it is tested under node too.

import { forceSimulation, forceLink, forceX, forceY } from 'd3-force';
import { manyBody } from './manybody.js';

/**
 * seedPositions places nodes on a sunflower spiral in breadth-first order
 * from the best-connected node of each component, so that the simulation
 * starts with neighbours close together and settles in few ticks.
 * @param {number} n
 * @param {[number, number][]} links index pairs
 * @returns {Float64Array} x0, y0, x1, y1, ...
 */
export function seedPositions(n, links, spacing = 14) {
  const adj = Array.from({ length: n }, () => []);
  for (const [a, b] of links) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const byDegree = [...Array(n).keys()].sort((a, b) => adj[b].length - adj[a].length || a - b);
  const seen = new Uint8Array(n);
  const order = [];
  for (const start of byDegree) {
    if (seen[start]) continue;
    seen[start] = 1;
    const queue = [start];
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h];
      order.push(v);
      for (const w of adj[v]) if (!seen[w]) (seen[w] = 1), queue.push(w);
    }
  }
  const out = new Float64Array(2 * n);
  const golden = Math.PI * (3 - Math.sqrt(5));
  order.forEach((v, i) => {
    const r = spacing * Math.sqrt(i + 0.5);
    out[2 * v] = r * Math.cos(i * golden);
    out[2 * v + 1] = r * Math.sin(i * golden);
  });
  return out;
}

/**
 * FIRST_TICKS is when a big graph's layout is first drawn: from the seed
 * positions, this many ticks of the 200 bring the layout within 10% of its
 * settled quality (force.test.js measures it on a 2,000-node graph), in a
 * fifth of the time.
 */
export const FIRST_TICKS = 40;

/**
 * forceLayout lays out n nodes joined by links. fixed maps an index to a
 * position that must not move. onTick(positions, tick) is called every
 * `every` ticks, and once after `first` ticks, with the positions so far
 * (for progressive drawing).
 * @returns {Float64Array} x0, y0, x1, y1, ...
 */
export function forceLayout({ n, links, start, fixed = new Map(), ticks = 200, every = 0, first = 0, onTick, distance = 45 }) {
  const seed = start ?? seedPositions(n, links);
  const nodes = Array.from({ length: n }, (_, i) => {
    const f = fixed.get(i);
    return f ? { x: f[0], y: f[1], fx: f[0], fy: f[1] } : { x: seed[2 * i], y: seed[2 * i + 1] };
  });
  const sim = forceSimulation(nodes)
    .stop()
    .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
    .force('charge', manyBody().strength(-80).theta(1).distanceMax(400))
    .force('link', forceLink(links.map(([source, target]) => ({ source, target }))).distance(distance).iterations(1))
    .force('x', forceX(0).strength(0.04))
    .force('y', forceY(0).strength(0.04));
  const out = new Float64Array(2 * n);
  const read = () => {
    for (let i = 0; i < n; i++) {
      out[2 * i] = nodes[i].x;
      out[2 * i + 1] = nodes[i].y;
    }
    return out;
  };
  for (let t = 1; t <= ticks; t++) {
    sim.tick();
    if (onTick && t < ticks && ((every && t % every === 0) || t === first)) onTick(read(), t);
  }
  return read();
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forceLayout, seedPositions } from '../src/force.js';

test('the force layout pulls neighbours together and keeps fixed nodes put', () => {
  // Two cliques of 6 joined by one edge.
  const links = [];
  for (const base of [0, 6]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) links.push([base + i, base + j]);
  links.push([0, 6]);
  const pos = forceLayout({ n: 12, links, ticks: 150, fixed: new Map([[11, [500, 500]]]) });
  const d = (a, b) => Math.hypot(pos[2 * a] - pos[2 * b], pos[2 * a + 1] - pos[2 * b + 1]);
  assert.equal(pos[22], 500);
  assert.equal(pos[23], 500);
  const within = d(1, 2);
  const across = d(1, 8);
  assert.ok(within < across, `same clique ${within.toFixed(0)} < other clique ${across.toFixed(0)}`);
  assert.ok(pos.every(Number.isFinite));
});

test('seed positions are distinct and start components compactly', () => {
  const s = seedPositions(50, [[0, 1], [1, 2]]);
  const pts = new Set();
  for (let i = 0; i < 50; i++) pts.add(`${s[2 * i].toFixed(3)},${s[2 * i + 1].toFixed(3)}`);
  assert.equal(pts.size, 50);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, POLARITIES, MARKS, UNKNOWN_KIND, kindOf, kindStyle, polarityOf, polarityStyle, stylesheet, labelScale, LABEL_PX } from '../src/style.js';

// The node kinds of the graph vocabulary (graph/vocab.go Labels()).
const VOCABULARY = ['Country', 'Bloc', 'PublicBody', 'Organization', 'Company', 'Person', 'Group', 'Agreement', 'Event', 'Document', 'Topic'];

test('every vocabulary kind has its own shape and colour', () => {
  assert.deepEqual(KINDS.map((k) => k.label).sort(), [...VOCABULARY].sort());
  const looks = new Set(KINDS.map((k) => `${k.shape}/${k.color}`));
  assert.equal(looks.size, KINDS.length);
  assert.equal(new Set(KINDS.map((k) => k.color)).size, KINDS.length, 'colours alone tell kinds apart');
});

test('polarity colours are distinct', () => {
  assert.deepEqual(POLARITIES.map((p) => p.polarity), ['cooperation', 'conflict', 'neutral']);
  assert.equal(new Set(POLARITIES.map((p) => p.color)).size, 3);
});

test('kindOf picks the kind label, not Actor', () => {
  const cases = [
    [['Actor', 'Country'], 'Country'],
    [['Country', 'Actor'], 'Country'],
    [['Actor'], 'Actor'],
    [[], 'Actor'],
    [undefined, 'Actor'],
    [['Actor', 'Spaceship'], 'Spaceship'],
    [['Actor', 'Spaceship', 'Person'], 'Person'],
  ];
  for (const [labels, want] of cases) assert.equal(kindOf(labels), want, String(labels));
  assert.equal(kindStyle(['Actor', 'Spaceship']), UNKNOWN_KIND);
  assert.equal(kindStyle(['Actor', 'Person']).shape, 'ellipse');
});

test('polarityOf prefers the relation, then its type, then neutral', () => {
  const types = new Map([['SPIES_ON', 'conflict'], ['ODD', 'sideways']]);
  const cases = [
    [{ type: 'SPIES_ON', properties: { polarity: 'cooperation' } }, 'cooperation'],
    [{ type: 'SPIES_ON', properties: {} }, 'conflict'],
    [{ type: 'SPIES_ON' }, 'conflict'],
    [{ type: 'SPIES_ON', properties: { polarity: 'bogus' } }, 'conflict'],
    [{ type: 'ODD', properties: {} }, 'neutral'],
    [{ type: 'UNKNOWN', properties: {} }, 'neutral'],
  ];
  for (const [rel, want] of cases) assert.equal(polarityOf(rel, types), want, JSON.stringify(rel));
  assert.equal(polarityOf({ type: 'X', properties: {} }), 'neutral');
  assert.equal(polarityStyle('nope').polarity, 'neutral');
});

test('stylesheet has a rule per kind and polarity, and cheaper edges when large', () => {
  const small = stylesheet();
  for (const k of KINDS) {
    const rule = small.find((r) => r.selector === `node[kind = "${k.label}"]`);
    assert.ok(rule, k.label);
    if (k.shape === 'star' || k.shape === 'diamond') {
      // Drawn as a polygon with no vertex straight above the centre (see shapeStyle).
      assert.equal(rule.style.shape, 'polygon');
      const pts = rule.style['shape-polygon-points'];
      assert.ok(pts.every((v) => v >= -1 && v <= 1), k.label);
      for (let i = 0; i < pts.length; i += 2) assert.notEqual(pts[i], 0, `${k.label}: a vertex at x = 0`);
    } else assert.equal(rule.style.shape, k.shape);
    assert.equal(rule.style['background-color'], k.color);
  }
  for (const p of POLARITIES) {
    const rule = small.find((r) => r.selector === `edge[polarity = "${p.polarity}"]`);
    assert.equal(rule.style['line-color'], p.color);
  }
  const edge = (sheet) => sheet.find((r) => r.selector === 'edge').style;
  assert.equal(edge(small)['curve-style'], 'bezier');
  assert.equal(edge(small).label, 'data(type)');
  assert.equal(edge(stylesheet({ large: true }))['curve-style'], 'straight');
  assert.equal(edge(stylesheet({ large: true })).label ?? '', '', 'no edge labels on big graphs');
  assert.equal(edge(stylesheet({ large: true }))['target-arrow-shape'], 'triangle');
  // Many relationships: haystacks, without arrowheads; the evidence marks stay at the middle.
  const hay = stylesheet({ large: true, haystack: true });
  assert.equal(edge(hay)['curve-style'], 'haystack');
  assert.equal(edge(hay)['target-arrow-shape'], 'none');
  assert.equal(hay.find((r) => r.selector === 'edge[evidence = "contested"]').style['mid-target-arrow-shape'], 'diamond');
});

test('labels keep a readable size when zoomed out, up to 3x', () => {
  assert.equal(labelScale(1), 1);
  assert.equal(labelScale(2), 1);
  assert.ok(Math.abs(labelScale(0.4) * 15 * 0.4 - LABEL_PX) < 1e-9);
  assert.equal(labelScale(0.01), 3);
  const font = (sheet) => sheet.find((r) => r.selector === 'node').style['font-size'];
  assert.equal(font(stylesheet({ labels: 2 })), 2 * font(stylesheet()));
});

test('the evidence marks are drawn while marks are on, and look unlike each other', () => {
  const markRules = (sheet) => sheet.filter((r) => /evidence/.test(r.selector)).map((r) => [r.selector, r.style['mid-target-arrow-shape']]);
  assert.deepEqual(markRules(stylesheet()), [
    ['edge[evidence = "contested"]', 'diamond'],
    ['edge[evidence = "single"]', 'circle'],
  ]);
  assert.deepEqual(markRules(stylesheet({ marks: false })), []);
  assert.equal(new Set(MARKS.map((m) => `${m.shape}/${m.color}/${m.fill}`)).size, MARKS.length);
  assert.ok(!POLARITIES.some((p) => MARKS.some((m) => m.color === p.color)), 'a mark is not the colour of a polarity');
});

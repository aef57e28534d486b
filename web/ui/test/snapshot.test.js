import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotHtml, scriptSafe, escapeHtml } from '../src/snapshot.js';
import { differingSteps, relDetail } from '../src/panels/paths.js';

test('the snapshot document inlines data and viewer, and its policy allows only that script', () => {
  const data = { title: 'A <b> & c', nodes: [{ id: 'n', properties: { name: '</script><script>alert(1)</script>' } }], relationships: [], names: {}, legend: '<h3>Kinds</h3>' };
  const html = snapshotHtml({ data, viewerJs: 'console.log("</script>")', css: 'body{}', scriptHashes: ['sha256-abc='], createdAt: '2026-01-01 10:00' });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;sha256-abc=&#39;/);
  assert.match(html, /<title>A &lt;b&gt; &amp; c<\/title>/);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only the two script elements close');
  const json = /<script type="application\/json" id="snapshot-data">([\s\S]*?)<\/script>/.exec(html)[1];
  assert.equal(JSON.parse(json).nodes[0].properties.name, '</script><script>alert(1)</script>');
  assert.match(html, /<div class="legend-body"><h3>Kinds<\/h3><\/div>/);
  assert.equal(scriptSafe('a</SCRIPT>'), 'a<\\/SCRIPT>');
  assert.equal(escapeHtml(`"'`), '&quot;&#39;');
});

test('paths over the same actors say which steps differ', () => {
  const n = (id) => ({ id, properties: { name: id } });
  const r = (id, start, end, locator) => ({ id, type: 'SPIES_ON', start, end, properties: { locator } });
  const nodes = [n('a'), n('b'), n('c')];
  const paths = [
    { nodes, relationships: [r('x', 'a', 'b', 1), r('y1', 'b', 'c', 10)] },
    { nodes, relationships: [r('x', 'a', 'b', 1), r('y2', 'b', 'c', 31)] },
    { nodes: [n('a'), n('c')], relationships: [r('z', 'a', 'c', 2)] },
  ];
  const d = differingSteps(paths);
  assert.deepEqual(d.map((s) => [...s]), [[1], [1], []]);
  assert.equal(relDetail(paths[0].relationships[1]), '¶ 10');
  assert.equal(relDetail({ id: 'abcdefghij', properties: { claim: 'x'.repeat(50) } }), `“${'x'.repeat(40)}…”`);
});

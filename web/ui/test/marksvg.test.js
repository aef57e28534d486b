import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marksSvg, withMarks } from '../src/marksvg.js';

test('marksSvg draws one classed element per marked edge at its midpoint, in export coordinates', () => {
  const items = [
    { id: 'r1', type: 'THREATENS', mark: 'contested', x: 10, y: 20 },
    { id: 'r"2', type: 'ACCUSES', mark: 'single', x: -5, y: 0 },
    { id: 'r3', type: 'MEETS', mark: '', x: 0, y: 0 },
    { id: 'r4', type: 'MEETS', mark: 'contested', x: NaN, y: 0 },
  ];
  const g = marksSvg(items, { dx: 5, dy: -10, scale: 2, size: 10 });
  const els = [...g.matchAll(/<(path|circle) ([^>]*)>/g)].map(([, tag, attrs]) => ({ tag, ...Object.fromEntries([...attrs.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])) }));
  assert.deepEqual(
    els.map((e) => [e.tag, e.class, e['data-mark'], e['data-edge'], e['data-type']]),
    [
      ['path', 'evidence-mark contested', 'contested', 'r1', 'THREATENS'],
      ['circle', 'evidence-mark single', 'single', 'r&quot;2', 'ACCUSES'],
    ],
  );
  // (10 + 5) * 2 = 30, (20 - 10) * 2 = 20; half size 5 * 2 = 10.
  assert.equal(els[0].d, 'M30 10L40 20L30 30L20 20Z');
  assert.deepEqual([els[1].cx, els[1].cy], ['0', '-20']);
  assert.match(g, /^<g class="evidence-marks">.*<\/g>$/);
  assert.equal(marksSvg([]), '');
  assert.equal(marksSvg([{ id: 'x', mark: 'unknown', x: 0, y: 0 }]), '');
});

test('withMarks puts the background and the marks under the drawing, after the defs', () => {
  const head = '<svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="10" height="10">';
  const g = '<g class="evidence-marks"/>';
  const bg = '<rect class="background" x="0" y="0" width="100%" height="100%" fill="#ffffff"/>';
  const cases = [
    [`${head}<defs/><g><rect/></g></svg>`, g, '', `${head}<defs/>${g}<g><rect/></g></svg>`],
    [`${head}<defs><g id="p"/></defs><g><rect/></g></svg>`, g, '#ffffff', `${head}<defs><g id="p"/></defs>${bg}${g}<g><rect/></g></svg>`],
    [`${head}<g><rect/></g></svg>`, '', '#ffffff', `${head}${bg}<g><rect/></g></svg>`],
    [`${head}<g><rect/></g></svg>`, '', '', `${head}<g><rect/></g></svg>`],
  ];
  for (const [svg, marks, fill, want] of cases) assert.equal(withMarks(svg, marks, { bg: fill }), want, `${svg} ${marks} ${fill}`);
  assert.equal(withMarks(`${head}</svg>`, '', { bg: '"><script>' }), `${head}<rect class="background" x="0" y="0" width="100%" height="100%" fill="&quot;&gt;&lt;script&gt;"/></svg>`);
  assert.throws(() => withMarks('<html></html>', g), /not an SVG/);
});

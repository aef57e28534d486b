// The evidence marks (style.js MARKS) as SVG elements, for the SVG export.
// svg.js records Cytoscape's own drawing calls, which do not carry which
// edge a shape belongs to or why it is drawn: the amber badge, the italic
// label and the shape at an edge's middle come out as anonymous paths and
// text, which no reader or tool can tell for a mark. So the export adds one
// element per marked edge, at the edge's midpoint, classed and carrying
// the mark, the edge and its type (and a <title>). Kept apart from svg.js
// (which needs a DOM) so it is tested in Node.

import { MARKS } from './style.js';
import { escapeHtml } from './snapshot.js';

const markByName = new Map(MARKS.map((m) => [m.mark, m]));
const r2 = (v) => Math.round(v * 100) / 100;

/**
 * marksSvg returns a <g class="evidence-marks"> holding one mark per item
 * ({id, type, mark: 'contested'|'single', x, y} in model coordinates),
 * placed by the export's transform: (x + dx) * scale. Items of no known
 * mark are left out; '' when none is left.
 */
export function marksSvg(items, { dx = 0, dy = 0, scale = 1, size = 9 } = {}) {
  const out = [];
  for (const it of items ?? []) {
    const m = markByName.get(it?.mark);
    if (!m || !Number.isFinite(it.x) || !Number.isFinite(it.y)) continue;
    const x = r2((it.x + dx) * scale);
    const y = r2((it.y + dy) * scale);
    const s = r2((size / 2) * scale);
    const attrs = `class="evidence-mark ${m.mark}" data-mark="${m.mark}" data-edge="${escapeHtml(it.id)}" data-type="${escapeHtml(it.type ?? '')}"`;
    const title = `<title>${escapeHtml(it.type ?? '')}: ${escapeHtml(m.label)}</title>`;
    if (m.shape === 'diamond') {
      out.push(`<path ${attrs} d="M${x} ${r2(y - s)}L${r2(x + s)} ${y}L${x} ${r2(y + s)}L${r2(x - s)} ${y}Z" fill="${m.color}" stroke="#ffffff" stroke-width="${r2(scale)}">${title}</path>`);
    } else {
      const fill = m.fill === 'hollow' ? '#ffffff' : m.color;
      out.push(`<circle ${attrs} cx="${x}" cy="${y}" r="${r2(s * 0.8)}" fill="${fill}" stroke="${m.color}" stroke-width="${r2(1.5 * scale)}">${title}</circle>`);
    }
  }
  return out.length ? `<g class="evidence-marks">${out.join('')}</g>` : '';
}

/**
 * withMarks puts a background and the marks (marksSvg) under what
 * Cytoscape drew: before its first group, after the document's defs.
 * Cytoscape draws its own shape at the middle of a marked edge and the
 * label over it, as on screen; underneath, the marks keep the picture the
 * screen's and say which edge carries which mark.
 */
export function withMarks(svg, marks, { bg = '' } = {}) {
  const under = (bg ? `<rect class="background" x="0" y="0" width="100%" height="100%" fill="${escapeHtml(bg)}"/>` : '') + (marks ?? '');
  if (!under) return svg;
  const root = /<svg\b[^>]*>/.exec(svg);
  if (!root) throw new Error('not an SVG document');
  let at = root.index + root[0].length;
  const defs = /^\s*(?:<defs\/>|<defs\b[^>]*>[\s\S]*?<\/defs>)/.exec(svg.slice(at));
  if (defs) at += defs[0].length;
  return svg.slice(0, at) + under + svg.slice(at);
}

// The legend: one section per style rule (its scale, computed over what is
// shown), then the kinds and polarities the rules leave in place. Closed
// by default, so it covers nothing until asked for.

import { h, clear, swatch } from '../dom.js';
import { KINDS, POLARITIES, MARKS } from '../style.js';

const $ = (id) => document.getElementById(id);

function sample(entry, s) {
  if (s.color) {
    const box = h('span', { class: 'box' });
    box.style.backgroundColor = s.color;
    return box;
  }
  if (s.size !== undefined) {
    const dot = h('span', { class: 'dot' });
    const px = entry.rule.target === 'edge' ? Math.max(2, s.size) : Math.max(6, Math.min(26, s.size / 2.4));
    if (entry.rule.target === 'edge') {
      dot.style.width = '18px';
      dot.style.height = `${px}px`;
      dot.style.borderRadius = '2px';
    } else {
      dot.style.width = `${px}px`;
      dot.style.height = `${px}px`;
    }
    return dot;
  }
  const ring = h('span', { class: 'ring' });
  ring.style.borderWidth = `${Math.max(1, Math.min(6, s.borderWidth ?? 2))}px`;
  ring.style.borderColor = s.borderColor ?? '#212529';
  return ring;
}

export function createLegend(ctx) {
  const body = $('legend-body');
  let last = '';
  return {
    render(state) {
      const ruled = ctx.app.ruleLegend ?? [];
      const key = JSON.stringify([ruled.map((e) => [e.title, e.samples?.map((s) => s.label), e.entries?.map((s) => [s.label, s.count])]), state.marks !== false]);
      if (key === last) return;
      last = key;
      clear(body);
      for (const e of ruled) {
        body.append(h('h3', { class: 'rule-title' }, e.title));
        if (e.note) body.append(h('span', { class: 'item muted' }, e.note));
        else if (e.kind === 'number') {
          if (!e.samples.length) body.append(h('span', { class: 'item muted' }, 'no values among what is shown'));
          else body.append(h('div', { class: 'scale', dataset: { rule: e.rule.input } }, e.samples.map((s) => h('span', { class: 'item' }, sample(e, s), s.label))));
        } else {
          for (const s of e.entries) body.append(h('span', { class: 'item', dataset: { rule: e.rule.input } }, sample(e, s), `${s.label} (${s.count})`));
        }
      }
      const colourByRule = (t) => state.rules.some((r) => r.target === t && r.channel === 'color');
      if (!colourByRule('node')) {
        body.append(h('h3', {}, 'Kinds'));
        for (const k of KINDS) body.append(h('span', { class: 'item' }, swatch(k), k.label));
      }
      body.append(h('h3', {}, 'Relations'));
      if (!colourByRule('edge')) for (const p of POLARITIES) body.append(h('span', { class: 'item' }, swatch(p), p.polarity));
      // Whatever colours the relations, weak evidence is dotted and faded (style.js).
      body.append(h('span', { class: 'item weak-item', title: 'A doubtful, improbable or unjudged claim (credibility 4–6), a source graded D–F, or a source that disputes or denies the claim' }, swatch({ color: '#868e96', line: 'dotted' }), 'weak evidence'));
      // The evidence marks, while they are drawn (the Filters tab turns them off).
      if (state.marks !== false) for (const m of MARKS) body.append(h('span', { class: 'item mark-item', dataset: { mark: m.mark }, title: m.title }, swatch({ color: '#868e96', line: 'solid', mid: m }), h('span', { class: `mark-label ${m.mark}` }, `${m.prefix}${m.label}`)));
    },
  };
}

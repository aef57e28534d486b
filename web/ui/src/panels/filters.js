// The filters panel: show only some kinds and relationship types. Each list
// of boxes is one tab stop (the arrow keys move within it, Space ticks), so
// the keyboard gets past the filters in two Tabs instead of fifty.

import { h, clear } from '../dom.js';
import { KINDS } from '../style.js';

const $ = (id) => document.getElementById(id);

export function createFilters({ store }) {
  const boxes = { labels: $('label-filters'), types: $('type-filters') };
  const grades = { minReliability: $('min-reliability'), minCredibility: $('min-credibility') };
  for (const [field, select] of Object.entries(grades)) {
    select.value = store.get()[field];
    select.addEventListener('change', () => store.setState({ [field]: select.value }));
  }
  // The evidence marks on the canvas: a view setting, not a filter, so
  // Clear filters leaves it.
  const marks = $('evidence-marks');
  marks.checked = store.get().marks !== false;
  marks.addEventListener('change', () => store.setState({ marks: marks.checked }));

  function roving(box) {
    box.addEventListener('keydown', (ev) => {
      const d = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[ev.key] ?? (ev.key === 'Home' ? -Infinity : ev.key === 'End' ? Infinity : 0);
      if (!d) return;
      const inputs = [...box.querySelectorAll('input')];
      const i = inputs.indexOf(document.activeElement);
      if (i < 0) return;
      ev.preventDefault();
      const j = Math.max(0, Math.min(inputs.length - 1, i + (Number.isFinite(d) ? d : d > 0 ? inputs.length : -inputs.length)));
      inputs[i].tabIndex = -1;
      inputs[j].tabIndex = 0;
      inputs[j].focus();
    });
    box.addEventListener('focusin', (ev) => {
      if (!(ev.target instanceof HTMLInputElement)) return;
      for (const i of box.querySelectorAll('input')) i.tabIndex = i === ev.target ? 0 : -1;
    });
  }

  function setup(schema, vocab) {
    const counts = (list) => new Map((list ?? []).map((c) => [c.name, c.count]));
    const labelCounts = counts(schema?.labels);
    const typeCounts = counts(schema?.relationshipTypes);
    const labels = [...new Set([...KINDS.map((k) => k.label), ...labelCounts.keys()])].filter((l) => l !== 'Actor');
    const typeDesc = new Map((vocab?.relationshipTypes ?? []).map((t) => [t.name, t.description]));
    const types = [...new Set([...typeCounts.keys(), ...typeDesc.keys()])].sort();
    const state = store.get();
    const check = (name, group, count, title, first) =>
      h(
        'label',
        { title: title ?? '' },
        h('input', { type: 'checkbox', value: name, dataset: { group }, checked: state[group].includes(name), tabindex: first ? '0' : '-1' }),
        name,
        count !== undefined ? h('span', { class: 'count' }, count) : null,
      );
    clear(boxes.labels).append(...labels.map((l, i) => check(l, 'labels', labelCounts.get(l), undefined, i === 0)));
    clear(boxes.types).append(...types.map((t, i) => check(t, 'types', typeCounts.get(t), typeDesc.get(t), i === 0)));
    for (const box of Object.values(boxes)) {
      box.addEventListener('change', (ev) => {
        const group = ev.target.dataset.group;
        if (!group) return;
        store.setState({ [group]: [...box.querySelectorAll('input:checked')].map((i) => i.value).sort() });
      });
      roving(box);
    }
    $('clear-filters').addEventListener('click', () => store.setState({ labels: [], types: [], minReliability: '', minCredibility: '' }));
  }

  return {
    setup,
    render(state) {
      for (const [group, box] of Object.entries(boxes)) for (const i of box.querySelectorAll('input')) i.checked = state[group].includes(i.value);
      for (const [field, select] of Object.entries(grades)) if (select.value !== state[field]) select.value = state[field];
      marks.checked = state.marks !== false;
    },
  };
}

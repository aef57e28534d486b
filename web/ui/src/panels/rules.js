// The Style tab: the list of style rules and a form to add one. The inputs
// offered are those of the registry (rules.js): metrics, kinds, polarity,
// and every property found on what the canvas shows, so grades and stance
// appear here as soon as the data carries them.

import { h, clear } from '../dom.js';
import { CHANNELS, validRule } from '../rules.js';

const $ = (id) => document.getElementById(id);

export function createRulesPanel({ store, inputs, canvas }) {
  const target = $('rule-target');
  const channel = $('rule-channel');
  const input = $('rule-input');

  function fillChoices() {
    const t = target.value;
    const keepC = channel.value;
    const keepI = input.value;
    clear(channel).append(...CHANNELS[t].map((c) => h('option', { value: c.id }, c.label)));
    if (CHANNELS[t].some((c) => c.id === keepC)) channel.value = keepC;
    // What the canvas shows now: the inputs offered are its properties.
    const all = canvas.ruleItems();
    const items = t === 'node' ? all.nodes : all.edges;
    const list = inputs.list(t, items ?? []);
    clear(input).append(...list.map((i) => h('option', { value: i.id }, `${i.label}${i.metric ? ' (metric)' : ''}`)));
    if (list.some((i) => i.id === keepI)) input.value = keepI;
  }

  target.addEventListener('change', fillChoices);
  $('rule-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const rule = { target: target.value, channel: channel.value, input: input.value };
    if (!validRule(rule, inputs)) return;
    store.setState((s) => ({ rules: [...s.rules.filter((r) => !(r.target === rule.target && r.channel === rule.channel)), rule] }));
    $('legend').open = true; // the legend shows the new scale
  });
  fillChoices();

  return {
    refresh: fillChoices,
    render(state) {
      const list = clear($('rule-list'));
      if (!state.rules.length) list.append(h('li', { class: 'muted' }, 'No rules: nodes are coloured by kind, relations by polarity.'));
      state.rules.forEach((r, i) => {
        const inp = inputs.get(r.target, r.input);
        const ch = CHANNELS[r.target]?.find((c) => c.id === r.channel)?.label ?? r.channel;
        list.append(
          h(
            'li',
            { class: 'rule', dataset: { rule: `${r.target}:${r.channel}:${r.input}` } },
            h('span', {}, `${r.target === 'node' ? 'Node' : 'Relation'} ${ch.toLowerCase()} by ${inp?.label ?? r.input}`),
            h('button', { type: 'button', 'aria-label': `Remove the rule ${ch} by ${inp?.label ?? r.input}`, onclick: () => store.setState((s) => ({ rules: s.rules.filter((_, j) => j !== i) })) }, 'Remove'),
          ),
        );
      });
    },
  };
}

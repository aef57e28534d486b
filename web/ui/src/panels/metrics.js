// The Metrics tab: degree, PageRank, betweenness and Louvain communities of
// the nodes on screen, as the server computes them (POST /api/metrics with
// the shown nodes and the type and date filters). The metrics are inputs of
// the style rules (net:degree, net:pageRank, net:betweenness,
// net:community): the tab's controls set the node size and colour rules,
// so the legend, the link, saved views and undo follow them, and the Style
// tab offers the same inputs. The numbers describe the view they were
// computed for: a changed view says so until computed again.

import { h, clear } from '../dom.js';
import { METRICS, ranked, metricText, metricsSignature, metricsQuery } from '../metrics.js';

const $ = (id) => document.getElementById(id);

/** The rule inputs the server's metrics provide. */
export const NET_SIZE = (key) => `net:${key}`;
export const NET_COMMUNITY = 'net:community';

export function createMetrics(ctx) {
  const { api, store, canvas, inputs, track, actions } = ctx;
  // The server's answer for the view it was asked about, and that view's signature.
  let metrics = null;
  let values = new Map(); // node id → metrics node
  let attempted = false;

  for (const m of METRICS) {
    inputs.register({ id: NET_SIZE(m.key), target: 'node', label: `${m.label} (server)`, kind: 'number', metric: true, value: (it) => values.get(it.id)?.[m.key] });
  }
  // Community 0 is the largest: a category whose label sorts and reads as the community number.
  inputs.register({ id: NET_COMMUNITY, target: 'node', label: 'Community (server)', kind: 'category', metric: true, value: (it) => (values.has(it.id) ? `community ${values.get(it.id).community + 1}` : undefined) });

  const sizeSel = $('metric-size');
  const community = $('metric-community');
  sizeSel.append(...METRICS.map((m) => h('option', { value: m.key }, m.label)));

  const shownIds = () => canvas.visibleNodes().map((n) => n.id());
  const signature = (state) => metricsSignature(shownIds(), state);

  async function compute() {
    attempted = true;
    const state = store.get();
    const ids = shownIds();
    const summary = $('metric-summary');
    if (!ids.length) {
      summary.textContent = 'Nothing is shown to compute metrics for.';
      return;
    }
    const q = metricsQuery(state);
    try {
      // An opened file the server does not hold is sent along (what the
      // filters read: ends, types, labels, dates and grades).
      const file = ids.some((id) => !canvas.served(id));
      const res = file ? await api.graphMetrics(canvas.asDocument(ids, ['since', 'until', 'reliability', 'credibility']), q) : await api.metrics(ids, q);
      metrics = { ...res, sig: signature(state), rangeIgnored: q.rangeIgnored };
      values = new Map(res.nodes.map((n) => [n.id, n]));
    } catch (err) {
      metrics = null;
      values = new Map();
      store.setState({}, { undo: false });
      summary.textContent = `Metrics: ${err?.message ?? err}`;
      throw err;
    }
    // Restyle with the new values (the rules read them) and redraw the panel.
    store.setState({}, { undo: false });
  }

  /** setRule puts the metric rule of channel in place of any node rule on that channel, or drops it. */
  function setRule(channel, input) {
    store.setState((s) => ({ rules: [...s.rules.filter((r) => !(r.target === 'node' && r.channel === channel)), ...(input ? [{ target: 'node', channel, input }] : [])] }));
    if (input && !metrics) track(compute, 'Metrics');
  }

  sizeSel.addEventListener('change', () => setRule('size', sizeSel.value ? NET_SIZE(sizeSel.value) : ''));
  community.addEventListener('change', () => setRule('color', community.checked ? NET_COMMUNITY : ''));
  $('metric-run').addEventListener('click', () => track(compute, 'Metrics'));

  function pick(id) {
    const ref = canvas.refOf(id);
    if (!ref) return;
    actions.select([ref]);
    const ele = canvas.cy.getElementById(id);
    if (ele.nonempty()) canvas.cy.animate({ center: { eles: ele } }, { duration: 200 });
  }

  let lastList = '';
  return {
    render(state) {
      const sizeRule = state.rules.find((r) => r.target === 'node' && r.channel === 'size' && r.input.startsWith('net:') && r.input !== NET_COMMUNITY);
      const colourRule = state.rules.find((r) => r.target === 'node' && r.channel === 'color' && r.input === NET_COMMUNITY);
      // The last size/colour rule wins (rules.js): the tab shows a metric rule only when it is that one.
      const lastSize = state.rules.filter((r) => r.target === 'node' && r.channel === 'size').at(-1);
      const lastColour = state.rules.filter((r) => r.target === 'node' && r.channel === 'color').at(-1);
      const metric = sizeRule && sizeRule === lastSize ? sizeRule.input.slice(4) : '';
      const byCommunity = !!colourRule && colourRule === lastColour;
      sizeSel.value = metric;
      community.checked = byCommunity;
      // A link or a saved view that sizes or colours by a metric computes it once on arrival.
      if ((metric || byCommunity) && !metrics && !attempted && shownIds().length) track(compute, 'Metrics');

      // What the metrics style now, for tests and assistive tools.
      let sized = 0;
      let coloured = 0;
      canvas.visibleNodes().forEach((n) => {
        if (!values.has(n.id())) return;
        if (metric && n.data('_size') !== undefined) sized++;
        if (byCommunity && n.data('_color') !== undefined) coloured++;
      });
      Object.assign($('cy').dataset, { sized: String(sized), coloured: String(coloured) });

      const summary = $('metric-summary');
      if (!metrics) {
        delete summary.dataset.stale;
        if (!summary.textContent.startsWith('Metrics:') && !summary.textContent.startsWith('Nothing')) summary.textContent = '';
        clear($('metric-list'));
        lastList = '';
        return;
      }
      const by = metric || 'pageRank';
      const label = METRICS.find((m) => m.key === by)?.label ?? by;
      if (metrics.sig !== signature(state)) {
        summary.dataset.stale = 'true';
        summary.textContent = 'The view has changed: compute again for its metrics.';
      } else {
        delete summary.dataset.stale;
        const note = metrics.rangeIgnored ? ' Relations outside the time range are counted: the server takes one date, not a range.' : '';
        summary.textContent = `${metrics.nodes.length} nodes, ${metrics.relationships} relationships, ${metrics.communities.length} communities (modularity ${metrics.modularity.toFixed(3)}).${note} Ranked by ${label}:`;
      }
      const top = ranked(metrics.nodes, by);
      const key = JSON.stringify([by, metrics.sig, byCommunity, top.map((n) => n.id)]);
      if (key === lastList) return;
      lastList = key;
      const list = clear($('metric-list'));
      for (const n of top) {
        const colour = byCommunity ? canvas.cy.getElementById(n.id).data('_color') : undefined;
        const dot = h('span', { class: 'box', 'aria-hidden': 'true' });
        if (colour) dot.style.backgroundColor = colour;
        list.append(
          h('li', { dataset: { key: n.key, community: String(n.community) } },
            h('button', { type: 'button', onclick: () => pick(n.id), title: `community ${n.community + 1}` },
              dot, ' ', n.name || n.key, ' ',
              h('span', { class: 'muted' }, metricText(by, n[by])))),
        );
      }
    },
  };
}

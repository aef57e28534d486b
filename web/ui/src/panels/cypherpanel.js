// The Cypher panel: the editor (loaded on first use), examples, history, the
// results table, and errors shown once, at their position, with a caret
// under the offending column. A query is run only when the user runs it: a
// reloaded link shows the query and the view it produced, and runs nothing.

import { h, clear } from '../dom.js';
import { ApiError } from '../api.js';
import { cellText } from '../format.js';
import { createHistory } from '../history.js';
import { EXAMPLES, splitProblem } from '../queries.js';
import { operatorFacts, planTitle } from '../plan.js';

const $ = (id) => document.getElementById(id);

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function createCypherPanel(ctx) {
  const { api, store, canvas, app, status, track, replaceCanvas } = ctx;
  const cypherHistory = createHistory(safeStorage());
  let editorPromise = null;
  let hasResults = false;

  // CodeMirror is loaded on first use (its own chunk), so the graph does not
  // wait for the editor to be parsed.
  function ensureEditor() {
    editorPromise ??= import('../cypher.js').then(({ createCypherEditor }) =>
      createCypherEditor($('cypher-editor'), {
        doc: store.get().cypher,
        label: 'Cypher query',
        onRun: () => track(run, 'Cypher'),
      }),
    );
    return editorPromise;
  }

  function renderHistory() {
    const hist = clear($('cypher-history'));
    hist.append(h('option', { value: '' }, 'History…'));
    cypherHistory.list().forEach((e, i) => hist.append(h('option', { value: String(i), title: e.query }, e.query.replace(/\s+/g, ' ').slice(0, 60))));
  }

  function load(e) {
    $('cypher-params').value = e.params ?? '';
    ensureEditor().then((editor) => {
      editor.setValue(e.query);
      editor.focus();
    });
  }

  function setup() {
    $('cypher-params').value = store.get().params;
    const ex = $('cypher-examples');
    EXAMPLES.forEach((e, i) => ex.append(h('option', { value: String(i) }, e.title)));
    ex.addEventListener('change', () => {
      const e = EXAMPLES[Number(ex.value)];
      ex.value = '';
      if (e) load(e);
    });
    const hist = $('cypher-history');
    hist.addEventListener('change', () => {
      const e = cypherHistory.list()[Number(hist.value)];
      hist.value = '';
      if (e) load(e);
    });
    renderHistory();
    $('cypher-run').addEventListener('click', () => track(run, 'Cypher'));
    $('cypher-params').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        track(run, 'Cypher');
      }
    });
    $('results-close').addEventListener('click', () => {
      hasResults = false;
      $('results').hidden = true;
      canvas.cy.resize();
    });
  }

  function hideResults() {
    hasResults = false;
    $('results').hidden = true;
    clear($('results-table'));
    renderPlan(null);
    canvas.cy.resize();
  }

  function showError(editor, problem, fallback, query = '') {
    const box = $('cypher-error');
    clear(box);
    box.hidden = false;
    const { message, line, column } = splitProblem(problem, fallback);
    const where = line ? `Line ${line}${column ? `, column ${column}` : ''}: ` : '';
    box.append(h('span', { class: 'where' }, where), h('span', { class: 'message' }, message));
    if (line && query) {
      // The offending line and a caret under its column, in one monospaced
      // block so the caret sits under the character it points at.
      const text = query.split('\n')[line - 1] ?? '';
      const col = Math.max(1, Math.min(column || 1, text.length + 1));
      box.append(h('pre', { class: 'caret', 'aria-hidden': 'true' }, h('code', { class: 'caret-line' }, text), '\n', h('code', { class: 'caret-mark' }, `${' '.repeat(col - 1)}^`)));
    }
    // Neo4j's status codes mean something only where Neo4j answered.
    if (problem?.code && app.store === 'neo4j') box.append(h('span', { class: 'code' }, problem.code));
    if (line) editor.showError(line, column, message);
  }

  async function run() {
    const editor = await ensureEditor();
    const q = editor.getValue().trim();
    const paramText = $('cypher-params').value.trim();
    $('cypher-error').hidden = true;
    $('cypher-note').hidden = true;
    editor.clearError();
    if (!q) return showError(editor, null, 'Write a query first.');
    let params = {};
    if (paramText) {
      try {
        params = JSON.parse(paramText);
        if (!params || typeof params !== 'object' || Array.isArray(params)) throw new Error('parameters must be a JSON object');
      } catch (err) {
        hideResults();
        return showError(editor, null, `Parameters: ${err.message}`);
      }
    }
    cypherHistory.add(q, paramText);
    renderHistory();
    let res;
    try {
      res = await api.cypher(q, params);
    } catch (err) {
      if (err instanceof ApiError) {
        // The refused query returned nothing: its error replaces the old results.
        hideResults();
        showError(editor, err.problem, err.message, q);
        store.setState({ cypher: q, params: paramText, tab: 'cypher' }, { undo: false });
        status(err.status === 501 ? 'Cypher is not available on this store.' : 'The query failed; the canvas still shows the previous view.', true);
        return;
      }
      throw err;
    }
    renderTable(res);
    renderPlan(res.plan);
    const g = res.graph ?? { nodes: [], relationships: [] };
    const s = res.stats ?? {};
    if (res.plan?.mode === 'EXPLAIN') {
      store.setState({ cypher: q, params: paramText, tab: 'cypher' }, { undo: false });
      status(`Planned in ${s.elapsedMs ?? '?'} ms; the query was not run.`);
      return;
    }
    const rows = `${s.rows ?? res.rows?.length ?? 0} row${(s.rows ?? res.rows?.length) === 1 ? '' : 's'} in ${s.elapsedMs ?? '?'} ms${s.truncated ? ' (truncated)' : ''}`;
    if (g.nodes?.length) {
      // The canvas connects the result's nodes with every relation between
      // them, as Neo4j Browser does, so a reload of the link shows the same.
      let full = g;
      if (g.nodes.length <= app.limits.maxSubgraph) {
        const among = await api.subgraph(g.nodes.map((n) => n.id)).catch(() => null);
        if (among) full = { nodes: g.nodes, relationships: [...(g.relationships ?? []), ...(among.relationships ?? [])] };
      }
      await replaceCanvas(full, { cypher: q, params: paramText, tab: 'cypher' });
      status(`${rows}; ${g.nodes.length} node${g.nodes.length === 1 ? '' : 's'} drawn.`);
    } else {
      store.setState({ cypher: q, params: paramText, tab: 'cypher' }, { undo: false });
      status(`${rows}. No nodes or relationships to draw: the canvas keeps the previous view.`);
    }
  }

  // renderPlan shows the plan of an EXPLAIN or PROFILE query as a tree,
  // root (ProduceResults) first and each operator's inputs nested under it,
  // as Neo4j Browser does; rows flow upwards.
  function renderPlan(plan) {
    const box = clear($('results-plan'));
    box.hidden = !plan;
    if (!plan) return;
    const item = (op) =>
      h(
        'li',
        { role: 'treeitem', 'aria-expanded': op.children?.length ? 'true' : null, class: 'plan-op' },
        h(
          'div',
          { class: 'plan-box' },
          h('strong', { class: 'plan-name' }, op.operator),
          op.details ? h('span', { class: 'plan-details' }, op.details) : null,
          h('span', { class: 'plan-facts' }, operatorFacts(op).map((f) => h('span', { class: f.startsWith('index:') ? 'plan-fact plan-index' : 'plan-fact' }, f))),
        ),
        op.children?.length ? h('ul', { role: 'group' }, op.children.map(item)) : null,
      );
    box.append(h('h3', { class: 'plan-title' }, planTitle(plan)), h('ul', { role: 'tree', 'aria-label': 'Query plan', class: 'plan-tree' }, item(plan.root)));
    $('results-title').textContent = plan.mode === 'EXPLAIN' ? 'Plan (EXPLAIN: not run)' : `${$('results-title').textContent} · Plan (PROFILE)`;
    $('results-table').hidden = plan.mode === 'EXPLAIN';
  }

  function renderTable(res) {
    const table = clear($('results-table'));
    table.hidden = false;
    const cols = res.columns ?? [];
    table.append(h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))));
    const pick = (row) => {
      // Select what the row names on the canvas: its nodes, relationships and paths.
      const ids = new Set();
      const collect = (v) => {
        if (!v || typeof v !== 'object') return;
        if (Array.isArray(v)) return v.forEach(collect);
        if (typeof v.id === 'string') ids.add(v.id);
        if (Array.isArray(v.nodes)) v.nodes.forEach(collect);
        if (Array.isArray(v.relationships)) v.relationships.forEach(collect);
      };
      row.forEach(collect);
      const eles = canvas.cy.elements().filter((e) => ids.has(e.id()));
      if (eles.empty()) return;
      store.setState({ selected: eles.map((e) => (e.isNode() ? canvas.refOf(e.id()) : e.id())) }, { undo: false });
      canvas.fitTo(eles, 80);
    };
    table.append(
      h(
        'tbody',
        {},
        (res.rows ?? []).map((row) => h('tr', { tabindex: '0', onclick: () => pick(row), onkeydown: (ev) => ev.key === 'Enter' && pick(row) }, row.map((v) => h('td', {}, cellText(v))))),
      ),
    );
    $('legend').open = false; // the results take the room the legend had
    $('results-title').textContent = `Results: ${res.rows?.length ?? 0} row${res.rows?.length === 1 ? '' : 's'}${res.stats?.truncated ? ' (truncated)' : ''}`;
    hasResults = true;
    $('results').hidden = false;
    canvas.cy.resize();
  }

  return {
    setup,
    run: () => track(run, 'Cypher'),
    /** shown is told when the Cypher tab is shown or left: results belong to it. */
    shown(on) {
      if (on) ensureEditor().catch((err) => ctx.report(err, 'Editor'));
      const show = on && hasResults;
      if ($('results').hidden === !show) return;
      $('results').hidden = !show;
      canvas.cy.resize();
    },
    /** restored is told the state a link opened with: say the query was not run. */
    restored(state) {
      if (!state.cypher) return;
      const note = $('cypher-note');
      note.hidden = false;
      note.textContent = 'This query came with the link and has not been run: the canvas shows the view as it was shared. Run it (Ctrl+Enter) to see its results.';
    },
  };
}

// The Export menu (actorgraph JSON and GraphML from the server, PNG, SVG and
// the one-file HTML snapshot made in the page) and "Open file…".

import { isExportDocument } from '../elements.js';
import { toSvg } from '../svg.js';
import { snapshotData, snapshotHtml, scriptSafe, SNAPSHOT_CSS } from '../snapshot.js';
import { nodeName } from '../format.js';
import { h } from '../dom.js';
import { download } from './views.js';
import { gradeParams } from '../grades.js';

const $ = (id) => document.getElementById(id);
/* global SNAPSHOT_VIEWER */
const viewerUrl = typeof SNAPSHOT_VIEWER === 'string' ? SNAPSHOT_VIEWER : '';

async function sha256(text) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `sha256-${btoa(bin)}`;
}

export function createExports(ctx) {
  const { api, canvas, store, status, track, lookupNode, replaceCanvas } = ctx;
  const close = () => ($('export-menu').open = false);

  /** exportIds returns the selected nodes, or every visible node when fewer than two are selected. */
  function exportIds() {
    const selected = canvas.cy.nodes(':selected').not('.filtered, .hidden');
    const nodes = selected.length > 1 ? selected : canvas.visibleNodes();
    return nodes.map((n) => n.id());
  }

  async function exportAs(format, label) {
    close();
    const ids = exportIds();
    if (!ids.length) return status('Nothing to export: the canvas is empty.', true);
    const { blob, filename } = await api.exportFile(ids, format, gradeParams(store.get()));
    download(blob, filename);
    status(`Exported ${ids.length} nodes as ${label}.`);
  }

  function exportSvg() {
    close();
    if (canvas.visibleNodes().empty()) return status('Nothing to export: the canvas is empty.', true);
    download(new Blob([toSvg(canvas.cy, { marks: store.get().marks !== false })], { type: 'image/svg+xml' }), 'actorgraph.svg');
    status(`Exported ${canvas.visibleNodes().length} nodes as SVG.`);
  }

  let viewerJs = null;
  async function exportSnapshot() {
    close();
    if (canvas.visibleNodes().empty()) return status('Nothing to export: the canvas is empty.', true);
    if (!viewerUrl) throw new Error('this build has no snapshot viewer');
    viewerJs ??= await (await fetch(new URL(viewerUrl, import.meta.url))).text();
    // Names for the keys evidence refers to (sources, asserters), so the file needs no server.
    const names = {};
    const refs = new Set();
    canvas.visibleEdges().forEach((e) => {
      const p = canvas.rels.get(e.id())?.properties ?? {};
      for (const v of [p.source, p.attributedTo]) if (typeof v === 'string' && v) refs.add(v);
    });
    await Promise.all(
      [...refs].map(async (ref) => {
        const n = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref) ? await lookupNode(ref).catch(() => null) : null;
        names[ref] = n ? nodeName(n) : ref;
      }),
    );
    const state = store.get();
    const when = new Date();
    const range = state.time.from || state.time.to ? ` (${state.time.from === state.time.to ? `as of ${state.time.from}` : `${state.time.from || '…'}–${state.time.to || '…'}`})` : '';
    const title = `actorgraph view${range}`;
    const legend = $('legend-body').innerHTML;
    const data = snapshotData(canvas.cy, { nodes: canvas.nodes, rels: canvas.rels, names, title, legend, marks: state.marks !== false });
    // The snapshot's CSP allows its inline viewer by hash, and nothing else.
    const html = snapshotHtml({ data, viewerJs, css: SNAPSHOT_CSS, scriptHashes: [await sha256(scriptSafe(viewerJs))], createdAt: when.toISOString().slice(0, 16).replace('T', ' ') });
    const stamp = when.toISOString().slice(0, 10);
    download(new Blob([html], { type: 'text/html' }), `actorgraph-snapshot-${stamp}.html`);
    status(`Saved a snapshot of ${data.nodes.length} nodes and ${data.relationships.length} relations: one HTML file that opens offline.`);
  }

  /**
   * formats lists the Export menu, in order: one entry per format, made on
   * the server (from /api/export) or in the page. A new server format
   * (issue 13) is one more { id, label, server: true } entry.
   */
  const formats = [
    { id: 'json', label: 'actorgraph JSON', server: true },
    { id: 'graphml', label: 'GraphML', server: true },
    { id: 'gexf', label: 'GEXF (Gephi)', server: true },
    { id: 'ftm', label: 'FollowTheMoney', server: true },
    { id: 'stix', label: 'STIX 2.1', server: true },
    { id: 'csv', label: 'CSV (Neo4j import)', server: true },
    { id: 'png', label: 'PNG image', run: async () => (close(), download(canvas.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), 'actorgraph.png')) },
    { id: 'svg', label: 'SVG image', run: async () => exportSvg() },
    { id: 'snapshot', label: 'Snapshot (HTML)', title: 'One HTML file with the data and a read-only viewer; opens offline', run: exportSnapshot },
  ];
  const menu = $('export-list');
  for (const f of formats) {
    const b = h('button', { id: `export-${f.id}`, type: 'button', title: f.title }, f.label);
    b.addEventListener('click', () => track(f.server ? () => exportAs(f.id, f.label) : f.run, 'Export'));
    menu.append(b);
  }
  $('open-file').addEventListener('change', (ev) => {
    const file = ev.target.files?.[0];
    if (!file) return;
    track(async () => {
      const doc = JSON.parse(await file.text());
      if (!isExportDocument(doc)) throw new Error('not an actorgraph export (format actorgraph/v1)');
      await replaceCanvas(doc, {}, { served: false });
      status(`Opened ${file.name}: ${doc.nodes.length} nodes, ${doc.relationships.length} relationships.`);
    }, 'Open file').finally(() => (ev.target.value = ''));
  });
}

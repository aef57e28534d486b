// The one-file snapshot: an HTML document holding the current view's data
// (nodes, relations with their evidence, positions, the styles as drawn)
// and a read-only viewer, all inline. It opens from disk in any browser,
// fetches nothing (its own Content-Security-Policy forbids it), and shows
// the evidence of a relation on click.

/** escapeHtml makes text safe inside HTML text and attribute values. */
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** scriptSafe keeps inline script or JSON text from closing its <script> element early. */
export const scriptSafe = (s) => String(s).replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/**
 * snapshotData collects what the snapshot shows from a Cytoscape instance
 * and the viewer's caches: visible elements only, each with the style it
 * is drawn with, and the names of the nodes that evidence refers to. A
 * relation of a contested or single-source tie carries its mark (evidence:
 * 'contested' or 'single', as on the canvas) unless marks is false (the
 * view hides them).
 */
export function snapshotData(cy, { nodes, rels, names = {}, title, legend = '', marks = true }) {
  const vis = cy.nodes().filter((n) => n.visible());
  const shown = new Set(vis.map((n) => n.id()));
  const edges = cy.edges().filter((e) => e.visible() && shown.has(e.source().id()) && shown.has(e.target().id()));
  const num = (v) => Math.round(parseFloat(v) * 100) / 100;
  return {
    format: 'actorgraph-snapshot/v1',
    title,
    legend,
    nodes: vis.map((n) => {
      const api = nodes.get(n.id()) ?? {};
      const shape = n.style('shape');
      return {
        id: n.id(),
        key: api.key ?? '',
        labels: api.labels ?? [],
        properties: api.properties ?? {},
        x: num(n.position('x')),
        y: num(n.position('y')),
        style: {
          name: n.data('name'),
          shape,
          points: shape === 'polygon' ? n.style('shape-polygon-points') : undefined,
          color: n.style('background-color'),
          size: num(n.width()),
          borderWidth: num(n.style('border-width')),
          borderColor: n.style('border-color'),
        },
      };
    }),
    relationships: edges.map((e) => {
      const api = rels.get(e.id()) ?? {};
      const evidence = marks ? e.data('evidence') : undefined;
      return {
        id: e.id(),
        type: api.type ?? e.data('type'),
        start: e.source().id(),
        end: e.target().id(),
        properties: api.properties ?? {},
        ...(evidence ? { evidence } : {}),
        style: { color: e.style('line-color'), width: num(e.style('width')), line: e.style('line-style'), polarity: e.data('polarity') },
      };
    }),
    names,
  };
}

/**
 * snapshotHtml assembles the document. viewerJs is the read-only viewer's
 * script; scriptHashes are the CSP hashes ('sha256-…') of the inline
 * scripts, computed by the caller (SubtleCrypto is async).
 */
export function snapshotHtml({ data, viewerJs, css, scriptHashes, createdAt }) {
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src ${scriptHashes.map((h) => `'${h}'`).join(' ')}; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="actorgraph">
<title>${escapeHtml(data.title)}</title>
<style>${css}</style>
</head>
<body>
<header class="bar"><h1>${escapeHtml(data.title)}</h1><p class="muted">Snapshot taken ${escapeHtml(createdAt)} · ${data.nodes.length} nodes, ${data.relationships.length} relations · read-only; click a node or a relation</p></header>
<main><div id="cy" role="application" aria-label="Graph (read-only): click a node or a relation to see its details" tabindex="0"></div>
<aside id="info" aria-live="polite"><h2>Details</h2><p class="muted">Click a node or a relation to see its details and evidence.</p></aside>
<details id="legend" class="legend"><summary>Legend</summary><div class="legend-body">${data.legend}</div></details></main>
<script type="application/json" id="snapshot-data">${scriptSafe(JSON.stringify({ ...data, legend: undefined }))}</script>
<script>${scriptSafe(viewerJs)}</script>
</body>
</html>
`;
}

/** The snapshot's own stylesheet (the app's is not inlined: it is built for the full viewer). */
export const SNAPSHOT_CSS = `
*{box-sizing:border-box}html,body{height:100%;margin:0}body{font:14px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;display:flex;flex-direction:column;background:#f8f9fa}
.bar{padding:6px 12px;background:#fff;border-bottom:1px solid #dee2e6}.bar h1{font-size:16px;margin:0;color:#0b7285}.muted{color:#5f6b76;margin:2px 0 0;font-size:12px}
main{flex:1;min-height:0;display:grid;grid-template-columns:1fr 340px;position:relative}#cy{background:#fff;min-height:0}
#info{background:#fff;border-left:1px solid #dee2e6;padding:10px 12px;overflow:auto}#info h2{font-size:16px;margin:0 0 6px}
#info dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 10px;font-size:13px}#info dt{color:#5f6b76}#info dd{margin:0;overflow-wrap:anywhere}
.claim{margin:6px 0;padding:6px 8px;border-left:3px solid #0b7285;background:#f1f3f5}
.legend{position:absolute;left:8px;bottom:8px;background:rgb(255 255 255/.92);border:1px solid #dee2e6;border-radius:4px;padding:4px 8px;font-size:12px;max-height:60%;overflow:auto}
.legend-body{display:grid;grid-template-columns:repeat(2,auto);gap:2px 12px}.legend h3{grid-column:1/-1;margin:2px 0;font-size:12px;color:#5f6b76}.legend .item{display:flex;align-items:center;gap:5px}
.legend .scale{grid-column:1/-1;display:flex;gap:4px;flex-wrap:wrap}.legend .dot{display:inline-block;border-radius:50%;background:#adb5bd}.legend .box{display:inline-block;width:16px;height:12px}.legend .ring{display:inline-block;width:14px;height:14px;border-radius:50%;border-style:solid}
.legend .mark-label.contested{background:#b35900;color:#fff;font-weight:600;border-radius:3px;padding:0 3px}.legend .mark-label.single{font-style:italic}
.evidence-flag{display:inline-block;margin:4px 0;padding:0 5px;border-radius:3px;font-size:12px}.evidence-flag.contested{background:#b35900;color:#fff;font-weight:600}.evidence-flag.single{border:1px solid #343a40;font-style:italic}
`;

// The canvas: Cytoscape, the cache of every node and relationship the viewer
// has fetched, and what the canvas can do with them (show a set of nodes,
// lay them out, place new ones, apply visibility and style rules, move the
// selection with the keyboard). It holds no view state of its own: the state
// module tells it what to show (apply), and it reports what the user did
// through the callbacks it is given.

import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { stylesheet, labelScale, polarityOf } from './style.js';
import { nodeElement, edgeElement, nodeVisible, relVisible } from './elements.js';
import { forceLayout, FIRST_TICKS } from './force.js';
import { tieIndex, tieOf, evidenceMark } from './grades.js';

cytoscape.use(fcose);

// Above this many nodes the canvas trades edge labels and curves for speed.
export const LARGE = 600;
// Above this many nodes fCoSE takes seconds; the force layout runs in a worker instead.
export const FORCE_MAX = 300;
// Above this many relationships (on a LARGE graph) edges are haystacks: straight
// from centre to centre without arrowheads, which Cytoscape draws without
// computing where each edge meets its nodes' shapes. At the zoom that fits
// so many, arrowheads were under a pixel; the details panel gives direction.
export const HAYSTACK = 3000;

/* global LAYOUT_WORKER */
const workerUrl = typeof LAYOUT_WORKER === 'string' ? LAYOUT_WORKER : '';

/**
 * createCanvas mounts Cytoscape on container.
 * @param {HTMLElement} container
 * @param {{typePolarity: Map<string,string>}} opts
 */
export function createCanvas(container, { typePolarity }) {
  const cy = cytoscape({
    container,
    style: stylesheet(),
    minZoom: 0.02,
    maxZoom: 4,
    boxSelectionEnabled: true,
    // 'single': a tap selects the tapped element only. With 'additive' the
    // tap handler's own selection was toggled off again by Cytoscape right
    // after it, so every other click on a node missed.
    selectionType: 'single',
  });
  const nodes = new Map(); // id → API node
  const rels = new Map(); // id → API relationship
  const idByRef = new Map(); // key or id → id
  const served = new Set(); // ids of the nodes the server sent (not only a file)
  let large = false;
  let haystack = false;
  let labels = 1;
  let marks = true;
  let ties = new Map(); // tieIndex of the last POST /api/claims answer
  let layoutSeq = 0;
  // Positions layoutGraph has handed out for nodes not drawn yet: sync
  // creates them there, instead of at the origin and then moving them.
  let placed = new Map();

  const refOf = (id) => nodes.get(id)?.key || id;
  const idOf = (ref) => idByRef.get(ref) ?? (rels.has(ref) ? ref : undefined);

  /**
   * ingest caches the nodes and relationships of an API graph. served is
   * false for a graph from elsewhere (an opened file), whose nodes the
   * server may not hold.
   */
  function ingest(g, { served: fromServer = true } = {}) {
    for (const n of g?.nodes ?? []) {
      if (!n?.id) continue;
      if (fromServer) served.add(n.id);
      nodes.set(n.id, n);
      idByRef.set(n.id, n.id);
      if (n.key) idByRef.set(n.key, n.id);
    }
    for (const r of g?.relationships ?? []) if (r?.id) rels.set(r.id, r);
  }

  /**
   * setSize picks the stylesheet for a graph of n nodes and m relationships.
   * It is called before elements are added, so that they are styled once.
   */
  function setSize(n, m) {
    const on = n > LARGE;
    const hay = on && m > HAYSTACK;
    if (on === large && hay === haystack) return;
    large = on;
    haystack = hay;
    // Big graphs keep the model label size (readableLabels): set it now,
    // not with a second restyle of every element once the view is fitted.
    if (on) labels = 1;
    restyle();
    // Drawing edges while the viewport moves dominates the frame time on big
    // graphs; Cytoscape reads these renderer flags on every frame.
    const r = cy.renderer();
    if (r) {
      r.hideEdgesOnViewport = on;
      r.textureOnViewport = on;
    }
  }

  const restyle = () => cy.style(stylesheet({ large, haystack, labels, marks }));

  // Labels keep a readable size on screen when the view is zoomed out (up
  // to 3×), recomputed once a zoom gesture ends. Big graphs keep the model
  // size: their labels appear as one zooms in.
  let zoomTimer = 0;
  function readableLabels() {
    const want = large ? 1 : labelScale(cy.zoom());
    if (Math.abs(want - labels) / labels > 0.04) {
      labels = want;
      restyle();
    }
  }
  cy.on('zoom', () => {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(() => {
      readableLabels();
      warmPan();
    }, 120);
  });

  /**
   * warmPan makes, while the page is idle, the node textures a big graph's
   * next pan starts from. With textureOnViewport a drag first draws every
   * node into one texture at twice the view's resolution, from per-node
   * textures Cytoscape makes on the spot at that scale: at 5,000 nodes that
   * first frame took 0.7–0.9 s in headless Chromium. Drawing the same
   * texture ahead (through the renderer's internal render call, as its
   * drag does) leaves a drag only the copying. It does nothing if those
   * internals are not there.
   */
  let warmHandle = 0;
  function warmPan() {
    if (!large || typeof requestIdleCallback !== 'function') return;
    cancelIdleCallback(warmHandle);
    warmHandle = requestIdleCallback(
      () => {
        const r = cy.renderer();
        const cxt = r?.data?.bufferContexts?.[r.TEXTURE_BUFFER];
        const need = r?.data?.canvasNeedsRedraw;
        if (!large || !r?.textureOnViewport || !cxt || !Array.isArray(need) || !r.hoverData || r.hoverData.dragging) return;
        const pending = [...need];
        cxt.setTransform(1, 0, 0, 1, 0, 0);
        cxt.clearRect(0, 0, r.canvasWidth * r.textureMult, r.canvasHeight * r.textureMult);
        r.hoverData.dragging = true; // drawn as during a drag: the nodes only
        try {
          r.render({ forcedContext: cxt, drawOnlyNodeLayer: true, forcedPxRatio: r.getPixelRatio() * r.textureMult });
        } finally {
          r.hoverData.dragging = false;
          // A redraw the screen was waiting for is still due.
          pending.forEach((v, i) => (need[i] = v));
        }
      },
      { timeout: 3000 },
    );
  }

  /**
   * sync makes the canvas show exactly the nodes named by refs, with every
   * known relationship between them. Returns the ids it added.
   */
  function sync(refs) {
    const want = new Set();
    for (const r of refs) {
      const id = idOf(r);
      if (id && nodes.has(id)) want.add(id);
    }
    const added = [];
    cy.batch(() => {
      cy.nodes().filter((n) => !want.has(n.id())).remove();
      const fresh = [];
      for (const id of want) {
        if (cy.getElementById(id).nonempty()) continue;
        const xy = placed.get(id);
        fresh.push(xy ? { ...nodeElement(nodes.get(id)), position: { x: xy[0], y: xy[1] } } : nodeElement(nodes.get(id)));
        added.push(id);
      }
      placed = new Map();
      const edges = [];
      let m = 0;
      for (const r of rels.values()) {
        if (!want.has(r.start) || !want.has(r.end)) continue;
        m++;
        if (cy.getElementById(r.id).empty()) edges.push(edgeElement(r, typePolarity));
      }
      setSize(want.size, m);
      cy.add(fresh);
      applyMarks(cy.add(edges));
    });
    return added;
  }

  /**
   * setTies takes the corroboration of the ties among the canvas's nodes
   * (POST /api/claims) and marks every relation drawn of a contested or
   * single-source tie (data field evidence, drawn when marks are on).
   * Relations drawn later are marked as they come (sync).
   */
  function setTies(list) {
    ties = tieIndex(list);
    cy.batch(() => applyMarks(cy.edges()));
    countMarks();
  }

  function applyMarks(edges) {
    edges.forEach((e) => {
      const rel = rels.get(e.id());
      const mark = rel ? evidenceMark(tieOf(ties, rel, refOf(rel.start), refOf(rel.end))) : '';
      if (mark) {
        if (e.data('evidence') !== mark) e.data('evidence', mark);
      } else if (e.data('evidence') !== undefined) e.removeData('evidence');
    });
  }

  /** setMarks shows or hides the evidence marks. */
  function setMarks(on) {
    if (on !== marks) {
      marks = on;
      restyle();
    }
    countMarks();
  }

  // The marks shown, on the canvas element, for tests and assistive tools.
  function countMarks() {
    let contested = 0;
    let single = 0;
    if (marks) {
      forEachVisibleEdge((e) => {
        const m = e.data('evidence');
        if (m === 'contested') contested++;
        else if (m === 'single') single++;
      });
    }
    Object.assign(container.dataset, { marks: marks ? 'on' : 'off', contested: String(contested), singleSource: String(single) });
  }

  /**
   * asDocument returns the nodes of ids (ids, keys, labels and names) and the
   * relationships among them, with only the properties props, as an
   * actorgraph/v1 document: what the server is sent to answer about a
   * canvas it does not hold (an opened file), and no more.
   */
  function asDocument(ids, props) {
    const on = new Set(ids);
    const pick = (p, keys = props) => Object.fromEntries(keys.filter((k) => p?.[k] !== undefined && p[k] !== null).map((k) => [k, p[k]]));
    return {
      format: 'actorgraph/v1',
      nodes: ids.filter((id) => nodes.has(id)).map((id) => {
        const n = nodes.get(id);
        return { id, key: n.key, labels: n.labels, properties: pick(n.properties, ['name']) };
      }),
      relationships: [...rels.values()].filter((r) => on.has(r.start) && on.has(r.end)).map((r) => ({ id: r.id, type: r.type, start: r.start, end: r.end, properties: pick(r.properties) })),
    };
  }

  const onCanvas = () => cy.nodes().map((n) => refOf(n.id()));

  function positions() {
    const out = {};
    cy.nodes().forEach((n) => {
      const p = n.position();
      out[refOf(n.id())] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
    });
    return out;
  }

  function setPositions(pos) {
    if (!pos) return;
    cy.batch(() => {
      for (const [ref, xy] of Object.entries(pos)) {
        const id = idOf(ref);
        if (!id) continue;
        const n = cy.getElementById(id);
        if (n.empty() || !Array.isArray(xy)) continue;
        // Moving a node costs events and cache updates even when it stays put.
        const p = n.position();
        if (p.x !== xy[0] || p.y !== xy[1]) n.position({ x: xy[0], y: xy[1] });
      }
    });
  }

  /** visible returns the elements the user can see (filters and hidden set applied). */
  const visibleNodes = () => cy.nodes().not('.filtered, .hidden');
  const shown = (n) => !n.hasClass('filtered') && !n.hasClass('hidden');
  const edgeShown = (e) => !e.hasClass('filtered') && shown(e.source()) && shown(e.target());
  const visibleEdges = () => cy.edges().filter(edgeShown);
  // Counting needs no collection: building one per call was a tenth of a
  // big graph's first draw. (A callback returning false would stop
  // Cytoscape's forEach, hence the blocks.)
  const forEachVisibleEdge = (fn) =>
    cy.edges().forEach((e) => {
      if (edgeShown(e)) fn(e);
    });

  /**
   * applyVisibility sets the filtered/hidden classes from the state and
   * returns counts: nodes shown and total, relations shown, and relations
   * hidden by the time range alone.
   */
  function applyVisibility({ labels: kinds, types, time, hidden, minReliability, minCredibility }) {
    const hide = new Set((hidden ?? []).map(idOf).filter(Boolean));
    let outOfRange = 0;
    // toggleClass costs as much when nothing changes, and on a big graph
    // almost nothing does.
    const set = (ele, cls, on) => ele.hasClass(cls) !== on && ele.toggleClass(cls, on);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const node = nodes.get(n.id());
        set(n, 'filtered', node ? !nodeVisible(node, { labels: kinds }) : false);
        set(n, 'hidden', hide.has(n.id()));
      });
      cy.edges().forEach((e) => {
        const rel = rels.get(e.id());
        // The grade thresholds hide like the type filter: only the time range is counted apart.
        const byType = rel ? relVisible(rel, { types, minReliability, minCredibility }) : true;
        const byTime = rel ? relVisible(rel, { time }) : true;
        if (byType && !byTime) outOfRange++;
        set(e, 'filtered', !(byType && byTime));
      });
    });
    let shownNodes = 0;
    cy.nodes().forEach((n) => {
      if (shown(n)) shownNodes++;
    });
    let edges = 0;
    forEachVisibleEdge(() => edges++);
    const counts = { nodes: shownNodes, total: cy.nodes().length, edges, edgesTotal: cy.edges().length, outOfRange };
    // Counts on the canvas element let tests and assistive tools read what is shown.
    Object.assign(container.dataset, { nodes: String(shownNodes), edges: String(edges), total: String(counts.total) });
    countMarks();
    return counts;
  }

  /** applyStyles writes the style-rule results (rules.js) onto the elements. */
  function applyStyles(styles) {
    const fields = { size: '_size', color: '_color', borderWidth: '_bw', borderColor: '_bc' };
    cy.batch(() => {
      cy.elements().forEach((e) => {
        const s = styles.get(e.id());
        for (const [k, f] of Object.entries(fields)) {
          const v = s?.[k];
          if (v === undefined) {
            if (e.data(f) !== undefined) e.removeData(f);
          } else if (e.data(f) !== v) e.data(f, v);
        }
      });
    });
  }

  /** ruleItems describes the visible elements for the style rules. */
  function ruleItems() {
    const vn = visibleNodes();
    const ve = visibleEdges();
    const degree = new Map();
    ve.forEach((e) => {
      degree.set(e.source().id(), (degree.get(e.source().id()) ?? 0) + 1);
      degree.set(e.target().id(), (degree.get(e.target().id()) ?? 0) + 1);
    });
    return {
      nodes: vn.map((n) => {
        const node = nodes.get(n.id());
        return { id: n.id(), kind: n.data('kind'), labels: node?.labels ?? [], props: node?.properties ?? {}, metrics: { degree: degree.get(n.id()) ?? 0 } };
      }),
      edges: ve.map((e) => {
        const rel = rels.get(e.id());
        return { id: e.id(), type: e.data('type'), polarity: e.data('polarity'), props: rel?.properties ?? {}, metrics: {} };
      }),
      pairs: ve.map((e) => [e.source().id(), e.target().id()]),
    };
  }

  /** viewport returns the zoom and the model point at the centre of the canvas. */
  function viewport() {
    const z = cy.zoom();
    const p = cy.pan();
    return { zoom: z, x: (cy.width() / 2 - p.x) / z, y: (cy.height() / 2 - p.y) / z };
  }

  function setViewport(v) {
    if (!v) return;
    cy.viewport({ zoom: v.zoom, pan: { x: cy.width() / 2 - v.x * v.zoom, y: cy.height() / 2 - v.y * v.zoom } });
    readableLabels();
  }

  /**
   * fitTo brings eles into view without zooming in past a readable scale.
   * It fits the nodes, not their labels: labels grow as the view zooms out
   * (readableLabels), so fitting them too would shrink the view each time.
   */
  function fitTo(eles = visibleNodes(), padding = 40) {
    if (eles.empty()) return;
    const bb = eles.boundingBox({ includeLabels: false, includeOverlays: false });
    const w = cy.width();
    const h = cy.height();
    const z = Math.max(cy.minZoom(), Math.min(1.3, (w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding - 16) / Math.max(bb.h, 1)));
    cy.viewport({ zoom: z, pan: { x: w / 2 - z * (bb.x1 + bb.w / 2), y: (h - 16) / 2 - z * (bb.y1 + bb.h / 2) } });
    readableLabels();
  }

  /**
   * layout lays the visible graph out: fCoSE up to FORCE_MAX nodes, else
   * the force layout in a worker, whose intermediate positions are drawn
   * as they come (the first of them is marked actorgraph:layout-first).
   */
  async function layout({ randomize = false, fit = true } = {}) {
    const seq = ++layoutSeq;
    const vn = visibleNodes();
    if (vn.empty()) return;
    const eles = vn.union(visibleEdges());
    if (vn.length <= FORCE_MAX) {
      const locked = vn.filter(':locked');
      const opts = {
        name: 'fcose',
        quality: 'default',
        randomize,
        animate: false,
        fit: false,
        padding: 40,
        nodeRepulsion: () => 9000,
        idealEdgeLength: () => 90,
        nodeSeparation: 90,
        numIter: 1000,
        packComponents: true,
        nodeDimensionsIncludeLabels: true,
      };
      if (locked.nonempty() && !randomize) opts.fixedNodeConstraint = locked.map((l) => ({ nodeId: l.id(), position: { ...l.position() } }));
      await new Promise((resolve) => {
        const run = eles.layout(opts);
        run.one('layoutstop', resolve);
        run.run();
      });
    } else {
      await forceInWorker(vn, seq);
    }
    if (fit && seq === layoutSeq) fitTo(vn);
  }

  let worker = null;
  let workerSeq = 0;
  /**
   * startWorker starts the layout worker if it is not running. The page
   * calls it when it is idle after its first graph, so that the first big
   * graph does not wait for the worker's script to load and warm up.
   */
  function startWorker() {
    if (workerUrl && typeof Worker !== 'undefined') worker ??= new Worker(new URL(workerUrl, import.meta.url));
  }
  /**
   * forcePositions runs the force layout on n nodes and index pairs, in the
   * worker when there is one, and resolves with their positions
   * (x0, y0, x1, y1, ...). It needs no elements on the canvas, so a big
   * graph can be laid out before it is drawn. onFirst, if given, gets the
   * positions after FIRST_TICKS ticks, which are good enough to draw while
   * the layout settles.
   */
  function forcePositions(n, pairs, fixed = [], ticks = 200, onFirst = null) {
    if (!workerUrl || typeof Worker === 'undefined') {
      const links = [];
      for (let i = 0; i < pairs.length; i += 2) links.push([pairs[i], pairs[i + 1]]);
      return Promise.resolve(forceLayout({ n, links, fixed: new Map(fixed.map(([i, x, y]) => [i, [x, y]])), ticks }));
    }
    startWorker();
    const id = ++workerSeq;
    const first = onFirst ? FIRST_TICKS : 0;
    return new Promise((resolve) => {
      const onMessage = (ev) => {
        if (ev.data.id !== id) return;
        if (!ev.data.done) {
          if (ev.data.tick === first) onFirst(ev.data.positions);
          return;
        }
        worker.removeEventListener('message', onMessage);
        resolve(ev.data.positions);
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage({ id, n, links: Int32Array.from(pairs), fixed, ticks, every: 0, first });
    });
  }

  // Counts node drags, so that a layout still settling leaves alone a graph
  // the user has started to arrange.
  let grabs = 0;
  cy.on('grab', 'node', () => grabs++);

  /** markDrawn marks the performance timeline when the next frame is drawn. */
  const markDrawn = (name) => cy.one('render', () => performance.mark(name));

  /**
   * settle moves the drawn nodes ids to their settled positions pos, unless
   * a newer layout has started, the canvas shows other nodes now, or the
   * user has dragged a node since the first positions were drawn. The view
   * is fitted again if it is still where the first positions left it.
   */
  function settle(seq, ids, pos, grabsBefore, view) {
    if (seq !== layoutSeq || grabs !== grabsBefore || cy.nodes().length !== ids.length) return;
    const eles = ids.map((id) => cy.getElementById(id));
    if (eles.some((n) => n.empty())) return;
    const fitted = view && cy.zoom() === view.zoom && cy.pan().x === view.pan.x && cy.pan().y === view.pan.y;
    // Rounded as positions() rounds them, so that writing them into the state moves nothing again.
    const round = (v) => Math.round(v * 10) / 10;
    cy.batch(() => eles.forEach((n, i) => n.locked() || n.position({ x: round(pos[2 * i]), y: round(pos[2 * i + 1]) })));
    if (fitted) fitTo();
    markDrawn('actorgraph:layout-settled');
    warmPan();
    // main.js writes the settled positions into the state (the link, undo).
    cy.emit('layoutsettled');
  }

  /**
   * layoutGraph returns laid-out positions {ref: [x, y]} for an API graph
   * that is not drawn yet. With the worker it resolves with the positions
   * after FIRST_TICKS ticks, and once those are drawn (marked
   * actorgraph:layout-first) moves the nodes to the settled positions when
   * the worker has them (actorgraph:layout-settled, and a 'layoutsettled'
   * event on cy).
   */
  function layoutGraph(g) {
    const seq = ++layoutSeq;
    const list = g.nodes ?? [];
    const ids = list.map((n) => n.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const pairs = [];
    for (const r of g.relationships ?? []) {
      const a = index.get(r.start);
      const b = index.get(r.end);
      if (a !== undefined && b !== undefined && a !== b) pairs.push(a, b);
    }
    const refs = (pos) => {
      const out = {};
      placed = new Map();
      list.forEach((n, i) => {
        const xy = [Math.round(pos[2 * i] * 10) / 10, Math.round(pos[2 * i + 1] * 10) / 10];
        out[n.key || n.id] = xy;
        placed.set(n.id, xy);
      });
      return out;
    };
    return new Promise((resolve) => {
      let early = false;
      let grabsBefore = 0;
      let view = null;
      const onFirst = (pos) => {
        early = true;
        grabsBefore = grabs;
        // The caller draws and fits these positions before the next frame.
        cy.one('render', () => {
          performance.mark('actorgraph:layout-first');
          view = { zoom: cy.zoom(), pan: { ...cy.pan() } };
        });
        resolve(refs(pos));
      };
      forcePositions(ids.length, pairs, [], 200, onFirst).then((pos) => {
        if (early) return settle(seq, ids, pos, grabsBefore, view);
        markDrawn('actorgraph:layout-first');
        markDrawn('actorgraph:layout-settled');
        resolve(refs(pos));
      });
    });
  }

  async function forceInWorker(vn, seq) {
    const ids = vn.map((n) => n.id());
    const index = new Map(ids.map((id, i) => [id, i]));
    const pairs = [];
    visibleEdges().forEach((e) => {
      const a = index.get(e.source().id());
      const b = index.get(e.target().id());
      if (a !== undefined && b !== undefined && a !== b) pairs.push(a, b);
    });
    const fixed = [];
    vn.filter(':locked').forEach((n) => fixed.push([index.get(n.id()), n.position('x'), n.position('y')]));
    const pos = await forcePositions(ids.length, pairs, fixed);
    if (seq !== layoutSeq) return; // a newer layout has started
    cy.batch(() => vn.forEach((n, i) => n.position({ x: pos[2 * i], y: pos[2 * i + 1] })));
  }

  /**
   * placeAround returns positions for the new nodes ids on rings around the
   * anchor, outside the nodes already near it and clear of every node on
   * the canvas, so nothing already drawn has to move.
   */
  function placeAround(anchorId, ids) {
    const anchor = cy.getElementById(anchorId);
    if (anchor.empty() || !ids.length) return {};
    const c = anchor.position();
    const taken = cy
      .nodes()
      .filter((n) => !ids.includes(n.id()))
      .map((n) => n.position());
    const gap = 55;
    const clear = (p) => taken.every((q) => (q.x - p.x) ** 2 + (q.y - p.y) ** 2 >= gap * gap);
    const out = {};
    let ring = 1;
    let i = 0;
    while (i < ids.length && ring < 40) {
      const r = 90 + (ring - 1) * 60;
      const slots = Math.max(6, Math.floor((2 * Math.PI * r) / gap));
      const offset = ring * 0.7;
      for (let s = 0; s < slots && i < ids.length; s++) {
        const a = offset + (2 * Math.PI * s) / slots;
        const p = { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
        if (!clear(p)) continue;
        taken.push(p);
        out[refOf(ids[i++])] = [p.x, p.y];
      }
      ring++;
    }
    return out;
  }

  /**
   * placeNear returns positions for new nodes beside the placed nodes they
   * connect to (for paths and query results joining what is drawn).
   */
  function placeNear(ids) {
    const placed = new Map();
    cy.nodes().forEach((n) => {
      if (!ids.includes(n.id())) placed.set(n.id(), n.position());
    });
    const out = {};
    let pending = [...ids];
    for (let round = 0; round < 10 && pending.length; round++) {
      const next = [];
      for (const id of pending) {
        const nb = [];
        for (const r of rels.values()) {
          if (r.start === id && placed.has(r.end)) nb.push(placed.get(r.end));
          else if (r.end === id && placed.has(r.start)) nb.push(placed.get(r.start));
        }
        if (!nb.length) {
          next.push(id);
          continue;
        }
        const mx = nb.reduce((s, p) => s + p.x, 0) / nb.length;
        const my = nb.reduce((s, p) => s + p.y, 0) / nb.length;
        const a = (placed.size * 2.399) % (2 * Math.PI);
        const p = { x: mx + 70 * Math.cos(a), y: my + 70 * Math.sin(a) };
        placed.set(id, p);
        out[refOf(id)] = [p.x, p.y];
      }
      pending = next;
    }
    return { pos: out, unplaced: pending };
  }

  /** keepOnScreen zooms out around eles' first node, if needed, so all of eles is visible. */
  function keepOnScreen(anchorId, eles) {
    const anchor = cy.getElementById(anchorId);
    const bb = eles.renderedBoundingBox();
    const w = cy.width();
    const h = cy.height();
    const m = 30;
    if (bb.x1 >= m && bb.y1 >= m && bb.x2 <= w - m && bb.y2 <= h - m) return;
    const rp = anchor.renderedPosition();
    // The factor that brings the farthest corner inside, zooming about the anchor so it stays put.
    const f = Math.min(
      1,
      (rp.x - m) / Math.max(1, rp.x - bb.x1),
      (w - m - rp.x) / Math.max(1, bb.x2 - rp.x),
      (rp.y - m) / Math.max(1, rp.y - bb.y1),
      (h - m - rp.y) / Math.max(1, bb.y2 - rp.y),
    );
    if (f > 0 && f < 1) cy.zoom({ level: cy.zoom() * f, renderedPosition: rp });
    readableLabels();
  }

  function highlight(ids) {
    cy.batch(() => {
      cy.elements('.path').removeClass('path');
      cy.elements('.dim').removeClass('dim');
      if (!ids) return;
      cy.elements().forEach((e) => (ids.has(e.id()) ? e.addClass('path') : e.addClass('dim')));
    });
  }

  /**
   * nearest returns the visible node closest to from in a direction
   * ('left', 'right', 'up', 'down'), looking in a 90° cone; null if none.
   */
  function nearest(fromId, dir) {
    const from = cy.getElementById(fromId);
    if (from.empty()) return null;
    const p = from.position();
    const [ux, uy] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[dir];
    let best = null;
    let bestScore = Infinity;
    visibleNodes().forEach((n) => {
      if (n.id() === fromId) return;
      const q = n.position();
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const along = dx * ux + dy * uy;
      const across = Math.abs(dx * uy - dy * ux);
      if (along <= 0 || across > along) return;
      const score = along + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = n.id();
      }
    });
    return best;
  }

  /** readingOrder lists the visible node ids top to bottom, left to right (rows of 40 px). */
  const readingOrder = () =>
    visibleNodes()
      .map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y') }))
      .sort((a, b) => Math.round(a.y / 40) - Math.round(b.y / 40) || a.x - b.x)
      .map((n) => n.id);

  return {
    cy,
    nodes,
    rels,
    refOf,
    idOf,
    ingest,
    /** served reports whether the server sent this node (an opened file's may not be on it). */
    served: (id) => served.has(id),
    sync,
    onCanvas,
    positions,
    setPositions,
    applyVisibility,
    applyStyles,
    setTies,
    setMarks,
    asDocument,
    ruleItems,
    visibleNodes,
    visibleEdges,
    viewport,
    setViewport,
    fitTo,
    layout,
    layoutGraph,
    startWorker,
    placeAround,
    placeNear,
    keepOnScreen,
    highlight,
    nearest,
    readingOrder,
    polarity: (rel) => polarityOf(rel, typePolarity),
    get large() {
      return large;
    },
  };
}

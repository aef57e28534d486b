// Keyboard: Escape anywhere (menus close; selection and highlight clear;
// from a form control, focus returns to the canvas), Ctrl+Z, and moving
// from node to node on the canvas.

const $ = (id) => document.getElementById(id);

export function setupKeyboard({ store, canvas, status, track, actions, doUndo }) {
  const cy = canvas.cy;
  const el = $('cy');
  const isFormControl = (t) => t instanceof HTMLElement && t.matches('input, textarea, select');
  const inEditor = (t) => t instanceof HTMLElement && !!t.closest?.('.editor');

  // Skip links move the focus without touching the hash: the hash is the
  // view state, and "#cy" would otherwise reset the view.
  for (const a of document.querySelectorAll('.skip a')) {
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      const target = $(a.getAttribute('href').slice(1));
      target?.focus();
    });
  }

  document.addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (ev.key === 'Escape') {
      for (const id of ['export-menu', 'views-menu']) {
        if ($(id).open) {
          $(id).open = false;
          $(id).querySelector('summary').focus();
          return;
        }
      }
      // The editor keeps Escape for itself (it is how one leaves it with Tab).
      if (inEditor(t)) return;
      store.setState((s) => ({ selected: [], path: s.path.pick >= 0 ? { ...s.path, pick: -1 } : s.path }), { undo: false });
      if (isFormControl(t)) {
        t.blur();
        el.focus();
        status('Back on the canvas. N steps through the nodes.');
      }
    } else if ((ev.ctrlKey || ev.metaKey) && ev.key === 'z' && !isFormControl(t) && !inEditor(t)) {
      ev.preventDefault();
      doUndo();
    }
  });

  const select = (id) => {
    const ref = canvas.refOf(id);
    store.setState({ selected: [ref] }, { undo: false });
    const n = cy.getElementById(id);
    // Keep the node in view, moving the view as little as possible.
    const p = n.renderedPosition();
    const m = 60;
    if (p.x < m || p.y < m || p.x > cy.width() - m || p.y > cy.height() - m) cy.animate({ center: { eles: n } }, { duration: 150 });
    const node = canvas.nodes.get(id);
    const deg = canvas.visibleEdges().filter((e) => e.source().id() === id || e.target().id() === id).length;
    status(`${node?.properties?.name ?? ref}: ${n.data('kind')}, ${deg} relation${deg === 1 ? '' : 's'} shown.`);
  };
  const selectedNode = () => {
    const ref = store.get().selected.find((r) => canvas.nodes.has(canvas.idOf(r) ?? ''));
    const id = ref && canvas.idOf(ref);
    return id && cy.getElementById(id).nonempty() && cy.getElementById(id).visible() ? id : null;
  };

  el.addEventListener('keydown', (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const dir = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }[ev.key];
    const current = selectedNode();
    if (dir) {
      ev.preventDefault();
      if (current && !ev.shiftKey) {
        const next = canvas.nearest(current, dir);
        if (next) select(next);
        else status(`No node further ${dir}.`);
        return;
      }
      const step = 60;
      const pan = { left: [step, 0], right: [-step, 0], up: [0, step], down: [0, -step] }[dir];
      cy.panBy({ x: pan[0], y: pan[1] });
    } else if (ev.key === 'n' || ev.key === 'N') {
      ev.preventDefault();
      const order = canvas.readingOrder();
      if (!order.length) return;
      const i = current ? order.indexOf(current) : -1;
      const j = ev.key === 'N' ? (i <= 0 ? order.length - 1 : i - 1) : (i + 1) % order.length;
      select(order[j]);
    } else if (ev.key === '+' || ev.key === '=') {
      cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: el.clientWidth / 2, y: el.clientHeight / 2 } });
    } else if (ev.key === '-') {
      cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: { x: el.clientWidth / 2, y: el.clientHeight / 2 } });
    } else if (ev.key === 'f') {
      canvas.fitTo();
    } else if (ev.key === 'Delete' || ev.key === 'h') {
      actions.hideNodes(store.get().selected.filter((r) => canvas.nodes.has(canvas.idOf(r) ?? '')));
    } else if (ev.key === 'Enter' && current) {
      track(() => actions.expand(current), 'Expand');
    }
  });
}

// Time: the "as of" box in the header and the timeline under the canvas
// both set state.time, a range {from, to} (an as-of date is a range of one
// date). The timeline spans the years the relations on the canvas name;
// Play slides the range one year at a time. A note on the canvas says what
// the range hides, so a filtered view never passes for the whole graph.

import { isDate, yearSpan } from '../dates.js';

const $ = (id) => document.getElementById(id);
const STEP_MS = 900;

export function createTimeline({ store, canvas, app, status }) {
  const asof = $('asof');
  const from = $('tl-from');
  const to = $('tl-to');
  const label = $('tl-label');
  const play = $('tl-play');
  const bar = $('timeline');
  let span = null;
  let timer = 0;

  // -- the as-of box
  const applyAsOf = () => {
    const v = asof.value.trim();
    const ok = v === '' || isDate(v);
    asof.classList.toggle('invalid', !ok);
    asof.setAttribute('aria-invalid', ok ? 'false' : 'true');
    if (!ok) return status('As of: use YYYY, YYYY-MM or YYYY-MM-DD.', true);
    store.setState({ time: { from: v, to: v } });
  };
  asof.addEventListener('change', applyAsOf);
  asof.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') applyAsOf();
  });

  // -- the sliders: a change is one undo step, however many inputs it took
  const years = () => [Number(from.value), Number(to.value)];
  const setRange = (a, b, undo) => {
    if (!span) return;
    const [lo, hi] = span;
    const all = a <= lo && b >= hi;
    store.setState({ time: all ? { from: '', to: '' } : { from: String(a), to: String(b) } }, { undo });
  };
  for (const [el, other, isFrom] of [
    [from, to, true],
    [to, from, false],
  ]) {
    el.addEventListener('input', () => {
      let [a, b] = years();
      if (a > b) {
        if (isFrom) b = a;
        else a = b;
        other.value = String(isFrom ? b : a);
      }
      stop();
      setRange(a, b, false);
    });
    el.addEventListener('pointerdown', () => store.checkpoint());
    el.addEventListener('keydown', (ev) => ev.key.startsWith('Arrow') && !ev.repeat && store.checkpoint());
  }
  $('tl-all').addEventListener('click', () => {
    stop();
    store.setState({ time: { from: '', to: '' } });
  });
  $('time-note-clear').addEventListener('click', () => {
    stop();
    store.setState({ time: { from: '', to: '' } });
  });

  // -- play: slide the range a year at a time; a range covering everything starts as the first year
  function stop() {
    if (!timer) return;
    clearInterval(timer);
    timer = 0;
    play.setAttribute('aria-pressed', 'false');
    play.textContent = 'Play';
  }
  function step() {
    if (!span) return stop();
    const hi = span[1];
    const [a, b] = years();
    if (b >= hi) return stop();
    setRange(a + 1, b + 1, false);
  }
  play.addEventListener('click', () => {
    if (timer) return stop();
    if (!span) return;
    const [lo, hi] = span;
    let [a, b] = years();
    if ((a <= lo && b >= hi) || b >= hi) {
      const width = a <= lo && b >= hi ? 0 : b - a;
      a = lo;
      b = lo + width;
    }
    store.setState({ time: { from: String(a), to: String(b) } });
    play.setAttribute('aria-pressed', 'true');
    play.textContent = 'Pause';
    timer = setInterval(step, STEP_MS);
  });

  return {
    render(state) {
      const t = state.time;
      const single = t.from && t.from === t.to;
      if (document.activeElement !== asof) asof.value = single ? t.from : '';
      // The span covers the relations on the canvas, whatever the filters.
      span = yearSpan(canvas.cy.edges().map((e) => canvas.rels.get(e.id())).filter(Boolean));
      bar.classList.toggle('disabled', !span);
      for (const el of [from, to, play]) el.disabled = !span;
      if (span) {
        const [lo, hi] = span;
        for (const el of [from, to]) {
          el.min = String(lo);
          el.max = String(hi);
        }
        const y = (s, dflt) => (s ? Number(String(s).slice(0, 4)) : dflt);
        from.value = String(Math.max(lo, Math.min(hi, y(t.from, lo))));
        to.value = String(Math.max(lo, Math.min(hi, y(t.to, hi))));
        from.setAttribute('aria-valuetext', `from ${from.value}`);
        to.setAttribute('aria-valuetext', `to ${to.value}`);
      }
      const active = !!(t.from || t.to);
      label.value = !active ? (span ? `All time (${span[0]}–${span[1]})` : 'No dated relations') : single ? `As of ${t.from}` : `${t.from || '…'} – ${t.to || '…'}`;
      label.textContent = label.value;
      // The note on the canvas: what the range hides.
      const note = $('time-note');
      note.hidden = !active;
      if (active) {
        const c = app.counts;
        const hidden = c?.outOfRange ?? 0;
        $('time-note-text').textContent = `${single ? `As of ${t.from}` : `Held ${t.from || 'any time'} – ${t.to || 'now'}`}: ${hidden} of ${c?.edgesTotal ?? 0} relations hidden`;
      }
      document.body.dataset.time = active ? `${t.from}..${t.to}` : '';
    },
    playing: () => !!timer,
  };
}

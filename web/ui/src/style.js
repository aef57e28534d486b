// Visual vocabulary of the canvas: one shape and colour per node kind, one
// colour per relationship polarity. Kept apart from the DOM so the legend,
// the Cytoscape stylesheet and the tests all read the same table.

/** Node kinds in legend order, with their shape and fill colour. */
export const KINDS = [
  { label: 'Country', shape: 'round-octagon', color: '#1f6fb4' },
  { label: 'Bloc', shape: 'hexagon', color: '#17a2b8' },
  { label: 'PublicBody', shape: 'round-rectangle', color: '#2b8a3e' },
  { label: 'Organization', shape: 'round-pentagon', color: '#7b4fb8' },
  { label: 'Company', shape: 'rectangle', color: '#8c564b' },
  { label: 'Person', shape: 'ellipse', color: '#e8710a' },
  { label: 'Group', shape: 'round-hexagon', color: '#9c9a1f' },
  { label: 'Agreement', shape: 'diamond', color: '#d6409f' },
  { label: 'Event', shape: 'star', color: '#c99700' },
  { label: 'Document', shape: 'round-tag', color: '#5c6bc0' },
  { label: 'Topic', shape: 'barrel', color: '#138d75' },
];

/** Style for nodes whose kind is unknown to this viewer. */
export const UNKNOWN_KIND = { label: 'Actor', shape: 'ellipse', color: '#6c757d' };

/** Relationship colours by polarity; conflict and cooperation must differ at a glance. */
export const POLARITIES = [
  { polarity: 'cooperation', color: '#2f9e44', line: 'solid' },
  { polarity: 'conflict', color: '#d62828', line: 'solid' },
  { polarity: 'neutral', color: '#868e96', line: 'dashed' },
];

/**
 * The evidence marks of a relation (see grades.js evidenceMark). A
 * contested tie (a source disputes or denies it) has its label on an
 * amber badge with a "!", in the colour of the evidence panel's
 * "contested" chip, and a filled diamond at its middle; a single-source
 * tie, subtler, an italic label and a small hollow ring. The label sits
 * over the middle of the relation, so the diamond and the ring show where
 * labels are not drawn (big graphs, zoomed out). A contested tie shows
 * its mark even when one source supports it: the evidence panel says both.
 */
export const MARKS = [
  {
    mark: 'contested',
    label: 'contested',
    shape: 'diamond',
    color: '#b35900',
    fill: 'filled',
    title: 'Some source disputes or denies this tie: its label is on an amber badge with a "!" and a diamond sits at its middle. The evidence panel lists every claim for and against.',
    text: { 'text-background-color': '#b35900', 'text-background-opacity': 1, 'text-background-padding': 2, 'text-background-shape': 'round-rectangle', color: '#ffffff', 'text-outline-width': 0, 'font-weight': 'bold' },
    prefix: '! ',
  },
  {
    mark: 'single',
    label: 'single source',
    shape: 'circle',
    color: '#343a40',
    fill: 'hollow',
    title: 'Exactly one independent source supports this tie (sources counted by document; a reprint and its original are one): its label is in italics and a small ring sits at its middle.',
    text: { 'font-style': 'italic' },
    prefix: '',
  },
];

const kindByLabel = new Map(KINDS.map((k) => [k.label, k]));
const polarityByName = new Map(POLARITIES.map((p) => [p.polarity, p]));

/**
 * kindOf returns the kind label of a node: its first label other than Actor
 * that the viewer knows, else its first label other than Actor, else Actor.
 * @param {string[]} labels
 */
export function kindOf(labels = []) {
  const known = labels.find((l) => kindByLabel.has(l));
  if (known) return known;
  return labels.find((l) => l !== 'Actor') ?? 'Actor';
}

/** kindStyle returns {label, shape, color} for a node's labels. */
export function kindStyle(labels) {
  return kindByLabel.get(kindOf(labels)) ?? UNKNOWN_KIND;
}

/**
 * polarityOf returns a relationship's polarity: its own property when valid,
 * else the usual polarity of its type from the vocabulary, else neutral.
 * @param {{type:string, properties?:object}} rel
 * @param {Map<string,string>} [typePolarity] type name → polarity
 */
export function polarityOf(rel, typePolarity) {
  const own = rel.properties?.polarity;
  if (polarityByName.has(own)) return own;
  const usual = typePolarity?.get(rel.type);
  if (polarityByName.has(usual)) return usual;
  return 'neutral';
}

/** polarityStyle returns {polarity, color, line} for a polarity name. */
export function polarityStyle(polarity) {
  return polarityByName.get(polarity) ?? polarityByName.get('neutral');
}

/**
 * Cytoscape tests whether a click falls in a polygon by counting crossings
 * of a vertical line through it; for a star or a diamond that line passes
 * through the top vertex when the click is at the centre, which is counted
 * twice, so a click right at the centre misses the node. The same shapes
 * with those vertices moved a thousandth of the width to the right have no
 * vertex there.
 */
const NUDGED = {
  diamond: [0, -1, 1, 0, 0, 1, -1, 0],
  star: Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 ? 0.4 : 1;
    return [r * Math.cos(a), r * Math.sin(a)];
  }).flat(),
};

/** shapeStyle returns the Cytoscape style properties that draw a kind's shape. */
export function shapeStyle(shape) {
  const pts = NUDGED[shape];
  if (!pts) return { shape };
  return { shape: 'polygon', 'shape-polygon-points': pts.map((v, i) => (i % 2 === 0 && Math.abs(v) < 1e-9 ? 0.001 : Math.round(v * 1e4) / 1e4)) };
}

/** Label size on screen the canvas keeps while zoomed out (see labelScale). */
export const LABEL_PX = 12;
const LABEL_MODEL = 15;

/**
 * labelScale returns the factor applied to label sizes at a zoom level so
 * that labels stay LABEL_PX on screen when zoomed out, up to 3×.
 */
export function labelScale(zoom) {
  if (!(zoom > 0)) return 1;
  return Math.min(3, Math.max(1, LABEL_PX / (LABEL_MODEL * zoom)));
}

/**
 * stylesheet builds the Cytoscape stylesheet. large switches to cheaper
 * edges and hides edge labels so panning stays smooth on big graphs;
 * haystack (for many relationships) draws edges centre to centre without
 * arrowheads, the cheapest edges Cytoscape has (the evidence marks, at the
 * middle, stay); labels scales the node labels (see labelScale); marks
 * draws the evidence marks (MARKS) on the relations whose data names one.
 * @param {{large?: boolean, haystack?: boolean, labels?: number, marks?: boolean}} [opts]
 */
/**
 * markStyles draws the evidence marks (MARKS) on the relations whose data
 * names one (edge data evidence): the canvas and the snapshot's viewer
 * share it. On a large graph the labels are not drawn, so neither is the
 * marks' label styling.
 * @param {boolean} large
 */
export function markStyles(large) {
  return MARKS.map((m) => ({
    selector: `edge[evidence = "${m.mark}"]`,
    style: {
      'mid-target-arrow-shape': m.shape,
      'mid-target-arrow-color': m.color,
      'mid-target-arrow-fill': m.fill,
      ...(large ? {} : { ...m.text, label: m.prefix ? (e) => `${m.prefix}${e.data('type')}` : 'data(type)' }),
    },
  }));
}

export function stylesheet({ large = false, haystack = false, labels = 1, marks = true } = {}) {
  const sheet = [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': LABEL_MODEL * labels,
        'font-family': 'system-ui, sans-serif',
        color: '#1b1b1b',
        'text-valign': 'bottom',
        'text-margin-y': 4 * labels,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2 * labels,
        'text-max-width': 120 * labels,
        'text-wrap': 'ellipsis',
        'min-zoomed-font-size': large ? 9 : 6,
        width: 30,
        height: 30,
        'border-width': 1.5,
        'border-color': '#ffffff',
        'background-color': UNKNOWN_KIND.color,
        shape: UNKNOWN_KIND.shape,
      },
    },
    ...KINDS.map((k) => ({
      selector: `node[kind = "${k.label}"]`,
      style: { ...shapeStyle(k.shape), 'background-color': k.color },
    })),
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': haystack ? 'haystack' : large ? 'straight' : 'bezier',
        // Haystacks draw no arrowhead at the ends (Cytoscape ignores it):
        // none, so that no time goes into its bounds.
        'target-arrow-shape': haystack ? 'none' : 'triangle',
        'arrow-scale': 0.9,
        'line-color': polarityStyle('neutral').color,
        'target-arrow-color': polarityStyle('neutral').color,
        // Big graphs draw no edge labels, and leave out their properties:
        // Cytoscape applies each property to each of thousands of edges.
        ...(large
          ? {}
          : {
              label: 'data(type)',
              'font-size': 11,
              color: '#444',
              'text-rotation': 'autorotate',
              'text-outline-color': '#ffffff',
              'text-outline-width': 2,
              'min-zoomed-font-size': 8,
            }),
      },
    },
    ...POLARITIES.map((p) => ({
      selector: `edge[polarity = "${p.polarity}"]`,
      style: { 'line-color': p.color, 'target-arrow-color': p.color, 'line-style': p.line },
    })),
    // Weak evidence (grades.js: a doubtful claim, a poor source, or one that
    // disputes or denies it) is dotted and faded, whatever its polarity.
    { selector: 'edge[weak = 1]', style: { 'line-style': 'dotted', opacity: 0.55 } },
    // Style rules write these data fields (see rules.js and canvas.js).
    { selector: 'node[_size]', style: { width: 'data(_size)', height: 'data(_size)' } },
    { selector: 'node[_color]', style: { 'background-color': 'data(_color)' } },
    { selector: 'node[_bw]', style: { 'border-width': 'data(_bw)', 'border-color': 'data(_bc)' } },
    { selector: 'edge[_size]', style: { width: 'data(_size)' } },
    { selector: 'edge[_color]', style: { 'line-color': 'data(_color)', 'target-arrow-color': 'data(_color)' } },
    ...(marks ? markStyles(large) : []),
    { selector: '.filtered, .hidden', style: { display: 'none' } },
    { selector: 'node:locked', style: { 'border-color': '#212529', 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node:selected', style: { 'border-color': '#0b7285', 'border-width': 4, 'overlay-opacity': 0 } },
    { selector: 'edge:selected', style: { width: 5, 'z-index': 20, 'overlay-opacity': 0.25, 'overlay-color': '#0b7285', 'overlay-padding': 4 } },
    { selector: 'node.focus', style: { 'font-weight': 'bold' } },
    { selector: 'node.focus[^_size]', style: { width: 40, height: 40 } },
    { selector: '.path', style: { 'z-index': 10 } },
    { selector: 'node.path', style: { 'border-color': '#f08c00', 'border-width': 5 } },
    { selector: 'edge.path', style: { width: 5, 'line-color': '#f08c00', 'target-arrow-color': '#f08c00' } },
    { selector: '.dim', style: { opacity: 0.25 } },
  ];
  return sheet;
}

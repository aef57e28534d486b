// Builds the viewer into ../dist: app-[hash].js and app-[hash].css (content
// hashed, so the server may cache them forever), index.html pointing at
// them, and the favicon; beside them two classic scripts the app loads by
// name: the layout worker (layout-[hash].js) and the read-only viewer that
// snapshots inline (snapshot-[hash].js). The output depends only on the
// sources and the locked dependencies, so `npm ci && npm run build`
// reproduces it exactly.

import { build } from 'esbuild';
import { readFile, writeFile, rm, mkdir, copyFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

// The worker and the snapshot viewer are built first: the app names them.
const common = {
  absWorkingDir: here,
  bundle: true,
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  outdir: out,
  metafile: true,
  logLevel: 'warning',
  charset: 'utf8',
};
const side = {};
for (const [name, entry] of [
  ['layout', 'src/layout-worker.js'],
  ['snapshot', 'src/snapshot-viewer.js'],
]) {
  const r = await build({ ...common, entryPoints: { [name]: entry }, format: 'iife', entryNames: '[name]-[hash]' });
  side[name] = basename(Object.keys(r.metafile.outputs)[0]);
}

const result = await build({
  absWorkingDir: here,
  define: { LAYOUT_WORKER: JSON.stringify(`./${side.layout}`), SNAPSHOT_VIEWER: JSON.stringify(`./${side.snapshot}`) },
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  splitting: true,
  outdir: out,
  metafile: true,
  logLevel: 'warning',
  charset: 'utf8',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((f) => f.startsWith('app-') && f.endsWith('.js'));
const css = outputs.find((f) => f.startsWith('app-') && f.endsWith('.css'));
if (!js || !css) throw new Error(`build produced ${outputs.join(', ')}`);

// Chunks the entry imports statically are preloaded, so the browser fetches
// them alongside the entry instead of after parsing it.
const entry = Object.entries(result.metafile.outputs).find(([p]) => basename(p) === js)[1];
const preloads = entry.imports
  .filter((i) => i.kind === 'import-statement')
  .map((i) => `<link rel="modulepreload" href="./${basename(i.path)}">`)
  .join('\n');
const html = (await readFile(join(here, 'index.html'), 'utf8'))
  .replace('%JS%', `./${js}`)
  .replace('%CSS%', `./${css}`)
  .replace('%PRELOAD%', preloads);
await writeFile(join(out, 'index.html'), html);
await copyFile(join(here, 'favicon.svg'), join(out, 'favicon.svg'));

for (const f of [...outputs, ...Object.values(side), 'index.html', 'favicon.svg'].sort()) console.log(`dist/${f}`);

// Builds the web front door into dist/ with esbuild, one bundle per app:
//
//   dist/index.html                 the public app (src/public); names its hashed files (no-cache)
//   dist/staff.html                 the staff console (src/staff), likewise
//   dist/favicon.svg
//   dist/assets/app-<hash>.js       the public app (TypeScript, lit-html)
//   dist/assets/app-<hash>.css      DS gov.cz styles (only the parts we use) + ours
//   dist/assets/staff-<hash>.js     the staff console
//   dist/assets/staff-<hash>.css
//   dist/assets/roboto-*-<hash>.woff2
//   dist/assets/chunk-<hash>.js     code loaded on demand (the proof-of-work widget, the
//                                   events pages) and the code the public app shares
//                                   with them (preloaded by index.html)
//   dist/assets/altcha-worker-<hash>.js  the widget's worker
//
// Both apps share src/lib (router, i18n, API client, UI helpers, styles);
// each bundle holds its own copy of what it uses. The public app's pages
// loaded on demand (the events pages) share code with it: that code is a
// chunk the app imports, preloaded by index.html with the app itself. Everything is served from our own
// origin; the HTML pages have no inline script or style, so the strict
// Content-Security-Policy of internal/frontdoor holds.
//
// Usage: node build.mjs [--watch]
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const watch = process.argv.includes('--watch');

/** The apps: esbuild entry name, entry module, HTML template and the page it becomes. */
const APPS = [
  { name: 'app', entry: 'src/public/main.ts', html: 'src/public/index.html', page: 'index.html' },
  { name: 'staff', entry: 'src/staff/main.ts', html: 'src/staff/index.html', page: 'staff.html' },
];

async function build() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(path.join(dist, 'assets'), { recursive: true });

  // The proof-of-work widget's worker (altcha's strict-CSP build) is a file
  // of its own, from our origin; the bundle learns its hashed name.
  const worker = await readFile(path.join(here, 'node_modules/altcha/dist_external/worker.js'));
  const workerPath = `assets/altcha-worker-${createHash('sha256').update(worker).digest('hex').slice(0, 8).toUpperCase()}.js`;
  await writeFile(path.join(dist, workerPath), worker);

  // One build per app, so that each bundle holds its own copy of what the
  // apps share (no chunk shared between the apps).
  const outputs = [];
  // The chunks each entry imports statically (code it shares with its
  // pages loaded on demand): preloaded by its HTML page, so that they are
  // fetched at once, not after the entry has been read.
  const staticChunks = {};
  for (const app of APPS) {
    const result = await esbuild.build({
    define: { ALTCHA_WORKER_URL: JSON.stringify('/' + workerPath) },
    absWorkingDir: here,
    entryPoints: { [app.name]: app.entry },
    bundle: true,
    minify: true,
    format: 'esm',
    // Code loaded on demand (the proof-of-work widget, lib/pow.ts) becomes
    // chunk-<hash>.js files, fetched only when a page needs them.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    // Browsers of the last few years; Intl.PluralRules, :focus-visible,
    // CSS custom properties are everywhere there.
    target: ['chrome105', 'firefox110', 'safari16', 'edge105'],
    outdir: path.join(dist, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.woff2': 'file', '.svg': 'text' },
    metafile: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    charset: 'utf8',
    logLevel: 'warning',
    });
    for (const [p, out] of Object.entries(result.metafile.outputs)) {
      if (out.entryPoint === app.entry) {
        staticChunks[app.name] = out.imports
          .filter((i) => i.kind === 'import-statement')
          .map((i) => path.relative(dist, path.join(here, i.path)));
      }
      const rel = path.relative(dist, path.join(here, p));
      if (!outputs.includes(rel)) outputs.push(rel); // the fonts come out of both builds
    }
  }

  // The fonts the first page needs at once: Czech text uses both the latin
  // and the latin-ext subset of the regular weight.
  const preload = outputs.filter((p) => /^assets\/roboto-regular(-ext)?-[A-Z0-9]+\.woff2$/.test(p));

  const sizes = [];
  const pages = {};
  for (const app of APPS) {
    const js = outputs.find((p) => new RegExp(`^assets/${app.name}-[A-Z0-9]+\\.js$`).test(p));
    const css = outputs.find((p) => new RegExp(`^assets/${app.name}-[A-Z0-9]+\\.css$`).test(p));
    if (!js || !css) throw new Error(`build: no ${app.name} js/css among ${outputs.join(', ')}`);
    let html = await readFile(path.join(here, app.html), 'utf8');
    const links = [
      ...preload.map((p) => `<link rel="preload" href="/${p}" as="font" type="font/woff2" crossorigin>`),
      `<link rel="stylesheet" href="/${css}">`,
      ...(staticChunks[app.name] ?? []).map((c) => `<link rel="modulepreload" href="/${c}">`),
      `<script type="module" src="/${js}"></script>`,
    ].join('\n    ');
    html = html.replace('<!-- assets -->', links);
    await writeFile(path.join(dist, app.page), html);
    pages[app.page] = html;
    for (const p of [app.page, css, js]) {
      const b = await readFile(path.join(dist, p));
      sizes.push(`${p} ${b.length} B`);
    }
  }
  await copyFile(path.join(here, 'src/lib/favicon.svg'), path.join(dist, 'favicon.svg'));

  const digest = createHash('sha256').update(pages['index.html']).digest('hex').slice(0, 12);
  console.log(`built dist/ (index ${digest}): ${sizes.join(', ')}`);
}

await build();
if (watch) {
  const { watch: fsWatch } = await import('node:fs');
  let timer;
  fsWatch(path.join(here, 'src'), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => build().catch((e) => console.error(e.message)), 100);
  });
  console.log('watching src/ …');
}

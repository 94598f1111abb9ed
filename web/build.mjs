// Builds the web front door into dist/ with esbuild:
//
//   dist/index.html                 names the hashed files below (no-cache)
//   dist/favicon.svg
//   dist/assets/app-<hash>.js       the application (TypeScript, lit-html)
//   dist/assets/app-<hash>.css      DS gov.cz styles (only the parts we use) + ours
//   dist/assets/roboto-*-<hash>.woff2
//
// Everything is served from our own origin; index.html has no inline script
// or style, so the strict Content-Security-Policy of internal/frontdoor holds.
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

async function build() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(path.join(dist, 'assets'), { recursive: true });

  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { app: 'src/main.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
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

  const outputs = Object.keys(result.metafile.outputs).map((p) => path.relative(dist, path.join(here, p)));
  const js = outputs.find((p) => /^assets\/app-[A-Z0-9]+\.js$/.test(p));
  const css = outputs.find((p) => /^assets\/app-[A-Z0-9]+\.css$/.test(p));
  if (!js || !css) throw new Error(`build: no app js/css among ${outputs.join(', ')}`);
  // The fonts the first page needs at once: Czech text uses both the latin
  // and the latin-ext subset of the regular weight.
  const preload = outputs.filter((p) => /^assets\/roboto-regular(-ext)?-[A-Z0-9]+\.woff2$/.test(p));

  let html = await readFile(path.join(here, 'src/index.html'), 'utf8');
  const links = [
    ...preload.map((p) => `<link rel="preload" href="/${p}" as="font" type="font/woff2" crossorigin>`),
    `<link rel="stylesheet" href="/${css}">`,
    `<script type="module" src="/${js}"></script>`,
  ].join('\n    ');
  html = html.replace('<!-- assets -->', links);
  await writeFile(path.join(dist, 'index.html'), html);
  await copyFile(path.join(here, 'src/favicon.svg'), path.join(dist, 'favicon.svg'));

  const sizes = [];
  for (const p of ['index.html', css, js]) {
    const b = await readFile(path.join(dist, p));
    sizes.push(`${p} ${b.length} B`);
  }
  const digest = createHash('sha256').update(html).digest('hex').slice(0, 12);
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

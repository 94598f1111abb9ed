// Generates the web's API types from the API document with openapi-typescript:
//
//   docs/openapi.yaml  →  web/src/generated/api.d.ts
//
// Usage (in web/): npm run gen:api        writes the file
//                  npm run gen:api -- --check   fails if the file is stale
//
// test/generated.test.mjs runs the check as part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const webDir = path.resolve(here, '..', '..');
export const openapiFile = path.resolve(webDir, '..', 'docs', 'openapi.yaml');
export const typesFile = path.join(webDir, 'src', 'generated', 'api.d.ts');

/** What openapi-typescript makes of docs/openapi.yaml now. */
export function generate() {
  // Resolved from this workspace, which has the TypeScript 5 the generator needs.
  const require = createRequire(path.join(here, 'package.json'));
  const pkg = require.resolve('openapi-typescript/package.json');
  const cli = path.join(path.dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin['openapi-typescript']);
  const tmp = mkdtempSync(path.join(tmpdir(), 'brana-openapi-types-'));
  try {
    const out = path.join(tmp, 'api.d.ts');
    // Paths relative to web/, so that the file's header does not name a machine's folders.
    const r = spawnSync(process.execPath, [cli, path.relative(webDir, openapiFile), '--output', out], {
      cwd: webDir,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`openapi-typescript failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = generate();
  const rel = path.relative(webDir, typesFile);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(typesFile, 'utf8');
    } catch {
      /* missing: stale */
    }
    if (current !== fresh) {
      console.error(`${rel} is not what openapi-typescript makes of docs/openapi.yaml: run \`npm run gen:api\` in web/`);
      process.exit(1);
    }
    console.log(`${rel} is up to date`);
  } else {
    writeFileSync(typesFile, fresh);
    console.log(`wrote ${rel}`);
  }
}

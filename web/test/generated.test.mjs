// The generated files of src/generated are what their generators make:
//
//   - api.d.ts is what openapi-typescript makes of docs/openapi.yaml now
//     (regenerated into a temporary file and compared);
//   - vocab.json (written from the Go definitions) has the shape the web
//     reads, names every code in every language, and lists the same codes,
//     in the same order, as the enums of docs/openapi.yaml.
//
// Fast and without a browser; `npm test` runs it before the browser tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generate, typesFile, webDir } from '../tools/openapi-types/generate.mjs';

const vocabFile = path.join(webDir, 'src', 'generated', 'vocab.json');

test('src/generated/api.d.ts is what openapi-typescript makes of docs/openapi.yaml', () => {
  const fresh = generate();
  const current = readFileSync(typesFile, 'utf8');
  assert.ok(
    current === fresh,
    'src/generated/api.d.ts is stale: run `npm run gen:api` in web/ (docs/openapi.yaml changed since it was generated)',
  );
});

/** The members of a string enum in the generated types: `Form: "phone" | "online" | "onsite";`. */
function schemaEnum(dts, name) {
  const m = new RegExp(`^\\s+${name}: ((?:"[^"]*"(?: \\| )?)+);$`, 'm').exec(dts);
  assert.ok(m, `no string enum schema ${name} in src/generated/api.d.ts`);
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
}

test('src/generated/vocab.json names every code and agrees with the enums of docs/openapi.yaml', () => {
  const raw = readFileSync(vocabFile, 'utf8');
  const vocab = JSON.parse(raw);
  assert.equal(raw, JSON.stringify(vocab, null, 2) + '\n', 'vocab.json: 2-space indented JSON with a trailing newline');
  assert.deepEqual(Object.keys(vocab), ['forms', 'topics', 'targetGroups', 'regions', 'langs', 'names']);

  const dts = readFileSync(typesFile, 'utf8');
  const lists = { forms: 'Form', topics: 'Topic', targetGroups: 'TargetGroup', regions: 'Region', langs: 'Language' };
  for (const [list, schema] of Object.entries(lists)) {
    assert.deepEqual(vocab[list], schemaEnum(dts, schema), `vocab.json ${list} and the ${schema} enum of docs/openapi.yaml`);
  }

  const kinds = { form: 'forms', topic: 'topics', target_group: 'targetGroups', region: 'regions', lang: 'langs' };
  assert.deepEqual(Object.keys(vocab.names), vocab.langs, 'names in every language, and only those');
  for (const l of vocab.langs) {
    assert.deepEqual(Object.keys(vocab.names[l]), Object.keys(kinds), `names.${l}: the kinds`);
    for (const [kind, list] of Object.entries(kinds)) {
      const names = vocab.names[l][kind];
      assert.deepEqual(Object.keys(names).sort(), [...vocab[list]].sort(), `names.${l}.${kind}: one name per code (the lists give the order)`);
      for (const [code, name] of Object.entries(names)) {
        assert.ok(typeof name === 'string' && name.trim() !== '' && name !== code, `names.${l}.${kind}.${code}: a display name, not ${JSON.stringify(name)}`);
      }
    }
  }
});

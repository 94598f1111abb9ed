// A small JSON Schema check against docs/openapi.yaml's components, for
// the fakes of the browser tests: the bodies a fake sends and the bodies
// the pages send it are checked against the contract, so that a fake
// cannot drift from the API it stands in for. It covers what the surveys
// schemas use: $ref, type, required, properties, additionalProperties,
// patternProperties, enum, const, pattern, minimum, maxLength, maxItems,
// maxProperties, items, oneOf.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { repoRoot } from './harness.mjs';

const doc = yaml.load(readFileSync(path.join(repoRoot, 'docs/openapi.yaml'), 'utf8'));

function resolve(s) {
  while (s && s.$ref) s = s.$ref.replace(/^#\/components\/schemas\//, '').split('/').reduce((o, k) => o?.[k], doc.components.schemas) ?? (() => { throw new Error(`openapi-check: unknown $ref ${s.$ref}`); })();
  return s;
}

function typeOk(t, v) {
  switch (t) {
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    default:
      return true;
  }
}

function check(schema, v, at, errs) {
  const s = resolve(schema);
  if (!s) return;
  if (s.oneOf) {
    const ok = s.oneOf.filter((o) => {
      const e = [];
      check(o, v, at, e);
      return e.length === 0;
    }).length;
    if (ok !== 1) errs.push(`${at}: matches ${ok} of oneOf`);
    return;
  }
  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeOk(t, v))) {
      errs.push(`${at}: not ${types.join('|')}: ${JSON.stringify(v)}`);
      return;
    }
  }
  if (s.enum && !s.enum.includes(v)) errs.push(`${at}: ${JSON.stringify(v)} not in ${s.enum.join(', ')}`);
  if ('const' in s && v !== s.const) errs.push(`${at}: not ${JSON.stringify(s.const)}`);
  if (typeof v === 'string') {
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) errs.push(`${at}: ${JSON.stringify(v)} does not match ${s.pattern}`);
    if (s.maxLength !== undefined && [...v].length > s.maxLength) errs.push(`${at}: longer than ${s.maxLength}`);
  }
  if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) errs.push(`${at}: below ${s.minimum}`);
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) errs.push(`${at}: more than ${s.maxItems} items`);
    if (s.items) v.forEach((x, i) => check(s.items, x, `${at}[${i}]`, errs));
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const r of s.required ?? []) if (!(r in v)) errs.push(`${at}: ${r} is required`);
    const keys = Object.keys(v);
    if (s.maxProperties !== undefined && keys.length > s.maxProperties) errs.push(`${at}: more than ${s.maxProperties} properties`);
    for (const k of keys) {
      if (s.properties?.[k]) check(s.properties[k], v[k], `${at}.${k}`, errs);
      else {
        const pp = Object.entries(s.patternProperties ?? {}).find(([re]) => new RegExp(re, 'u').test(k));
        if (pp) check(pp[1], v[k], `${at}.${k}`, errs);
        else if (s.additionalProperties === false) errs.push(`${at}: unknown property ${k}`);
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') check(s.additionalProperties, v[k], `${at}.${k}`, errs);
      }
    }
  }
}

/** The problems of a value against a named schema of docs/openapi.yaml (none: []). */
export function schemaErrors(name, value) {
  if (!doc.components.schemas[name]) throw new Error(`openapi-check: no schema ${name} in docs/openapi.yaml`);
  const errs = [];
  check({ $ref: `#/components/schemas/${name}` }, value, name, errs);
  return errs;
}

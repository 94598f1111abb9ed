// The proof of work's cost in a browser: the hash rate of the altcha
// widget's own worker (node_modules/altcha/dist_external/worker.js, the
// file the front door serves) in headless Chromium, on challenges made
// here with a known number. docs/benchmarks.md ("Proof of work") turns it
// into seconds on a mid-range phone.
//
// Usage: node tools/pow-bench.mjs [numbers per challenge] [challenges] [workers]
//   defaults: 200000 5 1. CHROMIUM overrides /usr/bin/chromium.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const worker = readFileSync(path.join(here, '../node_modules/altcha/dist_external/worker.js'));
const number = Number(process.argv[2] ?? 200_000);
const count = Number(process.argv[3] ?? 5);
const workers = Number(process.argv[4] ?? 1);

const page = `<!doctype html><meta charset="utf-8"><title>pow bench</title><script type="module" src="/bench.js"></script>`;
// Each challenge is split over the workers as the widget splits it
// (altcha.js: ceil(max / workers) numbers each); the time is until the
// worker holding the number finds it.
const bench = `
window.run = async (challenges, workers) => {
  const out = [];
  for (const c of challenges) {
    const per = Math.ceil(c.max / workers);
    const ws = Array.from({ length: workers }, () => new Worker('/worker.js'));
    const t0 = performance.now();
    const found = await new Promise((resolve) => {
      ws.forEach((w, i) => {
        w.onmessage = (e) => { if (e.data) resolve(e.data); };
        w.postMessage({ type: 'work', payload: { algorithm: 'SHA-256', challenge: c.challenge, salt: c.salt }, start: i * per, max: i * per + per });
      });
    });
    out.push({ ms: performance.now() - t0, number: found.number });
    ws.forEach((w) => w.terminate());
  }
  return out;
};`;

const server = http.createServer((req, res) => {
  const type = req.url === '/' ? 'text/html' : 'text/javascript';
  const body = req.url === '/' ? page : req.url === '/worker.js' ? worker : req.url === '/bench.js' ? bench : null;
  if (body === null) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': type }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`; // localhost is a secure context: crypto.subtle works

const challenges = Array.from({ length: count }, () => {
  const salt = randomBytes(12).toString('hex') + '?expires=4102444800&';
  // The number sits at the end of the first worker's range: every worker
  // hashes as many numbers as the first before it is found.
  const n = number - 1;
  return { salt, challenge: createHash('sha256').update(salt + n).digest('hex'), max: number * workers };
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const p = await browser.newPage();
  await p.goto(url);
  await p.waitForFunction(() => typeof window.run === 'function');
  const res = await p.evaluate(([c, w]) => window.run(c, w), [challenges, workers]);
  const cores = await p.evaluate(() => navigator.hardwareConcurrency);
  const ms = res.reduce((a, r) => a + r.ms, 0);
  const perWorker = (number * count) / (ms / 1000);
  console.log(JSON.stringify({ browser: browser.version(), hardwareConcurrency: cores, workers, challenges: count, numbersPerWorker: number, totalMs: Math.round(ms), hashesPerSecondPerWorker: Math.round(perWorker), hashesPerSecondAll: Math.round(perWorker * workers), each: res.map((r) => Math.round(r.ms)) }));
} finally {
  await browser.close();
  server.close();
}

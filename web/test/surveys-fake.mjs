// A small fake of the public surveys API (docs/openapi.yaml, "surveys")
// for the survey pages' browser tests (web/test/surveys.web.test.mjs): it
// serves web/dist as the local gateway does (the front door's security
// headers from internal/frontdoor, gzip, every app path → index.html) and
// answers the public survey routes with fixtures, so that every state of
// the pages can be reached at will (an expired, opted-out or answered
// invitation, a survey outside its waves, a server field error, a version
// published meanwhile). Every body it sends and every body the pages send
// it is checked against docs/openapi.yaml's schemas (openapi-check.mjs);
// `contractErrors` lists what did not match (the tests expect none).
//
//   GET  /v1/challenge                       a real ALTCHA challenge (solved by the widget)
//   GET  /v1/surveys/{id}                    demo-awareness | not-running (running: false) | else 404
//   POST /v1/surveys/{id}/responses          checks the proof of work and the body; 409 for a browser key seen
//   GET  /v1/survey-invitation               by the Invitation-Token header: its state and survey
//   POST /v1/survey-invitation/response      once per token, then 409 invitation_answered
//   POST /v1/survey-invitation/opt-out
//
// It records every request (method, URL, headers, body) so that the tests
// can prove where a token travelled.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { repoRoot, webDir } from './harness.mjs';
import { schemaErrors } from './openapi-check.mjs';

/** The front door's security headers, read from internal/frontdoor so that they cannot drift. */
function frontdoorHeaders() {
  const src = readFileSync(path.join(repoRoot, 'internal/frontdoor/frontdoor.go'), 'utf8');
  const csp = [...src.slice(src.indexOf('var CSP'), src.indexOf('}', src.indexOf('var CSP'))).matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (csp.length < 5) throw new Error('surveys-fake: could not read the CSP of internal/frontdoor');
  return {
    'Content-Security-Policy': csp.join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}

const T = (cs, en) => (en ? { cs, en } : { cs });
const scale = [
  { label: T('Rozhodně nesouhlasím', 'Strongly disagree'), easyRead: T('Nesouhlasím', 'I disagree') },
  { label: T('Spíše nesouhlasím', 'Disagree') },
  { label: T('Ani souhlas, ani nesouhlas', 'Neither agree nor disagree'), easyRead: T('Nevím', 'I am not sure') },
  { label: T('Spíše souhlasím', 'Agree') },
  { label: T('Rozhodně souhlasím', 'Strongly agree'), easyRead: T('Souhlasím', 'I agree') },
];

/** Every question type of internal/surveys/model.go, one condition (q2 shows when q1 is yes). */
export const QUESTIONS = [
  {
    var: 'q1_heard',
    type: 'yes_no',
    required: true,
    text: T('Slyšeli jste o transformaci sociálních služeb?', 'Have you heard of the transformation of social services?'),
    easyRead: T('Slyšeli jste o změnách v sociálních službách?', 'Have you heard about changes in social services?'),
  },
  {
    var: 'q2_source',
    type: 'multiple_choice',
    required: true,
    showIf: { var: 'q1_heard', anyOf: [1] },
    minChoices: 1,
    maxChoices: 2,
    text: T('Odkud jste se o ní dozvěděli?', 'Where did you learn about it?'),
    easyRead: T('Kde jste to slyšeli?', 'Where did you hear about it?'),
    options: [
      { code: 1, label: T('Z médií', 'From the media'), easyRead: T('V televizi nebo v novinách', 'On TV or in the paper') },
      { code: 2, label: T('V práci', 'At work') },
      { code: 3, label: T('Od známých', 'From people I know'), easyRead: T('Od lidí, které znám', 'From people I know') },
    ],
  },
  {
    var: 'q3_agree',
    type: 'likert',
    required: true,
    text: T('Lidé s postižením mají žít v běžných domech, ne v ústavech.', 'People with disabilities should live in ordinary homes, not institutions.'),
    easyRead: T('Lidé s postižením mají bydlet v normálním domě.', 'People with disabilities should live in a normal house.'),
    scale,
  },
  {
    var: 'q4',
    type: 'likert_matrix',
    required: true,
    text: T('Nakolik souhlasíte s těmito výroky?', 'How far do you agree with these statements?'),
    easyRead: T('Co si myslíte?', 'What do you think?'),
    scale,
    items: [
      { var: 'q4_support', text: T('Služby mají podporovat samostatnost.', 'Services should support independence.'), easyRead: T('Služby mají pomáhat žít samostatně.', 'Services should help people live on their own.') },
      { var: 'q4_local', text: T('Služby mají být blízko domova.', 'Services should be close to home.') },
    ],
  },
  { var: 'q5_nps', type: 'nps', text: T('Jak pravděpodobně byste program doporučili známým?', 'How likely are you to recommend the programme to people you know?') },
  { var: 'q6_age', type: 'number', min: 15, max: 120, integer: true, text: T('Kolik je vám let?', 'How old are you?'), help: T('Stačí celé roky.', 'Whole years are enough.') },
  {
    var: 'q7_where',
    type: 'single_choice',
    required: true,
    text: T('Kde bydlíte?', 'Where do you live?'),
    options: [
      { code: 1, label: T('Ve městě', 'In a town') },
      { code: 2, label: T('Na vesnici', 'In a village') },
      { code: 3, label: T('Jinde', 'Elsewhere') },
    ],
  },
  { var: 'q8_word', type: 'short_text', text: T('Jedním slovem: co pro vás znamená domov?', 'In one word: what does home mean to you?') },
  { var: 'q9_comment', type: 'long_text', text: T('Chcete nám ještě něco vzkázat?', 'Anything else you would like to tell us?'), easyRead: T('Chcete nám něco napsat?', 'Do you want to write us something?') },
];

const WAVE = { code: 'baseline', name: T('Výchozí měření', 'Baseline'), from: '2026-11-01', to: '2027-01-31' };

export const AWARENESS_DEF = {
  kind: 'awareness',
  title: T('Povědomí o transformaci sociálních služeb', 'Awareness of the transformation of social services'),
  intro: T('Dotazník zabere asi 5 minut.', 'The survey takes about 5 minutes.'),
  easyIntro: T('Máme pro vás pár otázek.\nNechceme vaše jméno.', 'We have a few questions for you.\nWe do not want your name.'),
  waves: [WAVE],
  questions: QUESTIONS,
};

export const AWARENESS = { id: 'demo-awareness', kind: 'awareness', version: 2, status: 'open', running: true, wave: WAVE, definition: AWARENESS_DEF };

const EVALUATION_DEF = {
  kind: 'evaluation',
  audience: 'consultation',
  title: T('Jak se vám konzultace líbila?', 'How was your consultation?'),
  intro: T('Děkujeme, že jste přišli. Vaše odpovědi nám pomohou.', 'Thank you for coming. Your answers help us.'),
  questions: [
    {
      var: 'e1_useful',
      type: 'likert',
      required: true,
      text: T('Konzultace mi pomohla.', 'The consultation helped me.'),
      easyRead: T('Pomohla vám schůzka?', 'Did the meeting help you?'),
      scale,
    },
    { var: 'e2_nps', type: 'nps', required: true, text: T('Doporučili byste konzultaci?', 'Would you recommend the consultation?') },
    { var: 'e3_comment', type: 'long_text', text: T('Co můžeme zlepšit?', 'What can we do better?') },
  ],
};

export const EVALUATION = { id: 'demo-evaluation', kind: 'evaluation', version: 1, status: 'open', running: true, definition: EVALUATION_DEF };

/** The tokens of the fake invitations (URL-safe, 22+ characters). */
export const TOKENS = {
  open: 'OpenToken_abcdefghijklmnopq',
  open2: 'OpenToken2_abcdefghijklmnop',
  expired: 'ExpiredToken_abcdefghijklmn',
  answered: 'AnsweredToken_abcdefghijklm',
  optedOut: 'OptedOutToken_abcdefghijklm',
  unknown: 'UnknownToken_abcdefghijklmn',
};

const HMAC_KEY = randomBytes(16).toString('hex');

/** Problems of the fake's own answers and of the pages' requests against docs/openapi.yaml. */
const contractErrors = [];

function problem(res, status, code, title, extra = {}) {
  send(res, status, { type: `https://brana.mpsv.cz/problems/${code}`, title, status, code, detail: title, requestId: 'FakeReq1234=', ...extra }, 'Problem', 'application/problem+json');
}

function send(res, status, body, schema, type = 'application/json') {
  if (schema) contractErrors.push(...schemaErrors(schema, body).map((e) => `fake answer ${status}: ${e}`));
  const b = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': b.length, 'Cache-Control': 'no-store' });
  res.end(b);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.json': 'application/json' };

export async function startFake() {
  const requests = [];
  const responses = []; // bodies accepted
  const current = { version: AWARENESS.version };
  const seenKeys = new Set();
  const usedChallenges = new Set();
  const invitations = new Map([
    [TOKENS.open, 'open'],
    [TOKENS.open2, 'open'],
    [TOKENS.expired, 'expired'],
    [TOKENS.answered, 'answered'],
    [TOKENS.optedOut, 'opted_out'],
  ]);
  const headers = frontdoorHeaders();
  contractErrors.length = 0;
  const invitation = (state, survey) => ({
    state,
    title: EVALUATION_DEF.title,
    message: { open: 'Děkujeme, že odpovíte.', answered: 'Už je vyplněno.', opted_out: 'Pozvánka je odmítnutá.', expired: 'Odkaz vypršel.' }[state],
    ...(state === 'open' ? { expiresAt: '2026-12-28T09:00:00Z', survey } : {}),
  });
  const dist = path.join(webDir, 'dist');

  let refusePow = 0;
  function powOk(req) {
    if (refusePow > 0) {
      refusePow--;
      return false;
    }
    try {
      const p = JSON.parse(Buffer.from(String(req.headers.altcha ?? ''), 'base64').toString('utf8'));
      const sig = createHash('sha256').update(HMAC_KEY + p.challenge).digest('hex');
      if (p.signature !== sig || usedChallenges.has(p.challenge)) return false;
      if (createHash('sha256').update(p.salt + p.number).digest('hex') !== p.challenge) return false;
      usedChallenges.add(p.challenge);
      return true;
    } catch {
      return false;
    }
  }

  function checkBody(b, invited) {
    const errs = [];
    if (typeof b?.version !== 'number') errs.push({ field: 'version', rule: 'required', message: 'version' });
    if (typeof b?.easyRead !== 'boolean') errs.push({ field: 'easyRead', rule: 'required', message: 'easyRead' });
    if (!b?.answers || typeof b.answers !== 'object') errs.push({ field: 'answers', rule: 'required', message: 'answers' });
    if (!invited && (!b?.context?.targetGroup || !b?.context?.region)) errs.push({ field: 'context', rule: 'required', message: 'context' });
    if (!invited && !/^[0-9a-f]{32}$/.test(b?.browserKey ?? '')) errs.push({ field: 'browserKey', rule: 'required', message: 'browserKey' });
    for (const [k, v] of Object.entries(b?.answers ?? {})) if (v === 'server-error') errs.push({ field: `answers.${k}`, rule: 'line', message: 'Tento text server nepřijal.' });
    return errs;
  }

  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url, 'http://x');
    requests.push({ method: req.method, url: req.url, headers: req.headers, body: raw });
    let body;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return problem(res, 400, 'bad_json', 'Bad JSON');
    }
    const p = u.pathname;
    if (p.startsWith('/v1/')) {
      if (p === '/v1/challenge' && req.method === 'GET') {
        const salt = randomBytes(12).toString('hex');
        const number = Math.floor(Math.random() * 2000);
        const challenge = createHash('sha256').update(salt + number).digest('hex');
        const signature = createHash('sha256').update(HMAC_KEY + challenge).digest('hex');
        return send(res, 200, { algorithm: 'SHA-256', challenge, maxnumber: 5000, salt, signature }, 'Challenge');
      }
      let m = /^\/v1\/surveys\/([A-Za-z0-9_-]+)$/.exec(p);
      if (m && req.method === 'GET') {
        if (m[1] === AWARENESS.id) return send(res, 200, { ...AWARENESS, version: current.version }, 'PublicSurvey');
        if (m[1] === 'not-running') {
          const { wave: _, ...rest } = AWARENESS;
          return send(res, 200, { ...rest, id: 'not-running', running: false }, 'PublicSurvey');
        }
        return problem(res, 404, 'survey_not_found', 'Dotazník neexistuje.');
      }
      m = /^\/v1\/surveys\/([A-Za-z0-9_-]+)\/responses$/.exec(p);
      if (m && req.method === 'POST') {
        contractErrors.push(...schemaErrors('SurveyResponseInput', body).map((e) => `page request: ${e}`));
        if (m[1] !== AWARENESS.id) return problem(res, 404, 'survey_not_found', 'Dotazník neexistuje.');
        if (!powOk(req)) return problem(res, 403, 'proof_of_work_expired', 'Ověření vypršelo.');
        const errs = checkBody(body, false);
        if (errs.length) return problem(res, 400, 'invalid_request', 'Zkontrolujte odpovědi.', { errors: errs });
        if (body.version !== current.version) return problem(res, 409, 'survey_version_changed', 'Dotazník se změnil.');
        if (seenKeys.has(body.browserKey)) return problem(res, 409, 'already_answered', 'Z tohoto prohlížeče už odpověď máme.');
        seenKeys.add(body.browserKey);
        responses.push({ survey: m[1], idempotencyKey: req.headers['idempotency-key'], ...body });
        return send(res, 200, { survey: m[1], version: body.version, recorded: true }, 'SurveyResponseRecorded');
      }
      if (p.startsWith('/v1/survey-invitation')) {
        const tok = String(req.headers['invitation-token'] ?? '');
        const st = invitations.get(tok);
        if (!st) return problem(res, 404, 'invitation_not_found', 'Pozvánka neexistuje.');
        if (p === '/v1/survey-invitation' && req.method === 'GET') return send(res, 200, invitation(st, EVALUATION), 'SurveyInvitation');
        if (p === '/v1/survey-invitation/opt-out' && req.method === 'POST') {
          if (!powOk(req)) return problem(res, 403, 'proof_of_work_expired', 'Ověření vypršelo.');
          if (st === 'expired') return problem(res, 409, 'invitation_expired', 'Odkaz vypršel.');
          if (st === 'answered') return problem(res, 409, 'invitation_answered', 'Už zodpovězeno.');
          invitations.set(tok, 'opted_out');
          return send(res, 200, invitation('opted_out'), 'SurveyInvitation');
        }
        if (p === '/v1/survey-invitation/response' && req.method === 'POST') {
          contractErrors.push(...schemaErrors('InvitedResponseInput', body).map((e) => `page request: ${e}`));
          if (st === 'expired') return problem(res, 409, 'invitation_expired', 'Odkaz vypršel.');
          if (st === 'answered') return problem(res, 409, 'invitation_answered', 'Už zodpovězeno.');
          if (st === 'opted_out') return problem(res, 409, 'invitation_opted_out', 'Pozvánka odmítnuta.');
          if (!powOk(req)) return problem(res, 403, 'proof_of_work_expired', 'Ověření vypršelo.');
          const errs = checkBody(body, true);
          if (errs.length) return problem(res, 400, 'invalid_request', 'Zkontrolujte odpovědi.', { errors: errs });
          invitations.set(tok, 'answered');
          responses.push({ survey: EVALUATION.id, invited: true, ...body });
          return send(res, 200, { survey: EVALUATION.id, version: body.version, recorded: true }, 'SurveyResponseRecorded');
        }
      }
      return problem(res, 404, 'not_found', 'Not found');
    }
    // Files of web/dist; every other path is a page of the public app.
    let file = path.join(dist, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (!path.extname(p) || !existsSync(file) || !statSync(file).isFile()) file = path.join(dist, 'index.html');
    let data = readFileSync(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const h = { ...headers, 'Content-Type': type, 'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable' };
    if (/gzip/.test(req.headers['accept-encoding'] ?? '') && !file.endsWith('.woff2')) {
      data = zlib.gzipSync(data);
      h['Content-Encoding'] = 'gzip';
    }
    h['Content-Length'] = data.length;
    res.writeHead(200, h);
    res.end(data);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    responses,
    invitations,
    contractErrors,
    /** Publishes a new version of the awareness survey (the next response naming the old one is refused). */
    bumpVersion: () => (current.version += 1),
    /** Refuses the next n proofs of work (as an expired challenge is). */
    refusePow: (n = 1) => (refusePow = n),
    stop: () => new Promise((r) => server.close(r)),
  };
}

// weblib.mjs: what the browser tests share. Each test runs as
//   node test_X.mjs DTI SOURCE_DIR OUTPUT_DIR
// It makes a database with `dti init --demo` in a temporary directory,
// starts `dti serve --listen 127.0.0.1:0` on it, drives Debian's chromium
// (headless) with playwright-core from web/node_modules, and always stops
// the server and removes the directory. Checks are counted; the test ends
// with "NAME: N passed, M failed" and exits 1 on a failure. Screenshots go
// to OUTPUT_DIR (the build's test output).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const [DTI, SRC, OUT] = process.argv.slice(2);
const require = createRequire(path.join(SRC, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.DTI_CHROMIUM || '/usr/bin/chromium';

export class Checker {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
  }
  check(cond, what, detail) {
    if (cond) this.passed++;
    else {
      this.failed++;
      console.log(`FAIL: ${what}${detail !== undefined ? '\n      ' + String(detail).slice(0, 1500) : ''}`);
    }
    return !!cond;
  }
  eq(got, want, what) {
    return this.check(JSON.stringify(got) === JSON.stringify(want), what,
      `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  summary() {
    console.log(`${this.name}: ${this.passed} passed, ${this.failed} failed`);
    return this.failed ? 1 : 0;
  }
}

export class Server {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dti-web-'));
    this.db = path.join(this.dir, 'dti.db');
    this.passwords = {};
    const out = execFileSync(DTI, ['init', '--db', this.db, '--demo', '--user', 'web-test'],
      { env: { ...process.env, DTI_LANG: 'en' }, encoding: 'utf8' });
    for (const m of out.matchAll(/^ {2}(\S+)\s+(admin|coordinator|officer|viewer)\s+(\S+)\s+(\S+)$/gm))
      this.passwords[m[1]] = m[4];
  }
  async start() {
    this.proc = spawn(DTI, ['serve', '--db', this.db, '--listen', '127.0.0.1:0', '--threads', '4'],
      { env: { ...process.env, DTI_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.log = '';
    this.port = await new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('dti serve did not start: ' + this.log)), 30000);
      const on = (b) => {
        this.log += b.toString();
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(this.log);
        if (m) {
          clearTimeout(t);
          resolve(Number(m[1]));
        }
      };
      this.proc.stdout.on('data', on);
      this.proc.stderr.on('data', on);
      this.proc.on('exit', (c) => reject(new Error(`dti serve exited ${c}: ${this.log}`)));
    });
    this.base = `http://127.0.0.1:${this.port}`;
  }
  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const done = new Promise((r) => this.proc.on('exit', (code) => r(code)));
      this.proc.kill('SIGTERM');
      const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), 20000))]);
      if (code === 'timeout') this.proc.kill('SIGKILL');
      this.exitCode = code;
    }
    if (!process.env.DTI_WEB_KEEP) fs.rmSync(this.dir, { recursive: true, force: true });
  }
  // api(login, method, path, body): the JSON API as ${login}, from node.
  async session(login) {
    const r = await fetch(this.base + '/api/v1/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password: this.passwords[login] }),
    });
    const j = await r.json();
    const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
    return async (method, p, body) => {
      const h = { Cookie: cookie, 'X-CSRF-Token': j.csrf };
      if (body !== undefined) h['Content-Type'] = 'application/json';
      const x = await fetch(this.base + '/api/v1' + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      let data = null;
      try {
        data = await x.json();
      } catch (e) {
        data = null;
      }
      return { status: x.status, data };
    };
  }
}

export async function browser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

// A page that records console errors and uncaught exceptions.
export async function newPage(b, width = 1280, height = 900) {
  const ctx = await b.newContext({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await ctx.newPage();
  page.errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  page.on('pageerror', (e) => page.errors.push('exception: ' + e.message));
  return page;
}

export async function login(page, srv, who, password) {
  await page.goto(srv.base + '/dang-nhap');
  await page.fill('#ten-dang-nhap', who);
  await page.fill('#mat-khau', password ?? srv.passwords[who]);
  await page.click('form button[type=submit]');
  // the login's answer, then the move to the page (or its error): a busy
  // machine answers late, and a page opened before the cookie is set
  // lands on the login again
  await Promise.race([
    page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'), { timeout: 60000 }),
    page.waitForSelector('main [role=alert]', { timeout: 60000 }),
  ]).catch(() => {});
}

// settle(page): the page's data loaded (no "Đang tải…" left).
export async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.loading, .boot'), null, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(150);
}

// axe(page): the serious and critical violations on the page.
export async function axe(page) {
  await page.evaluate(AXE);
  const r = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return r;
}

export async function shot(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, name + '.png'), fullPage: true });
}

// run(name, body, prepare): ${prepare}(srv), if given, runs on the
// database before the server starts (the CLI's imports).
export async function run(name, body, prepare) {
  const ck = new Checker(name);
  const srv = new Server();
  let b = null;
  try {
    if (prepare) await prepare(srv);
    await srv.start();
    b = await browser();
    await body(ck, srv, b);
  } catch (e) {
    ck.check(false, 'the test ran to its end', e.stack || e);
  } finally {
    if (b) await b.close().catch(() => {});
    await srv.stop();
    ck.check(srv.exitCode === 0, 'dti serve stopped cleanly (exit 0)', `${srv.exitCode}\n${srv.log.slice(-2000)}`);
    ck.check(!/ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:/.test(srv.log), 'no sanitizer report', srv.log.slice(-2000));
  }
  process.exit(ck.summary());
}

// web.pages: every page of the interface, as the role that uses it, on a
// desktop (1280 px) and a phone (360 px): it renders its title without a
// console error, axe-core finds no serious or critical violation, the
// phone has no horizontal scrolling, and a screenshot of each is saved.
// The HTTP side: pages answer index.html, assets are cached for good, the
// security headers stay, and other paths stay 404.
import { run, newPage, login, settle, axe, shot } from './weblib.mjs';

const PAGES = [
  // [role's login, path, name of the screenshot, text the page must show]
  ['lanhdao', '/tong-quan', 'tong-quan', 'Chỉ số DTI'],
  ['lanhdao', '/chi-so', 'chi-so', 'Chỉ số'],
  ['lanhdao', '/chi-so/3.3', 'chi-so-3.3', 'Cách chấm điểm'],
  ['lanhdao', '/nhiem-vu', 'nhiem-vu', 'Nhiệm vụ của Kế hoạch'],
  ['lanhdao', '/chi-tieu', 'chi-tieu', 'Chỉ tiêu của Kế hoạch'],
  ['cb-sotttt', '/co-quan/so-tttt', 'co-quan', 'Số liệu phải cung cấp'],
  ['cb-ninhhai', '/co-quan/ubnd-ninh-hai', 'co-quan-huyen', 'Số liệu phải cung cấp'],
  ['cb-sotttt', '/doi-mat-khau', 'doi-mat-khau', 'Mật khẩu hiện tại'],
  ['sotttt', '/duyet', 'duyet', 'Chờ duyệt'],
  ['sotttt', '/nhiem-vu', 'nhiem-vu-dieu-phoi', 'Báo cáo tiến độ'],
  ['sotttt', '/co-quan', 'co-quan-chon', 'Nhập liệu theo cơ quan'],
  ['sotttt', '/quan-tri/ky', 'quan-tri-ky', 'Mở kỳ mới'],
  ['sotttt', '/quan-tri/tai-khoan', 'quan-tri-tai-khoan', 'Tạo tài khoản'],
  ['sotttt', '/quan-tri/co-quan', 'quan-tri-co-quan', 'Đơn vị đánh giá'],
  ['admin', '/quan-tri/phuong-phap', 'quan-tri-phuong-phap', 'Các phiên bản phương pháp'],  // admins only (issue 12)
  ['sotttt', '/quan-tri/nhat-ky', 'quan-tri-nhat-ky', 'Nhật ký thay đổi'],
];

async function http(ck, srv) {
  const r = await fetch(srv.base + '/chi-so/5.1');
  const text = await r.text();
  ck.eq(r.status, 200, 'a page URL answers');
  ck.check((r.headers.get('content-type') || '').startsWith('text/html'), 'as HTML', r.headers.get('content-type'));
  const csp = r.headers.get('content-security-policy') || '';
  ck.check(/script-src 'self'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp), 'the strict CSP', csp);
  ck.eq(r.headers.get('x-frame-options'), 'DENY', 'X-Frame-Options');
  const js = /src="(\/assets\/[0-9a-f]{12}\/app\.js)"/.exec(text);
  ck.check(js, 'index.html names its script under /assets/<hash>/', text);
  if (js) {
    const a = await fetch(srv.base + js[1]);
    ck.eq(a.status, 200, 'the script is served');
    ck.check((a.headers.get('content-type') || '').startsWith('text/javascript'), 'as JavaScript');
    ck.check(/immutable/.test(a.headers.get('cache-control') || ''), 'cached for good', a.headers.get('cache-control'));
    ck.check(a.headers.get('content-security-policy'), 'with the CSP');
  }
  for (const p of ['/khong-co', '/assets/000000000000/app.js', '/index.html.bak', '/api/v1/khong-co']) {
    const x = await fetch(srv.base + p);
    ck.eq(x.status, 404, `${p} is a 404`);
  }
  const j = await fetch(srv.base + '/api/v1/khong-co');
  ck.check((j.headers.get('content-type') || '').startsWith('application/json'), '/api/* keeps its JSON 404');
  const post = await fetch(srv.base + '/tong-quan', { method: 'POST' });
  ck.check(post.status !== 200, 'a page answers GET only', post.status);
}

run('web.pages', async (ck, srv, b) => {
  await http(ck, srv);
  const pages = {};
  for (const [who, path, name, text] of PAGES) {
    for (const width of [1280, 360]) {
      const key = who + width;
      if (!pages[key]) {
        pages[key] = await newPage(b, width);
        await login(pages[key], srv, who);
        await settle(pages[key]);
      }
      const page = pages[key];
      page.errors.length = 0;
      await page.goto(srv.base + path);
      await settle(page);
      const what = `${path} as ${who} at ${width} px`;
      const h1 = await page.textContent('main h1').catch(() => null);
      ck.check(h1 && h1.trim().length > 0, `${what}: has a title`, h1);
      const body = await page.textContent('main');
      ck.check(body.includes(text), `${what}: shows "${text}"`, body.slice(0, 300));
      ck.check(!/undefined|NaN|\[object Object\]/.test(body), `${what}: no undefined, NaN or [object Object]`,
        (/.{0,60}(undefined|NaN|\[object Object\]).{0,60}/.exec(body) || [''])[0]);
      ck.eq(page.errors, [], `${what}: no console error`);
      if (width === 1280) ck.eq(await axe(page), [], `${what}: axe finds no serious or critical violation`);
      const sw = await page.evaluate(() => document.scrollingElement.scrollWidth);
      if (width === 360) ck.check(sw <= 360, `${what}: no horizontal scrolling`, `scrollWidth ${sw}`);
      await shot(page, `${name}-${width}`);
    }
  }
  // the login page itself, before anyone logs in
  for (const width of [1280, 360]) {
    const page = await newPage(b, width);
    await page.goto(srv.base + '/');
    await settle(page);
    ck.check(page.url().endsWith('/dang-nhap'), `/ leads to the login page (${width} px)`, page.url());
    ck.eq(page.errors, [], `the login page: no console error (${width} px)`);
    ck.eq(await axe(page), [], `the login page: axe (${width} px)`);
    ck.check(await page.evaluate(() => document.scrollingElement.scrollWidth) <= width, `the login page fits ${width} px`);
    await shot(page, `dang-nhap-${width}`);
    // keyboard: the first Tab reaches the login field, focus is visible
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    ck.eq(focused, 'ten-dang-nhap', `Tab reaches the login field (${width} px)`);
  }
  // a page asked for before logging in comes back after it
  const page = await newPage(b);
  await page.goto(srv.base + '/chi-so/3.3?ky=2022-demo');
  await settle(page);
  ck.check(page.url().includes('/dang-nhap?tiep='), 'a page without a session leads to the login', page.url());
  await page.fill('#ten-dang-nhap', 'lanhdao');
  await page.fill('#mat-khau', srv.passwords.lanhdao);
  await page.click('form button[type=submit]');
  // the login answers before the page moves on: wait for the move, not a fixed time
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'), { timeout: 60000 }).catch(() => {});
  await settle(page);
  ck.check(page.url().endsWith('/chi-so/3.3?ky=2022-demo'), 'and back to it after the login', page.url());
  // the skip link is the first thing the keyboard reaches on a page
  await page.goto(srv.base + '/chi-so');
  await settle(page);
  await page.keyboard.press('Tab');
  ck.eq(await page.evaluate(() => document.activeElement.textContent), 'Bỏ qua, đến nội dung chính', 'the skip link comes first');
  // print: the overview on A4
  await page.goto(srv.base + '/tong-quan');
  await settle(page);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).display);
  ck.eq(hidden, 'none', 'printing hides the navigation');
  await page.pdf({ path: `${process.argv[4]}/tong-quan-a4.pdf`, format: 'A4', printBackground: true }).catch((e) =>
    ck.check(false, 'the overview prints to PDF', e));
});

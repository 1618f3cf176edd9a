// web.analysis: the analysis and report pages (issue 11) on the demo
// database with the published results imported by the CLI (as
// tests/db/cli_analysis.sh does): the numbers shown are the API's
// (points lost 536,00 / 1.000; the plan's phrase for INDEX 0,5934, 94,7 %,
// 27/63, 26 bậc; a what-if 0,5360 → 0,5655 that writes nothing; all
// targets met), the reports download under the API's file name (PDF
// starts %PDF, DOCX/XLSX are zips); axe-core finds nothing on each page,
// none scrolls sideways on a phone; each is shot at 360 px.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run, newPage, login, settle, axe, shot, DTI, SRC, OUT } from './weblib.mjs';

const PERIOD = '2022-demo';
const RESULTS = ['dti-2022-provincial-rank.csv', 'dti-2022-provincial-main-indices-top5.csv',
  'dti-provincial-pillars-selected.csv', 'dti-summary-by-year.csv'];

const PAGES = [
  // [path, screenshot, text the page must show]
  [`/phan-tich?ky=${PERIOD}`, 'phan-tich-mat-diem', 'Việc làm ngay'],
  [`/phan-tich/gia-dinh?ky=${PERIOD}`, 'phan-tich-gia-dinh', 'không lưu gì'],
  [`/phan-tich/xep-hang?ky=${PERIOD}`, 'phan-tich-xep-hang', 'so với năm 2021'],
  [`/phan-tich/do-nhay?ky=${PERIOD}`, 'phan-tich-do-nhay', 'điểm trên một đơn vị công sức'],
  [`/bao-cao?ky=${PERIOD}`, 'bao-cao', 'Tải báo cáo'],
];

function importResults(srv) {
  for (const f of RESULTS)
    execFileSync(DTI, ['results', 'import', path.join(SRC, 'data', 'results', f), '--db', srv.db],
      { env: { ...process.env, DTI_LANG: 'en' }, encoding: 'utf8' });
}

// the text as shown (cells apart), spaces collapsed
const text = async (page, sel) => ((await page.innerText(sel, { timeout: 10000 }).catch(() => null)) || '').replace(/\s+/g, ' ').trim();

// every page at 1280 and 360 px: title, no error, axe, no sideways scroll
async function pages(ck, srv, b) {
  for (const width of [1280, 360]) {
    const page = await newPage(b, width, 800);
    await login(page, srv, 'lanhdao');
    await settle(page);
    for (const [p, name, want] of PAGES) {
      page.errors.length = 0;
      await page.goto(srv.base + p);
      await settle(page);
      const what = `${p} at ${width} px`;
      const body = await page.textContent('main');
      ck.check(body.includes(want), `${what}: shows "${want}"`, body.slice(0, 300));
      ck.check(!/undefined|NaN|\[object Object\]/.test(body), `${what}: no undefined, NaN or [object Object]`,
        (/.{0,60}(undefined|NaN|\[object Object\]).{0,60}/.exec(body) || [''])[0]);
      ck.eq(page.errors, [], `${what}: no console error`);
      ck.eq(await axe(page), [], `${what}: axe finds no serious or critical violation`);
      const sw = await page.evaluate(() => document.scrollingElement.scrollWidth);
      if (width === 360) ck.check(sw <= 360, `${what}: no horizontal scrolling`, `scrollWidth ${sw}`);
      await shot(page, `${name}-${width}`);
      if (name === 'phan-tich-gia-dinh') {
        // the answer of a what-if passes axe too, and is what the phone shows
        await page.fill('#tim-dau-vao', '2.6');
        await page.click('ul.hits li:first-child button');
        await page.click('form button[type=submit]');
        await page.waitForSelector('#chi-so-gia-dinh', { timeout: 30000 }).catch(() => {});
        ck.eq(await axe(page), [], `${what}: a what-if's answer: axe`);
        ck.eq(page.errors, [], `${what}: a what-if's answer: no console error`);
        await shot(page, `${name}-ket-qua-${width}`);
      }
      // the top of each page on a phone, for docs/screenshots
      if (width === 360) await page.screenshot({ path: path.join(OUT, `${name}-dau-360.png`), fullPage: true,
        clip: { x: 0, y: 0, width: 360, height: Math.min(1800, await page.evaluate(() => document.scrollingElement.scrollHeight)) } });
    }
    await page.context().close();
  }
}

// the menu of every role leads to both pages
async function menus(ck, srv, b) {
  for (const who of ['lanhdao', 'cb-sotttt', 'sotttt', 'admin']) {
    const page = await newPage(b);
    await login(page, srv, who);
    await settle(page);
    const links = await page.$$eval('nav#menu-chinh a', (as) => as.map((a) => a.getAttribute('href')));
    ck.check(links.includes('/phan-tich') && links.includes('/bao-cao'), `${who}'s menu has Phân tích and Báo cáo`, links);
    await page.click('nav#menu-chinh a[href="/phan-tich"]').catch(() => {});
    await settle(page);
    ck.eq(await text(page, 'main h1'), 'Phân tích — Điểm bị mất', `${who} reaches the analysis from the menu`);
    const draft = await page.$('#tinh-ca-nhap');
    ck.eq(!!draft, who === 'sotttt' || who === 'admin', `${who}: the "include drafts" box only for coordinators and admins`);
    if (draft) {
      await page.check('#tinh-ca-nhap');
      await settle(page);
      ck.check(page.url().includes('nhap=1') && (await text(page, 'main')).includes('Tính cả số liệu nháp và chờ duyệt.'),
        `${who}: the analysis with drafts`, page.url());
    }
    await page.context().close();
  }
}

async function losses(ck, srv, page, api) {
  await page.goto(srv.base + `/phan-tich/mat-diem?ky=${PERIOD}`);
  await settle(page);
  ck.eq(await text(page, '#tong-diem'), 'Tổng điểm 536 / 1.000; bị mất 464 điểm.', 'the total and the points lost');
  const n = (await api('GET', `/periods/${PERIOD}/losses`)).data.indicators.filter((i) => i.lost > 0.00005).length;
  ck.eq(await page.$$eval('#bang-mat-chi-so tbody tr', (rs) => rs.length), 15, 'the first 15 indicators losing points');
  await page.click('#mat-chi-so ~ * button, section[aria-labelledby="mat-chi-so"] button');
  ck.eq(await page.$$eval('#bang-mat-chi-so tbody tr', (rs) => rs.length), n, `all ${n} after "Hiện tất cả"`);
  const first = await text(page, '#bang-mat-chi-so tbody tr:first-child');
  ck.check(first.startsWith('3.5 ') && first.includes('Sở TTTT') && first.endsWith('30 7,5 22,5'),
    'the indicator losing most: 3.5, Sở TTTT, 30 − 7,5 = 22,5', first);
  const win = await text(page, '#bang-viec-lam-ngay tbody tr:first-child');
  ck.check(win.includes('3.5.gov_cloud') && win.includes('Không → Có') && win.includes('+15') && win.includes('B.III.2'),
    'the first quick win: 3.5.gov_cloud Không → Có, +15, task B.III.2', win);
  const href = await page.getAttribute('#bang-viec-lam-ngay tbody tr:first-child a.code', 'href');
  ck.eq(href, '/nhiem-vu?co-quan=so-tttt', 'the task links to the tasks page of its agency');
  const choice = await text(page, '#bang-viec-lam-ngay tbody');
  ck.check(choice.includes('Chưa triển khai → Đã triển khai và có thể cá thể hóa'), 'a choice step in its labels (6.20)', choice.slice(0, 2000));
  const agency = await text(page, '#bang-mat-co-quan tbody tr:first-child');
  ck.check(agency.includes('Sở Thông tin và Truyền thông') && agency.includes('236,54'), 'the agency losing most: Sở TTTT, 236,54', agency);
  const pillar = await text(page, '#bang-mat-tru-cot tbody tr:first-child');
  ck.check(pillar.includes('Kinh tế số (KTS)') && pillar.includes('0,4604'), 'the pillar losing most: KTS, 0,4604', pillar);
}

async function rank(ck, srv, page) {
  await page.goto(srv.base + `/phan-tich/xep-hang?ky=${PERIOD}`);
  await settle(page);
  ck.eq(await text(page, '#cau-so-sanh li[data-code="INDEX"]'),
    'Chỉ số DTI: đạt 0,5934, tăng 94,7 % so với năm 2021, xếp thứ 27/63, tăng 26 bậc', "the plan's phrase for the index");
  ck.check((await text(page, '#cau-so-sanh li[data-code="CQS"]')).endsWith('đạt 0,6787, tăng 93,3 % so với năm 2021, xếp thứ 24/63, tăng 23 bậc'),
    'and for CQS');
  const place = await text(page, '#vi-tri-ky');
  ck.check(place.includes('0,5360') && place.includes('xếp thứ 26 đến 63/63') && place.includes('còn thiếu 0,0431') &&
    place.includes('0,5791'), "the period's placement: a range, below khá by 0,0431", place);
  ck.eq(await text(page, '#vi-tri-cong-bo'),
    'Kết quả đã công bố năm 2022: chỉ số 0,5934, xếp thứ 27/63; thuộc nhóm khá (ngưỡng 0,5791: trung bình các tỉnh).',
    'the published result of 2022: khá');
  const years = await page.$$eval('#bang-qua-cac-nam tbody tr', (rs) => rs.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
  ck.check(years.some((y) => y === '2021 0,3048 53/63 0,4014') && years.some((y) => y === '2022 0,5934 27/63 0,5791'),
    'the index over the years from the recorded results', years);
  ck.check(await page.$('#noi-dung canvas'), 'with a chart');
}

async function whatif(ck, srv, page, api) {
  const scores = async () => (await api('GET', `/periods/${PERIOD}/scores`)).data.rows.filter((r) => r.code === 'INDEX')
    .map((r) => `${r.unit}=${r.score}`).join(' ');
  const before = await scores();
  await page.goto(srv.base + `/phan-tich/gia-dinh?ky=${PERIOD}`);
  await settle(page);
  await page.fill('#tim-dau-vao', '2.6');
  await page.click('ul.hits li:first-child button');
  ck.eq(await page.inputValue('#gd-0'), '1', 'a yes/no input starts at its other value (Có)');
  await page.fill('#tim-dau-vao', 'doanh nghiệp công nghệ số');
  const hit = await text(page, 'ul.hits');
  ck.check(hit.includes('7.2.a'), 'the search finds an input by its words', hit);
  await page.click('ul.hits li:has-text("7.2.a") button');
  await page.fill('#gd-1', '1.2,3');
  ck.eq(await page.getAttribute('#gd-1', 'aria-invalid'), 'true', 'a number not in the Vietnamese format is marked');
  ck.check((await text(page, '#gd-1-loi')).includes('định dạng Việt Nam'), 'with a Vietnamese message');
  await page.fill('#gd-1', '1.200');
  await page.click('form button[type=submit]');
  await page.waitForSelector('#chi-so-gia-dinh', { timeout: 30000 }).catch(() => {});
  ck.eq(await text(page, '#chi-so-gia-dinh'), 'Chỉ số DTI: 0,5360 → 0,5655 (+0,0295)', 'the what-if index: 2.6 = Có, 7.2.a = 1.200');
  const rows = await page.$$eval('#bang-gia-dinh tbody tr', (rs) => rs.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
  ck.check(rows.some((r) => r.startsWith('Chỉ số 2.6.') && r.endsWith('0 10 +10')), 'indicator 2.6: 0 → 10', rows);
  ck.check(rows.some((r) => r.startsWith('Nhóm VII.') && r.endsWith('36,19 55,72 +19,53')), 'group VII: 36,19 → 55,72', rows);
  ck.check((await text(page, '#hang-gia-dinh')).includes('còn thiếu 0,0136'), 'the rank and khá after', await text(page, '#hang-gia-dinh'));
  // all targets met, nothing else
  await page.click('button[aria-label="Bỏ 7.2.a"]');
  await page.click('button[aria-label="Bỏ 2.6"]');
  await page.click('#dat-moi-chi-tieu');
  await page.waitForFunction(() => /mọi chỉ tiêu/.test((document.getElementById('ket-qua-gia-dinh') || {}).textContent || ''),
    null, { timeout: 30000 }).catch(() => {});
  ck.eq(await text(page, '#chi-so-gia-dinh'), 'Chỉ số DTI: 0,5360 → 0,5435 (+0,0075)', 'if every target of the plan is met');
  // a choice, by the keyboard: its other options offered by label
  await page.fill('#tim-dau-vao', '6.20');
  await page.focus('ul.hits li:first-child button');
  await page.keyboard.press('Enter');
  ck.eq(await page.inputValue('#gd-0'), 'personalized', 'a choice starts at another option');
  ck.check((await text(page, '#gd-0')).includes('Đã triển khai và có thể cá thể hóa'), 'its options by label');
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => /Kết quả giả định/.test((document.getElementById('ket-qua-gia-dinh') || {}).textContent || ''),
    null, { timeout: 30000 }).catch(() => {});
  ck.eq(await text(page, '#chi-so-gia-dinh'), 'Chỉ số DTI: 0,5360 → 0,5460 (+0,0100)', 'a what-if of a choice (6.20: +10 points)');
  ck.eq(await scores(), before, 'the what-if saved nothing (the scores are the same)');
}

async function sensitivity(ck, srv, page) {
  await page.goto(srv.base + `/phan-tich/do-nhay?ky=${PERIOD}`);
  await settle(page);
  const first = await text(page, '#bang-do-nhay tbody tr:first-child');
  ck.check(first.startsWith('6.8 ') && first.includes('6.8.a: 780 → 790') && first.includes('+10') && first.includes('0,01'),
    'the first step: 6.8.a 780 → 790, +10 points, effort 0,01', first);
  const all = await text(page, '#bang-do-nhay tbody');
  ck.check(all.includes('1.5.articles: 14 → 20'), 'a threshold step: 1.5 from 14 to 20 articles', all.slice(0, 500));
}

async function reports(ck, srv, b) {
  const page = await newPage(b);
  page.context().setDefaultTimeout(60000);
  await login(page, srv, 'lanhdao');
  await page.goto(srv.base + `/bao-cao?ky=${PERIOD}`);
  await settle(page);
  ck.check(!(await page.$('#bao-cao-nhap')), 'a viewer is not offered drafts');
  for (const [f, magic] of [['pdf', '%PDF'], ['docx', 'PK'], ['xlsx', 'PK']]) {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('#tai-' + f)]);
    ck.eq(dl.suggestedFilename(), `dti-bao-cao-${PERIOD}.${f}`, `the ${f} report has the API's file name`);
    const p = await dl.path();
    const head = fs.readFileSync(p).subarray(0, magic.length).toString('latin1');
    ck.eq(head, magic, `the ${f} file starts with ${magic}`);
    await page.waitForSelector('.ten-tep', { timeout: 10000 }).catch(() => {});
    ck.eq(await text(page, '.ten-tep'), `dti-bao-cao-${PERIOD}.${f}`, `the page says which file was saved (${f})`);
  }
  // an error is said on the page, not saved as a file
  await page.route('**/report?format=pdf*', (r) => r.fulfill({ status: 500, contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'report.write', message: { vi: 'không ghi được báo cáo' } } }) }));
  await page.click('#tai-pdf');
  await page.waitForSelector('main [role=alert]', { timeout: 10000 }).catch(() => {});
  ck.check((await text(page, 'main [role=alert]')).includes('Không ghi được báo cáo.'), 'a failed report shows its message');
  page.errors.length = 0;
  await page.context().close();
  // the coordinator may ask for drafts
  const c = await newPage(b);
  await login(c, srv, 'sotttt');
  await c.goto(srv.base + `/bao-cao?ky=${PERIOD}`);
  await settle(c);
  await c.check('#bao-cao-nhap');
  await settle(c);
  ck.check(c.url().includes('nhap=1'), 'the drafts box is kept in the address', c.url());
  c.context().setDefaultTimeout(120000);
  const [dl] = await Promise.all([c.waitForEvent('download', { timeout: 120000 }),
    c.click('#tai-docx')]);
  ck.eq(dl.suggestedFilename(), `dti-bao-cao-${PERIOD}.docx`, 'the draft report downloads too');
  await c.context().close();
}

run('web.analysis', async (ck, srv, b) => {
  const page = await newPage(b);
  await login(page, srv, 'lanhdao');
  await settle(page);
  const api = await srv.session('lanhdao');
  await losses(ck, srv, page, api);
  await rank(ck, srv, page);
  await whatif(ck, srv, page, api);
  await sensitivity(ck, srv, page);
  ck.eq(page.errors, [], 'no console error on the way');
  await page.context().close();
  await reports(ck, srv, b);
  await menus(ck, srv, b);
  await pages(ck, srv, b);
}, importResults);

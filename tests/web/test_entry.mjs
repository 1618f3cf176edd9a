// web.entry: the work of the people who use the interface, in a browser.
// Login (wrong password, lockout with the time to wait), logout, change of
// password; an officer types 1.234.567 and 15,2 (the server stores 1234567
// and 15.2), sees validation messages in Vietnamese, submits a chosen part;
// the coordinator returns one value with a comment; the officer sees the
// comment, corrects and resubmits; the coordinator approves. An officer
// cannot reach another agency's forms (the page hides them, the API
// refuses); a viewer sees no form.
import fs from 'node:fs';
import { run, newPage, login, settle, shot } from './weblib.mjs';

const VI = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

async function fields(page) {
  return page.evaluate(() => document.querySelectorAll(
    'main input[type=text], main input:not([type]), main input[type=file], main input[type=password], main textarea').length);
}

async function entry(ck, srv, b) {
  const admin = await srv.session('admin');
  const r = await admin('POST', '/periods', { code: '2023-demo' });
  ck.eq(r.status, 201, 'setup: period 2023-demo opened');

  const page = await newPage(b);
  await login(page, srv, 'cb-khdt');
  await settle(page);
  ck.check(page.url().endsWith('/co-quan/so-khdt'), 'an officer lands on its agency\'s workspace', page.url());
  ck.check((await page.textContent('main')).includes('Số liệu phải cung cấp'), 'the work list is shown');
  ck.check((await page.inputValue('#chon-ky')) === '2023-demo', 'the newest open period is chosen');

  // typed the Vietnamese way, stored the machine way
  await page.fill('#gt-7-2-b', '1.234.567');
  await page.click('[id="muc-7.2.b"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-7.2.b"] >> text=Đã lưu nháp');
  await page.fill('#gt-8-6', '15,2');
  await page.click('[id="muc-8.6"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-8.6"] >> text=Đã lưu nháp');
  const v = await admin('GET', '/periods/2023-demo/values?unit=ninh-thuan');
  const val = (n) => ((v.data.values || []).find((x) => x.input === n) || {}).value;
  ck.eq(val('7.2.b'), '1234567', '1.234.567 is stored as 1234567');
  ck.eq(val('8.6'), '15.2', '15,2 is stored as 15.2');

  // evidence: a file with its document number and date, with progress
  await page.click('[id="muc-7.2.b"] >> text=Minh chứng');
  await page.setInputFiles('#mc-7-2-b-tep', { name: 'danh-sach-doanh-nghiep.txt', mimeType: 'text/plain',
    buffer: Buffer.from('Danh sách doanh nghiệp 2023\n') });
  await page.fill('#mc-7-2-b-so', '123/SKHĐT');
  await page.fill('#mc-7-2-b-ngay', '15/12/2023');
  await page.click('[id="muc-7.2.b"] >> text=Thêm minh chứng');
  await page.waitForSelector('[id="muc-7.2.b"] .evidence li >> text=danh-sach-doanh-nghiep.txt');
  const ev = await page.textContent('[id="muc-7.2.b"] .evidence');
  ck.check(ev.includes('số 123/SKHĐT') && ev.includes('ngày 15/12/2023'), 'the evidence is listed with its number and date', ev);
  const e = await admin('GET', '/periods/2023-demo/values/ninh-thuan/7.2.b/evidence');
  ck.eq((e.data.evidence || []).map((x) => [x.doc_number, x.doc_date, x.file && x.file.name]),
    [['123/SKHĐT', '2023-12-15', 'danh-sach-doanh-nghiep.txt']], 'the server stored it, the date as ISO');

  // checked as typed, in Vietnamese
  await page.fill('#gt-7-2-a', '1,234.5');
  const local = await page.textContent('#gt-7-2-a-loi');
  ck.check(/Không phải số theo định dạng Việt Nam/.test(local), 'a number in another format: a Vietnamese message as typed', local);
  ck.eq(await page.getAttribute('#gt-7-2-a', 'aria-invalid'), 'true', 'the field is marked invalid');
  // the server's own message, in Vietnamese
  await page.fill('#gt-7-4-b', '-5');
  await page.click('[id="muc-7.4.b"] >> text=Lưu nháp');
  await page.waitForFunction(() => (document.getElementById('gt-7-4-b-loi') || {}).textContent);
  const server = await page.textContent('#gt-7-4-b-loi');
  ck.check(VI.test(server), 'the server refuses -5 with a Vietnamese message', server);
  const v2 = await admin('GET', '/periods/2023-demo/values?unit=ninh-thuan');
  ck.check(!(v2.data.values || []).some((x) => x.input === '7.4.b'), 'and stores nothing');
  await page.fill('#gt-7-2-a', '');
  await page.fill('#gt-7-4-b', '');
  await shot(page, 'nhap-lieu-kiem-tra-1280');

  // an implausible value: the server's warning beside it, after saving
  await page.fill('#gt-A-16', '99.999.999');
  await page.click('[id="muc-A.16"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-A.16"] >> text=Cảnh báo');
  const warn = await page.textContent('[id="muc-A.16"] .warning');
  ck.check(warn.includes('gấp 25.000 lần giá trị kỳ trước'), 'a 25,000-fold jump is warned about beside the value', warn);
  ck.check((await page.textContent('[id="muc-A.16"]')).includes('Kỳ 2022-demo: 4.000'), 'last period\'s value is shown');
  await shot(page, 'nhap-lieu-canh-bao-1280');

  // the Excel work sheet: downloaded, and uploaded back as it is
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải phiếu Excel')]);
  const sheet = await dl.path();
  const head = fs.readFileSync(sheet).subarray(0, 2).toString();
  ck.check(dl.suggestedFilename().endsWith('.xlsx') && head === 'PK', 'the work sheet downloads as an .xlsx file', dl.suggestedFilename());
  await page.setInputFiles('#phieu-tep', { name: 'phieu.xlsx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(sheet) });
  await page.click('text=Nhập phiếu');
  await page.waitForSelector('.sheet [role=status], .sheet [role=alert]');
  const bad = await page.textContent('.sheet [role=alert]');
  ck.check(bad.includes("Sheet 'Số liệu', ô H7") && bad.includes('phải bằng nhau'),
    'the sheet with A.16 ≠ 7.2.b is refused, the error naming its sheet and cell', bad);
  await shot(page, 'nhap-lieu-phieu-loi-1280');
  await page.fill('#gt-A-16', '1.234.567');
  await page.click('[id="muc-A.16"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-A.16"] >> text=Đã lưu nháp');
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải phiếu Excel')]);
  await page.setInputFiles('#phieu-tep', { name: 'phieu.xlsx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(await dl2.path()) });
  await page.click('text=Nhập phiếu');
  await page.waitForSelector('.sheet [role=status]');
  const imp = await page.textContent('.sheet [role=status]');
  ck.check(/Đã nhập \d+ giá trị từ phiếu/.test(imp), 'the corrected sheet imports back', imp);

  // 7.2's numerator too: alone in the round, 8.6 (Min-Max) scores
  // nothing without reference bounds, and 7.2 needs both of its inputs
  await page.fill('#gt-7-2-a', '61.728');
  await page.click('[id="muc-7.2.a"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-7.2.a"] >> text=Đã lưu nháp');

  // the leader's overview of 2023 before anything is approved
  const lead = await newPage(b);
  await login(lead, srv, 'lanhdao');
  await settle(lead);
  await lead.goto(srv.base + '/tong-quan?ky=2023-demo');
  await settle(lead);
  const before = await lead.textContent('.figure-sub');

  // submit a chosen part
  await page.check('[id="muc-7.2.a"] input[type=checkbox]');
  await page.check('[id="muc-7.2.b"] input[type=checkbox]');
  await page.check('[id="muc-8.6"] input[type=checkbox]');
  await page.click('text=Gửi 3 mục đã chọn');
  await page.waitForSelector('text=Đã gửi 3 giá trị');
  const s = await admin('GET', '/periods/2023-demo/values?unit=ninh-thuan&status=submitted');
  ck.eq((s.data.values || []).map((x) => x.input).sort(), ['7.2.a', '7.2.b', '8.6'], 'the three chosen values were submitted');

  // the coordinator returns 8.6 with a comment
  const co = await newPage(b);
  await login(co, srv, 'sotttt');
  await settle(co);
  await co.goto(srv.base + '/duyet?ky=2023-demo');
  await settle(co);
  ck.check((await co.textContent('main')).includes('Sở Kế hoạch và Đầu tư'), 'the queue shows the agency');
  await co.check('input[aria-label="Chọn 8.6"]');
  await co.click('text=Trả lại 1 mục đã chọn');
  await co.waitForSelector('text=Cần nhận xét cho mỗi giá trị trả lại');
  ck.check(true, 'a return without a comment is refused before it is sent');
  await co.fill('input[id^="nx-"][id$="8-6"]', 'Thiếu văn bản kiểm chứng');
  await co.click('text=Trả lại 1 mục đã chọn');
  await co.waitForSelector('text=Đã trả lại 1 giá trị');
  await shot(co, 'duyet-tra-lai-1280');

  // the officer sees the comment on top, corrects, resubmits
  await page.reload();
  await settle(page);
  const first = await page.textContent('.work-item');
  ck.check(first.includes('8.6') && first.includes('Nhận xét của Sở TTTT: Thiếu văn bản kiểm chứng'),
    'the returned value comes first, with the comment', first.slice(0, 300));
  ck.check((await page.textContent('main')).includes('1 giá trị bị trả lại'), 'and the summary says so');
  await shot(page, 'nhap-lieu-tra-lai-1280');
  await page.fill('#gt-8-6', '15,3');
  await page.click('[id="muc-8.6"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-8.6"] >> text=Đã lưu nháp');
  await page.check('[id="muc-8.6"] input[type=checkbox]');
  await page.click('text=Gửi 1 mục đã chọn');
  await page.waitForSelector('text=Đã gửi 1 giá trị');

  // the coordinator approves all of the agency's
  await co.reload();
  await settle(co);
  await co.click('text=Phê duyệt cả 3');
  await co.waitForSelector('text=Đã phê duyệt');
  const a = await admin('GET', '/periods/2023-demo/values?unit=ninh-thuan&status=approved');
  ck.eq((a.data.values || []).map((x) => `${x.input}=${x.value}`).sort(), ['7.2.a=61728', '7.2.b=1234567', '8.6=15.3'],
    'the three values approved, 8.6 as corrected');
  // the leader's overview of 2023 shows the new score
  await lead.reload();
  await settle(lead);
  const after = await lead.textContent('.figure-sub');
  ck.check(after !== before && /\d/.test(after), 'the leader\'s overview shows a new score after approval', `${before} -> ${after}`);
  const sc = await admin('GET', '/periods/2023-demo/scores');
  const total = ((sc.data.rows || []).find((x) => x.unit === 'ninh-thuan' && x.code === 'TOTAL') || {}).score;
  const shownTotal = Number(after.split('/')[0].trim().replace(/\./g, '').replace(',', '.'));
  ck.check(total > 0 && Math.abs(shownTotal - total) < 0.05,
    'the overview\'s points are the server\'s', `${after} vs ${total}`);
  await shot(lead, 'tong-quan-sau-duyet-1280');
  await co.goto(srv.base + '/chi-so/8.6?ky=2023-demo');
  await settle(co);
  ck.check((await co.textContent('main')).includes('15,3'), 'the indicator page shows the approved 15,3');

  // another agency's forms: hidden by the page, refused by the API
  await page.goto(srv.base + '/co-quan/so-tttt');
  await settle(page);
  ck.check((await page.textContent('main')).includes('Bạn chỉ nhập liệu cho cơ quan của mình'), 'another agency\'s workspace is refused');
  ck.eq(await fields(page), 0, 'and shows no field');
  const officer = await srv.session('cb-khdt');
  const put = await officer('PUT', '/periods/2023-demo/values/ninh-thuan/3.3.a', { value: '5', number_format: 'vi' });
  ck.eq(put.status, 403, 'the API refuses the officer another agency\'s value');
  const menu = await page.textContent('nav#menu-chinh');
  ck.check(!menu.includes('Duyệt') && !menu.includes('Quản trị'), 'an officer\'s menu has no review or administration');
}

// A district's officer: its own district's unit and its parts of the
// contributed inputs, nothing of the province's or another district's.
async function district(ck, srv, b) {
  const page = await newPage(b);
  await login(page, srv, 'cb-ninhhai');
  await settle(page);
  ck.check(page.url().endsWith('/co-quan/ubnd-ninh-hai'), 'a district officer lands on its workspace', page.url());
  const main = await page.textContent('main');
  ck.check(main.includes('Ninh Hải') && main.includes('1.9') && !main.includes('7.2.b'),
    'it owes its district\'s part of 1.9, not the province\'s inputs', main.slice(0, 400));
  await page.selectOption('#gt-1-9', '1');
  await page.click('[id="muc-1.9"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-1.9"] >> text=Đã lưu nháp');
  const admin = await srv.session('admin');
  const v = await admin('GET', '/periods/2023-demo/values?unit=ninh-hai');
  ck.eq((v.data.values || []).filter((x) => x.input === '1.9').map((x) => x.value), ['1'], 'its part is stored for its district');
  const after = await page.textContent('main');
  ck.check(!/Ninh Phước|Thuận Bắc|Bác Ái/.test(after), 'nothing of another district is shown', after.slice(0, 400));
  await shot(page, 'nhap-lieu-huyen-1280');
}

// Task progress: the coordinator reports it; a viewer has no form.
async function tasks(ck, srv, b) {
  const admin = await srv.session('admin');
  const t0 = (await admin('GET', '/tasks')).data.tasks.find((t) => t.status !== 'done');
  const page = await newPage(b);
  await login(page, srv, 'sotttt');
  await page.goto(srv.base + '/nhiem-vu');
  await settle(page);
  const id = 'td-' + t0.code.replace(/[^a-zA-Z0-9]/g, '-');
  await page.click(`#${id}-tt >> xpath=ancestor::details/summary`);
  await page.selectOption(`#${id}-tt`, 'done');
  await page.fill(`#${id}-vb`, '45/KH-STTTT');
  await page.fill(`#${id}-gc`, 'Đã hoàn thành theo kế hoạch');
  await page.click(`#${id}-tt >> xpath=ancestor::form >> text=Ghi tiến độ`);
  await page.waitForSelector('text=Đã ghi tiến độ');
  const t1 = (await admin('GET', '/tasks')).data.tasks.find((t) => t.code === t0.code);
  ck.eq(t1.status, 'done', `the coordinator's progress of task ${t0.code} is recorded`);
  const v = await newPage(b);
  await login(v, srv, 'lanhdao');
  await v.goto(srv.base + '/nhiem-vu');
  await settle(v);
  ck.check(!(await v.textContent('main')).includes('Báo cáo tiến độ'), 'a viewer has no progress form');
}

async function viewer(ck, srv, b) {
  const page = await newPage(b);
  await login(page, srv, 'lanhdao');
  await settle(page);
  ck.check(page.url().endsWith('/tong-quan'), 'a viewer lands on the overview', page.url());
  const menu = await page.textContent('nav#menu-chinh');
  ck.check(!/Nhập liệu|Duyệt|Quản trị/.test(menu), 'a viewer\'s menu has no entry, review or administration', menu);
  for (const p of ['/co-quan/so-tttt', '/co-quan', '/duyet', '/quan-tri/ky', '/quan-tri/tai-khoan', '/chi-so/3.3', '/tong-quan']) {
    await page.goto(srv.base + p);
    await settle(page);
    ck.eq(await fields(page), 0, `a viewer sees no form on ${p}`);
  }
}

async function account(ck, srv, b) {
  // a wrong password, then the lockout with the time to wait
  const page = await newPage(b);
  await login(page, srv, 'cb-thongke', 'sai-mat-khau-sai');
  await page.waitForSelector('[role=alert]');
  ck.check((await page.textContent('[role=alert]')).includes('Sai tên đăng nhập hoặc mật khẩu.'), 'a wrong password: the server\'s Vietnamese message');
  for (let i = 0; i < 5; i++) {
    await page.fill('#mat-khau', 'sai-mat-khau-' + i);
    await page.click('form button[type=submit]');
    await page.waitForTimeout(300);
  }
  await page.waitForSelector('text=Tạm khóa đăng nhập');
  const msg = await page.textContent('[role=alert]');
  ck.check(/[Tt]hử lại sau \d+ giây\./.test(msg) && /Còn phải chờ \d+ phút/.test(msg), 'the lockout says how long to wait', msg);
  ck.check(await page.isDisabled('form button[type=submit]'), 'and the button waits');
  await shot(page, 'dang-nhap-khoa-1280');

  // logout
  const p2 = await newPage(b);
  await login(p2, srv, 'lanhdao');
  await settle(p2);
  await p2.click('text=Đăng xuất');
  await p2.waitForSelector('text=Bạn đã đăng xuất');
  ck.check(p2.url().includes('/dang-nhap'), 'logout leads to the login page', p2.url());
  await p2.goto(srv.base + '/tong-quan');
  await settle(p2);
  ck.check(p2.url().includes('/dang-nhap'), 'after logout a page needs a login again', p2.url());
  ck.eq(p2.errors, [], 'logging out: no console error');

  // change of password
  const p3 = await newPage(b);
  await login(p3, srv, 'cb-pvhcc');
  await settle(p3);
  await p3.goto(srv.base + '/doi-mat-khau');
  await settle(p3);
  await p3.fill('#mk-cu', srv.passwords['cb-pvhcc']);
  await p3.fill('#mk-moi', 'mat-khau-moi-cua-toi');
  await p3.fill('#mk-lai', 'mat-khau-moi-cua-tao');
  ck.check((await p3.textContent('#mk-lai-loi')).includes('Hai lần nhập không giống nhau'), 'the two new passwords differ: said at once');
  await p3.fill('#mk-cu', 'khong-phai-mat-khau');
  await p3.fill('#mk-lai', 'mat-khau-moi-cua-toi');
  await p3.click('main form button[type=submit]');
  await p3.waitForSelector('text=mật khẩu hiện tại không đúng');
  await p3.fill('#mk-cu', srv.passwords['cb-pvhcc']);
  await p3.click('main form button[type=submit]');
  await p3.waitForSelector('text=Đã đổi mật khẩu');
  const p4 = await newPage(b);
  await login(p4, srv, 'cb-pvhcc', 'mat-khau-moi-cua-toi');
  await settle(p4);
  ck.check(p4.url().endsWith('/co-quan/ttpvhcc'), 'the new password logs in', p4.url());
}

// Each step closes its browser contexts: their idle keep-alive connections
// count against the server's per-address connection limit (docs/security.md).
const closeAll = async (b) => {
  for (const c of b.contexts()) await c.close();
};

run('web.entry', async (ck, srv, b) => {
  for (const step of [entry, district, tasks, viewer, account]) {
    await step(ck, srv, b);
    await closeAll(b);
  }
});

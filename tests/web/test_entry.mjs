// web.entry: the work of the people who use the interface, in a browser.
// Login (wrong password, lockout with the time to wait), logout, change of
// password; an officer types 1.234.567 and 15,2 (the server stores 1234567
// and 15.2), sees validation messages in Vietnamese, submits a chosen part;
// the coordinator returns one value with a comment; the officer sees the
// comment, corrects and resubmits; the coordinator approves. An officer
// cannot reach another agency's forms (the page hides them, the API
// refuses); a viewer sees no form.
import { run, newPage, login, settle, shot } from './weblib.mjs';

const VI = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

async function fields(page) {
  return page.evaluate(() => document.querySelectorAll(
    'main input[type=text], main input:not([type]), main input[type=file], main input[type=password], main textarea').length);
}

async function entry(ck, srv, b) {
  const admin = await srv.session('admin');
  const r = await admin('POST', '/periods', { code: '2023' });
  ck.eq(r.status, 201, 'setup: period 2023 opened');

  const page = await newPage(b);
  await login(page, srv, 'cb-khdt');
  await settle(page);
  ck.check(page.url().endsWith('/co-quan/so-khdt'), 'an officer lands on its agency\'s workspace', page.url());
  ck.check((await page.textContent('main')).includes('Số liệu phải cung cấp'), 'the work list is shown');
  ck.check((await page.inputValue('#chon-ky')) === '2023', 'the newest open period is chosen');

  // typed the Vietnamese way, stored the machine way
  await page.fill('#gt-7-2-b', '1.234.567');
  await page.click('[id="muc-7.2.b"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-7.2.b"] >> text=Đã lưu nháp');
  await page.fill('#gt-8-6', '15,2');
  await page.click('[id="muc-8.6"] >> text=Lưu nháp');
  await page.waitForSelector('[id="muc-8.6"] >> text=Đã lưu nháp');
  const v = await admin('GET', '/periods/2023/values?unit=ninh-thuan');
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
  await page.waitForSelector('[id="muc-7.2.b"] >> text=danh-sach-doanh-nghiep.txt');
  const ev = await page.textContent('[id="muc-7.2.b"] .evidence');
  ck.check(ev.includes('số 123/SKHĐT') && ev.includes('ngày 15/12/2023'), 'the evidence is listed with its number and date', ev);
  const e = await admin('GET', '/periods/2023/values/ninh-thuan/7.2.b/evidence');
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
  const v2 = await admin('GET', '/periods/2023/values?unit=ninh-thuan');
  ck.check(!(v2.data.values || []).some((x) => x.input === '7.4.b'), 'and stores nothing');
  await page.fill('#gt-7-2-a', '');
  await page.fill('#gt-7-4-b', '');
  await shot(page, 'nhap-lieu-kiem-tra-1280');

  // submit a chosen part
  await page.check('[id="muc-7.2.b"] input[type=checkbox]');
  await page.check('[id="muc-8.6"] input[type=checkbox]');
  await page.click('text=Gửi 2 mục đã chọn');
  await page.waitForSelector('text=Đã gửi 2 giá trị');
  const s = await admin('GET', '/periods/2023/values?unit=ninh-thuan&status=submitted');
  ck.eq((s.data.values || []).map((x) => x.input).sort(), ['7.2.b', '8.6'], 'the two chosen values were submitted');

  // the coordinator returns 8.6 with a comment
  const co = await newPage(b);
  await login(co, srv, 'sotttt');
  await settle(co);
  await co.goto(srv.base + '/duyet?ky=2023');
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
  await co.click('text=Phê duyệt cả 2');
  await co.waitForSelector('text=Đã phê duyệt');
  const a = await admin('GET', '/periods/2023/values?unit=ninh-thuan&status=approved');
  ck.eq((a.data.values || []).map((x) => `${x.input}=${x.value}`).sort(), ['7.2.b=1234567', '8.6=15.3'],
    'both values approved, 8.6 as corrected');
  // the leader's overview of 2023 counts them
  await co.goto(srv.base + '/chi-so/8.6?ky=2023');
  await settle(co);
  ck.check((await co.textContent('main')).includes('15,3'), 'the indicator page shows the approved 15,3');

  // another agency's forms: hidden by the page, refused by the API
  await page.goto(srv.base + '/co-quan/so-tttt');
  await settle(page);
  ck.check((await page.textContent('main')).includes('Bạn chỉ nhập liệu cho cơ quan của mình'), 'another agency\'s workspace is refused');
  ck.eq(await fields(page), 0, 'and shows no field');
  const officer = await srv.session('cb-khdt');
  const put = await officer('PUT', '/periods/2023/values/ninh-thuan/3.3.a', { value: '5', number_format: 'vi' });
  ck.eq(put.status, 403, 'the API refuses the officer another agency\'s value');
  const menu = await page.textContent('nav#menu-chinh');
  ck.check(!menu.includes('Duyệt') && !menu.includes('Quản trị'), 'an officer\'s menu has no review or administration');
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

run('web.entry', async (ck, srv, b) => {
  await entry(ck, srv, b);
  await viewer(ck, srv, b);
  await account(ck, srv, b);
});

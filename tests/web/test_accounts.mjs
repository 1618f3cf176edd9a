// web.accounts (issue 12): the admin resets an officer's password on the
// accounts page (the generated password shown once, with a copy button);
// the officer logs in with it, is made to change it before anything else,
// then sees its workspace; the admin disables the officer, whose open page
// is logged out on its next request; the account's sessions are listed,
// by the admin and by the officer itself, who ends another of its own.
// Axe-clean and without horizontal scrolling at 1280 and 360 px.
import { run, newPage, login, settle, shot, axe } from './weblib.mjs';

const READABLE = /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/;

async function noScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

async function manage(page, who) {
  await page.click(`button[aria-label="Quản lý tài khoản ${who}"]`);
  await page.waitForSelector('#tk-chon-h');
  await settle(page);
}

run('web.accounts', async (ck, srv, b) => {
  // the accounts page on a phone: the list and one account, usable
  const phone = await newPage(b, 360, 740);
  await login(phone, srv, 'admin');
  await phone.goto(srv.base + '/quan-tri/tai-khoan');
  await settle(phone);
  await manage(phone, 'cb-khdt');
  ck.check(await noScroll(phone), 'accounts page at 360 px: no horizontal scrolling');
  ck.eq(await axe(phone), [], 'accounts page at 360 px: axe');
  await shot(phone, 'tai-khoan-360');

  const adm = await newPage(b);
  await login(adm, srv, 'admin');
  await adm.goto(srv.base + '/quan-tri/tai-khoan');
  await settle(adm);
  const list = await adm.textContent('main table');
  ck.check(list.includes('cb-sotttt') && list.includes('Hoạt động'), 'the accounts are listed with their state', list.slice(0, 300));
  await manage(adm, 'cb-sotttt');
  ck.eq(await axe(adm), [], 'an account chosen: axe');

  // reset: a generated password, shown once with a copy button
  await adm.click('text=Đặt lại mật khẩu >> xpath=self::button');
  await adm.waitForSelector('#mk-tam-thoi');
  const temp = (await adm.textContent('#mk-tam-thoi')).trim();
  ck.check(READABLE.test(temp), 'the generated password is shown: 4 groups of 4', temp);
  ck.check(await adm.isVisible('button:has-text("Sao chép")'), 'with a copy button');
  await adm.click('button:has-text("Sao chép")');
  ck.check((await adm.textContent('main table')).includes('Phải đổi mật khẩu'), 'the list says it must be changed');
  ck.eq(await axe(adm), [], 'the generated password shown: axe');
  await shot(adm, 'tai-khoan-dat-lai-1280');
  await adm.click('button[aria-label="Quản lý tài khoản cb-khdt"]');
  await adm.waitForSelector('#mk-tam-thoi', { state: 'detached' });
  ck.check(!(await adm.textContent('main')).includes(temp), 'shown once: gone when another account is chosen');

  // the officer logs in with it and must change it first
  const off = await newPage(b);
  await login(off, srv, 'cb-sotttt', temp);
  await settle(off);
  ck.eq(await off.textContent('main h1'), 'Đổi mật khẩu tạm thời', 'the officer is made to change the password');
  ck.check(!(await off.isVisible('nav#menu-chinh')), 'nothing else is offered meanwhile');
  ck.eq(await axe(off), [], 'the forced change: axe');
  await shot(off, 'doi-mat-khau-tam-thoi-1280');
  await off.fill('#mk-tam', temp);
  await off.fill('#mk-moi', temp);
  ck.check((await off.textContent('#mk-moi-loi')).includes('khác mật khẩu tạm thời'), 'the same password again is refused as typed');
  await off.fill('#mk-moi', 'mat-khau-rieng-cua-toi');
  await off.fill('#mk-lai', 'mat-khau-rieng-cua-toi');
  await off.click('main form button[type=submit]');
  await off.waitForSelector('text=Số liệu phải cung cấp', { timeout: 30000 });
  await settle(off);
  ck.check(off.url().endsWith('/co-quan/so-tttt'), 'then its workspace', off.url());
  ck.eq(off.errors, [], 'the officer: no console error');

  // its own sessions: a second one (another browser) ended from here
  const off2 = await newPage(b);
  await login(off2, srv, 'cb-sotttt', 'mat-khau-rieng-cua-toi');
  await settle(off2);
  await off.goto(srv.base + '/doi-mat-khau');
  await settle(off);
  const own = await off.textContent('#phien-h + * table, main section table');
  ck.check(own.includes('2 phiên đang dùng') && own.includes('Phiên này'), 'its own two sessions are listed', own.slice(0, 300));
  ck.eq(await axe(off), [], 'one\'s own sessions: axe');
  await off.click('button:has-text("Kết thúc các phiên khác")');
  await off.waitForSelector('text=Đã kết thúc phiên');
  await off2.click('nav#menu-chinh a[href="/chi-tieu"]');
  await off2.waitForURL((u) => u.pathname.startsWith('/dang-nhap'), { timeout: 30000 });
  ck.check(off2.url().includes('/dang-nhap'), 'the other browser is logged out on its next request', off2.url());
  await off.click('nav#menu-chinh a[href="/co-quan/so-tttt"]');
  await off.waitForSelector('text=Số liệu phải cung cấp', { timeout: 30000 });

  // the admin sees its session and disables it
  await manage(adm, 'cb-sotttt');
  const sess = await adm.textContent('main section.card table');
  ck.check(sess.includes('127.0.0.1') && sess.includes('Kết thúc'), 'the officer\'s session is listed', sess.slice(0, 400));
  await adm.click('button:has-text("Khóa cb-sotttt")');
  await adm.waitForSelector('button:has-text("Mở khóa cb-sotttt")');
  ck.check((await adm.textContent('main table')).includes('Đã khóa'), 'the list says it is disabled');
  ck.eq(adm.errors, [], 'the admin: no console error');

  // the officer's open page: its next request logs it out
  await off.click('nav#menu-chinh a[href="/nhiem-vu"]');
  await off.waitForURL((u) => u.pathname.startsWith('/dang-nhap'), { timeout: 30000 });
  ck.check(off.url().includes('/dang-nhap'), 'the disabled officer\'s page went to the login', off.url());
  await login(off, srv, 'cb-sotttt', 'mat-khau-rieng-cua-toi');
  const said = await off.textContent('main');
  ck.check(/sai tên đăng nhập hoặc mật khẩu/i.test(said), 'a disabled account is told as a wrong password', said);
});

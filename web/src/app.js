// app.js: the web interface of dti. The session, the frame of every page
// (skip link, header, navigation by role, main, footer) and the pages by
// URL. Pages: page_*.js; the API: api.js.
import { html, render, useState, useEffect, useRef } from './lib.js';
import { get, api, setCsrf, onUnauthorized, clearCache } from './api.js';
import { useLocation, navigate, match } from './router.js';
import { ROLE } from './words.js';
import { LoginPage, PasswordPage, ForcedPasswordPage } from './page_login.js';
import { OverviewPage } from './page_overview.js';
import { IndicatorsPage, IndicatorPage } from './page_indicators.js';
import { AgencyPage } from './page_agency.js';
import { ReviewPage } from './page_review.js';
import { TasksPage, TargetsPage } from './page_plan.js';
import { AdminPage } from './page_admin.js';
import { AnalysisPage } from './page_analysis.js';
import { ReportPage } from './page_report.js';

const SESSION_HINT = 'dti.session';

// Which pages a role sees in the menu; the API decides what it may do.
function menu(user) {
  const r = user.role;
  const items = [{ href: '/tong-quan', text: 'Tổng quan' }, { href: '/chi-so', text: 'Chỉ số' }];
  if (r === 'officer' && user.agency) items.push({ href: '/co-quan/' + user.agency, text: 'Nhập liệu' });
  if (r === 'coordinator' || r === 'admin') {
    items.push({ href: '/co-quan', text: 'Nhập liệu' });
    items.push({ href: '/duyet', text: 'Duyệt' });
  }
  items.push({ href: '/nhiem-vu', text: 'Nhiệm vụ' }, { href: '/chi-tieu', text: 'Chỉ tiêu' });
  items.push({ href: '/phan-tich', text: 'Phân tích' }, { href: '/bao-cao', text: 'Báo cáo' });
  if (r === 'coordinator' || r === 'admin') items.push({ href: '/quan-tri', text: 'Quản trị' });
  return items;
}

export function home(user) {
  return user.role === 'officer' && user.agency ? '/co-quan/' + user.agency : '/tong-quan';
}

const routes = [
  ['/tong-quan', OverviewPage],
  ['/chi-so', IndicatorsPage],
  ['/chi-so/:code', IndicatorPage],
  ['/co-quan', AgencyPage],
  ['/co-quan/:agency', AgencyPage],
  ['/duyet', ReviewPage],
  ['/nhiem-vu', TasksPage],
  ['/chi-tieu', TargetsPage],
  ['/quan-tri', AdminPage],
  ['/quan-tri/:section', AdminPage],
  ['/doi-mat-khau', PasswordPage],
  ['/phan-tich', AnalysisPage],
  ['/phan-tich/:section', AnalysisPage],
  ['/bao-cao', ReportPage],
];

function NotFound() {
  return html`<div class="page"><h1 tabindex="-1">Không có trang này</h1>
    <p><a href="/">Về trang chủ</a></p></div>`;
}

function Header({ user, path, onLogout }) {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const items = menu(user);
  return html`<header class="site-header">
    <div class="brand">
      <a href="/" class="brand-link">
        <span class="brand-mark" aria-hidden="true">DTI</span>
        <span class="brand-text">Chỉ số chuyển đổi số<br /><small>Tỉnh Ninh Thuận</small></span>
      </a>
      <button type="button" class="menu-toggle" aria-expanded=${open ? 'true' : 'false'}
        aria-controls="menu-chinh" onClick=${() => setOpen(!open)}>Danh mục</button>
    </div>
    <nav id="menu-chinh" aria-label="Danh mục chính" class=${open ? 'open' : ''}>
      <ul>
        ${items.map((it) => {
          const cur = path === it.href || path.startsWith(it.href + '/');
          return html`<li><a href=${it.href} aria-current=${cur ? 'page' : null}>${it.text}</a></li>`;
        })}
      </ul>
      <div class="account">
        <span class="who"><strong>${user.login}</strong> · ${ROLE[user.role] || user.role}</span>
        <a href="/doi-mat-khau">Đổi mật khẩu</a>
        <button type="button" class="link-button" onClick=${onLogout}>Đăng xuất</button>
      </div>
    </nav>
  </header>`;
}

function App() {
  const loc = useLocation();
  const [session, setSession] = useState(undefined); // undefined: asking
  useEffect(() => {
    onUnauthorized.fn = () => {
      localStorage.removeItem(SESSION_HINT);
      setSession(null);
      setCsrf(null);
    };
    // the session cookie is HttpOnly: a hint that one exists spares the
    // login page a 401 (and the browser's console its error line)
    if (!localStorage.getItem(SESSION_HINT)) {
      setSession(null);
      return;
    }
    get('/session', { noRedirect: true }).then(
      (s) => {
        setCsrf(s.csrf);
        setSession(s);
      },
      () => {
        localStorage.removeItem(SESSION_HINT);
        setSession(null);
      },
    );
  }, []);
  // focus the page's title when the app moves to another page (screen
  // readers, keyboard); a page loaded afresh starts at the skip link
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h = document.querySelector('main h1');
    if (h && document.activeElement === document.body) h.focus({ preventScroll: true });
  }, [loc.path]);

  if (session === undefined) return html`<p class="boot" role="status">Đang tải…</p>`;
  if (!session) {
    if (loc.path !== '/dang-nhap') {
      const next = loc.path === '/' ? '' : '?tiep=' + encodeURIComponent(loc.path + location.search);
      navigate('/dang-nhap' + next, { replace: true });
      return null;
    }
    return html`<main id="noi-dung" class="login-main">
      <${LoginPage} onLogin=${(s) => {
        localStorage.setItem(SESSION_HINT, '1');
        setCsrf(s.csrf);
        setSession(s);
        const next = new URLSearchParams(location.search).get('tiep');
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : home(s.user), { replace: true });
      }} />
    </main>`;
  }
  const logout = async () => {
    try {
      await api('DELETE', '/session', undefined, { noRedirect: true });
    } catch (e) {
      /* the session is over either way */
    }
    setCsrf(null);
    clearCache();
    localStorage.removeItem(SESSION_HINT);
    setSession(null);
    navigate('/dang-nhap?ra=1', { replace: true });
  };
  // a password an admin set (issue 12): its change comes first
  if (session.must_change_password)
    return html`<main id="noi-dung" class="login-main">
      <${ForcedPasswordPage} user=${session.user} onLogout=${logout}
        onDone=${() => setSession({ ...session, must_change_password: false })} />
    </main>`;
  if (loc.path === '/' || loc.path === '/dang-nhap') {
    navigate(home(session.user), { replace: true });
    return null;
  }
  let page = null;
  for (const [pattern, Comp] of routes) {
    const params = match(pattern, loc.path);
    if (params) {
      page = html`<${Comp} key=${pattern} params=${params} query=${loc.query} user=${session.user} path=${loc.path} />`;
      break;
    }
  }
  return html`
    <a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
    <${Header} user=${session.user} path=${loc.path} onLogout=${logout} />
    <main id="noi-dung" tabindex="-1">${page || html`<${NotFound} />`}</main>
    <footer class="site-footer">
      <p>Kế hoạch 4233/KH-UBND tỉnh Ninh Thuận · Bộ chỉ số DTI cấp tỉnh năm 2022 · dti</p>
    </footer>`;
}

render(html`<${App} />`, document.getElementById('app'));

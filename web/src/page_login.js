// page_login.js: log in (with the lockout's waiting time), change the
// password, and the change forced after an admin's reset.
import { html, useState, useEffect, useRef } from './lib.js';
import { api, get, post, enc } from './api.js';
import { time } from './fmt.js';
import { ErrorBox, Notice, Page, sentence, useData } from './ui.js';

function waitText(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} giây`;
  return s === 0 ? `${m} phút` : `${m} phút ${s} giây`;
}

export function LoginPage({ onLogin }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [until, setUntil] = useState(0); // locked until (ms)
  const [now, setNow] = useState(Date.now());
  const errRef = useRef(null);
  const loggedOut = new URLSearchParams(location.search).get('ra') === '1';

  useEffect(() => {
    document.title = 'Đăng nhập — DTI Ninh Thuận';
  }, []);
  useEffect(() => {
    if (until <= Date.now()) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  useEffect(() => {
    if (error && errRef.current) errRef.current.focus();
  }, [error]);

  const left = Math.max(0, Math.ceil((until - now) / 1000));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api('POST', '/session', { login: login.trim(), password }, { noRedirect: true });
      onLogin(s);
    } catch (err) {
      if (err.status === 429) {
        const wait = err.retryAfter || 60;
        setUntil(Date.now() + wait * 1000);
        setNow(Date.now());
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<div class="login-box">
    <p class="login-brand"><span class="brand-mark" aria-hidden="true">DTI</span> Tỉnh Ninh Thuận</p>
    <h1>Đăng nhập</h1>
    <p class="muted">Hệ thống theo dõi Chỉ số chuyển đổi số (DTI) theo Kế hoạch 4233/KH-UBND.</p>
    ${loggedOut && !error && html`<${Notice} kind="ok">Bạn đã đăng xuất.<//>`}
    <div tabindex="-1" ref=${errRef}>
      ${error && error.status === 429 ?
        html`<div class="alert alert-error" role="alert" id="loi-dang-nhap">
          <strong>Tạm khóa đăng nhập.</strong> ${sentence(error.message)}
          ${left > 0 ? html` Còn phải chờ <strong>${waitText(left)}</strong>.` : ' Bạn có thể thử lại.'}
        </div>` :
        html`<${ErrorBox} error=${error} />`}
    </div>
    <form onSubmit=${submit} novalidate>
      <div class="field">
        <label for="ten-dang-nhap">Tên đăng nhập</label>
        <input id="ten-dang-nhap" name="username" autocomplete="username" required
          value=${login} onInput=${(e) => setLogin(e.target.value)} />
      </div>
      <div class="field">
        <label for="mat-khau">Mật khẩu</label>
        <input id="mat-khau" name="password" type="password" autocomplete="current-password" required
          value=${password} onInput=${(e) => setPassword(e.target.value)} />
      </div>
      <button type="submit" class="primary" disabled=${busy || left > 0}>
        ${busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  </div>`;
}

export function PasswordPage({ user }) {
  const [cur, setCur] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const mismatch = again !== '' && next !== again;
  const short = next !== '' && [...next].length < 12;
  const submit = async (e) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    if (mismatch || short || !cur) {
      setError({ message: 'Hãy sửa các ô được đánh dấu.' });
      return;
    }
    setBusy(true);
    try {
      await post('/session/password', { current: cur, password: next });
      setDone(true);
      setCur('');
      setNext('');
      setAgain('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<${Page} title="Đổi mật khẩu">
    <p>Tài khoản <strong>${user.login}</strong>. Mật khẩu mới có ít nhất 12 ký tự.</p>
    ${done && html`<${Notice} kind="ok">Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.<//>`}
    <${ErrorBox} error=${error} />
    <form class="narrow" onSubmit=${submit} novalidate>
      <div class="field">
        <label for="mk-cu">Mật khẩu hiện tại</label>
        <input id="mk-cu" type="password" autocomplete="current-password" required
          value=${cur} onInput=${(e) => setCur(e.target.value)} />
      </div>
      <div class="field">
        <label for="mk-moi">Mật khẩu mới</label>
        <input id="mk-moi" type="password" autocomplete="new-password" required minlength="12"
          aria-invalid=${short ? 'true' : 'false'} aria-describedby="mk-moi-loi"
          value=${next} onInput=${(e) => setNext(e.target.value)} />
        <p id="mk-moi-loi" class="field-error">${short ? 'Mật khẩu mới cần ít nhất 12 ký tự.' : ''}</p>
      </div>
      <div class="field">
        <label for="mk-lai">Nhập lại mật khẩu mới</label>
        <input id="mk-lai" type="password" autocomplete="new-password" required
          aria-invalid=${mismatch ? 'true' : 'false'} aria-describedby="mk-lai-loi"
          value=${again} onInput=${(e) => setAgain(e.target.value)} />
        <p id="mk-lai-loi" class="field-error">${mismatch ? 'Hai lần nhập không giống nhau.' : ''}</p>
      </div>
      <button type="submit" class="primary" disabled=${busy}>Đổi mật khẩu</button>
    </form>
    <${OwnSessions} user=${user} changed=${done} />
  <//>`;
}

const unixTime = (t) => (t ? time(new Date(t * 1000).toISOString()) : '—');

// One's own sessions (issue 12): where the account is logged in; another
// one can be ended from here (this one: "Đăng xuất").
function OwnSessions({ user, changed }) {
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const path = `/users/${enc(user.login)}/sessions`;
  const { data, error } = useData(() => get(path), [path, msg, changed]);
  const live = data ? data.sessions.filter((x) => x.live) : [];
  const end = async (ids) => {
    setMsg(null);
    setErr(null);
    try {
      for (const id of ids) await api('DELETE', `${path}/${enc(id)}`);
      setMsg(ids.length === 1 ? `Đã kết thúc phiên ${ids[0]}.` : `Đã kết thúc ${ids.length} phiên.`);
    } catch (x) {
      setErr(x);
    }
  };
  const others = live.filter((x) => !x.current).map((x) => x.id);
  return html`<section aria-labelledby="phien-h">
    <h2 id="phien-h">Phiên đăng nhập của bạn</h2>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    <${ErrorBox} error=${err || error} />
    ${data && html`<div class="table-wrap" tabindex="0"><table>
      <caption class="muted">${live.length} phiên đang dùng</caption>
      <thead><tr><th scope="col">Bắt đầu</th><th scope="col">Dùng lần cuối</th><th scope="col">Nơi đăng nhập</th>
        <th scope="col">Trạng thái</th></tr></thead>
      <tbody>${live.map((x) => html`<tr>
        <th scope="row">${unixTime(x.created_at)}</th><td>${unixTime(x.last_seen)}</td>
        <td>${x.address || '—'}${x.user_agent && html`<div class="small muted break">${x.user_agent}</div>`}</td>
        <td>${x.current ? 'Phiên này' : html`<button type="button" aria-label=${'Kết thúc phiên bắt đầu lúc ' + unixTime(x.created_at)}
          onClick=${() => end([x.id])}>Kết thúc</button>`}</td></tr>`)}</tbody>
    </table></div>
    ${others.length > 0 && html`<p><button type="button" onClick=${() => end(others)}>Kết thúc các phiên khác</button></p>`}`}
  </section>`;
}

// After logging in with a password an admin set: nothing else works until
// it is changed (the API answers 403 password_change_required), so this
// form stands in for the whole interface; onDone() goes on into the app.
export function ForcedPasswordPage({ user, onDone, onLogout }) {
  const [cur, setCur] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const errRef = useRef(null);
  const mismatch = again !== '' && next !== again;
  const short = next !== '' && [...next].length < 12;
  const same = next !== '' && next === cur;
  useEffect(() => {
    document.title = 'Đổi mật khẩu tạm thời — DTI Ninh Thuận';
  }, []);
  useEffect(() => {
    if (error && errRef.current) errRef.current.focus();
  }, [error]);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    if (mismatch || short || same || !cur || !next) {
      setError({ message: 'Hãy sửa các ô được đánh dấu.' });
      return;
    }
    setBusy(true);
    try {
      await post('/session/password', { current: cur, password: next });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<div class="login-box">
    <p class="login-brand"><span class="brand-mark" aria-hidden="true">DTI</span> Tỉnh Ninh Thuận</p>
    <h1>Đổi mật khẩu tạm thời</h1>
    <p>Tài khoản <strong>${user.login}</strong> đang dùng mật khẩu do quản trị viên đặt.
      Hãy đặt mật khẩu của riêng bạn (ít nhất 12 ký tự) trước khi làm việc.</p>
    <div tabindex="-1" ref=${errRef}><${ErrorBox} error=${error} /></div>
    <form onSubmit=${submit} novalidate>
      <div class="field">
        <label for="mk-tam">Mật khẩu tạm thời</label>
        <input id="mk-tam" type="password" autocomplete="current-password" required
          value=${cur} onInput=${(e) => setCur(e.target.value)} />
      </div>
      <div class="field">
        <label for="mk-moi">Mật khẩu mới</label>
        <input id="mk-moi" type="password" autocomplete="new-password" required minlength="12"
          aria-invalid=${short || same ? 'true' : 'false'} aria-describedby="mk-moi-loi"
          value=${next} onInput=${(e) => setNext(e.target.value)} />
        <p id="mk-moi-loi" class="field-error">${short ? 'Mật khẩu mới cần ít nhất 12 ký tự.' :
          same ? 'Mật khẩu mới phải khác mật khẩu tạm thời.' : ''}</p>
      </div>
      <div class="field">
        <label for="mk-lai">Nhập lại mật khẩu mới</label>
        <input id="mk-lai" type="password" autocomplete="new-password" required
          aria-invalid=${mismatch ? 'true' : 'false'} aria-describedby="mk-lai-loi"
          value=${again} onInput=${(e) => setAgain(e.target.value)} />
        <p id="mk-lai-loi" class="field-error">${mismatch ? 'Hai lần nhập không giống nhau.' : ''}</p>
      </div>
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Đang đổi…' : 'Đổi mật khẩu và tiếp tục'}</button>${' '}
      <button type="button" class="link-button" onClick=${onLogout}>Đăng xuất</button>
    </form>
  </div>`;
}

// page_admin.js: administration: periods and deadlines, accounts,
// agencies and units, methodology versions, the audit log with filters.
import { html, useState, useEffect, useRef } from './lib.js';
import { api, get, post, enc } from './api.js';
import { date, time } from './fmt.js';
import { setQuery } from './router.js';
import { useData, Loading, ErrorBox, Notice, Page, reference, agencyName, AgencySelect } from './ui.js';
import { ROLE, PERIOD_STATUS, AGENCY_KIND, AUDIT_ACTION } from './words.js';

const SECTIONS = [
  ['ky', 'Kỳ đánh giá'],
  ['tai-khoan', 'Tài khoản'],
  ['co-quan', 'Cơ quan, đơn vị'],
  ['phuong-phap', 'Phương pháp'],
  ['nhat-ky', 'Nhật ký'],
];

function Periods() {
  const { data, error, reload } = useData(() => get('/periods'), []);
  const [code, setCode] = useState('');
  const [due, setDue] = useState('');
  const [due2, setDue2] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const act = async (what, fn) => {
    setMsg(null);
    setErr(null);
    try {
      await fn();
      setMsg(what);
      reload();
    } catch (x) {
      setErr(x);
    }
  };
  const open = (e) => {
    e.preventDefault();
    const body = { code: code.trim() };
    if (due.trim()) body.agency_due = due.trim();
    if (due2.trim()) body.sotttt_due = due2.trim();
    act(`Đã mở kỳ ${code}.`, () => post('/periods', body));
  };
  return html`<section aria-labelledby="ky-h">
    <h2 id="ky-h">Kỳ đánh giá và thời hạn</h2>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    <${ErrorBox} error=${err || error} />
    ${data && html`<div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Kỳ</th><th scope="col">Hạn cơ quan</th><th scope="col">Hạn Sở TTTT</th>
        <th scope="col">Trạng thái</th><th scope="col">Ghi chú</th><th scope="col">Thao tác</th></tr></thead>
      <tbody>${data.periods.map((p) => html`<tr>
        <th scope="row">${p.code}</th><td>${date(p.agency_due)}</td><td>${date(p.sotttt_due)}</td>
        <td>${PERIOD_STATUS[p.status] || p.status}</td><td class="small">${p.label}</td>
        <td>${p.status === 'open' ?
          html`<button type="button" onClick=${() => act(`Đã đóng kỳ ${p.code}.`, () => post(`/periods/${enc(p.code)}/close`, {}))}>Đóng kỳ</button>` :
          html`<button type="button" disabled=${!reason.trim()} onClick=${() => act(`Đã mở lại kỳ ${p.code}.`,
            () => post(`/periods/${enc(p.code)}/reopen`, { reason }))}>Mở lại kỳ</button>`}</td></tr>`)}</tbody>
    </table></div>
    <div class="field narrow"><label for="ly-do-mo-lai">Lý do mở lại kỳ đã đóng</label>
      <input id="ly-do-mo-lai" value=${reason} onInput=${(e) => setReason(e.target.value)} /></div>`}
    <form class="card narrow" onSubmit=${open}>
      <h3>Mở kỳ mới</h3>
      <div class="field"><label for="ky-ma">Mã kỳ (năm 2023 hoặc quý 2023-Q1)</label>
        <input id="ky-ma" value=${code} required onInput=${(e) => setCode(e.target.value)} /></div>
      <div class="field"><label for="ky-han">Hạn của các cơ quan (dd/mm/yyyy; để trống: theo Kế hoạch)</label>
        <input id="ky-han" value=${due} placeholder="20/12/2023" onInput=${(e) => setDue(e.target.value)} /></div>
      <div class="field"><label for="ky-han2">Hạn của Sở TTTT (dd/mm/yyyy)</label>
        <input id="ky-han2" value=${due2} placeholder="25/12/2023" onInput=${(e) => setDue2(e.target.value)} /></div>
      <button type="submit" class="primary" disabled=${!code.trim()}>Mở kỳ</button>
    </form>
  </section>`;
}

// The actions of issue 12 on the audit log's words.
const ACTION = {
  ...AUDIT_ACTION,
  'account.reset': 'Đặt lại mật khẩu',
  'account.disable': 'Khóa tài khoản',
  'account.enable': 'Mở khóa tài khoản',
  'account.role': 'Đổi vai trò, cơ quan',
  'session.end': 'Kết thúc phiên',
  'session.end_all': 'Kết thúc mọi phiên',
};

function accountState(u) {
  if (u.disabled) return 'Đã khóa';
  return u.must_change_password ? 'Phải đổi mật khẩu' : 'Hoạt động';
}

// unixTime(t): Unix seconds as the interface shows times.
const unixTime = (t) => (t ? time(new Date(t * 1000).toISOString()) : '—');

// The generated password, shown once, with a button that copies it.
function Shown({ login, password }) {
  const [copied, setCopied] = useState(false);
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current) ref.current.focus();
  }, [password]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch (e) {
      // no clipboard (plain http): select it for the user to copy
      const r = document.createRange();
      r.selectNodeContents(ref.current);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }
  };
  return html`<div class="alert alert-ok" role="status">
    <p>Mật khẩu tạm thời của <strong>${login}</strong> (chỉ hiện một lần; người dùng phải đổi khi đăng nhập):</p>
    <p><code class="mono" id="mk-tam-thoi" tabindex="-1" ref=${ref}>${password}</code>${' '}
      <button type="button" onClick=${copy} aria-describedby="mk-tam-thoi">Sao chép</button>
      ${copied && html` <span>Đã sao chép.</span>`}</p>
  </div>`;
}

// One account, chosen in the list: reset, disable, role and sessions.
function Account({ refdata: refData, account, onChanged }) {
  const u = account;
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const [shown, setShown] = useState(null);
  const [temp, setTemp] = useState('');
  const [role, setRole] = useState(u.role);
  const [agency, setAgency] = useState(u.agency || '');
  const sessions = useData(() => get(`/users/${enc(u.login)}/sessions`), [u.login, msg]);
  const act = async (what, fn) => {
    setMsg(null);
    setErr(null);
    setShown(null);
    try {
      const r = await fn();
      setMsg(what);
      onChanged();
      return r;
    } catch (x) {
      setErr(x);
      return null;
    }
  };
  const reset = async (e) => {
    e.preventDefault();
    const given = temp;
    const r = await act(`Đã đặt lại mật khẩu của ${u.login}; các phiên của tài khoản đã kết thúc.`,
      () => post(`/users/${enc(u.login)}/reset`, given ? { password: given } : { generate: true }));
    if (r && r.password) setShown(r.password);
    setTemp('');
  };
  const saveRole = (e) => {
    e.preventDefault();
    const body = { role, agency: role === 'officer' || role === 'coordinator' ? agency || null : null };
    act(`Đã đổi vai trò của ${u.login}; các phiên của tài khoản đã kết thúc.`,
      () => api('PATCH', `/users/${enc(u.login)}`, body));
  };
  const live = sessions.data ? sessions.data.sessions.filter((x) => x.live) : [];
  return html`<section class="card" aria-labelledby="tk-chon-h">
    <h3 id="tk-chon-h" tabindex="-1">Tài khoản ${u.login}</h3>
    <p>${ROLE[u.role] || u.role}${u.agency ? ' · ' + agencyName(refData, u.agency) : ''} · ${accountState(u)}</p>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    ${shown && html`<${Shown} login=${u.login} password=${shown} />`}
    <${ErrorBox} error=${err} />
    <form class="narrow" onSubmit=${reset}>
      <h4>Đặt lại mật khẩu</h4>
      <div class="field"><label for="tk-mk-tam">Mật khẩu tạm thời (để trống: tạo tự động)</label>
        <input id="tk-mk-tam" type="password" autocomplete="new-password" value=${temp}
          onInput=${(e) => setTemp(e.target.value)} /></div>
      <button type="submit">Đặt lại mật khẩu</button>
    </form>
    <h4>Khóa tài khoản</h4>
    <p>${u.disabled ?
      html`<button type="button" onClick=${() => act(`Đã mở khóa ${u.login}.`, () => post(`/users/${enc(u.login)}/enable`))}>Mở khóa ${u.login}</button>` :
      html`<button type="button" onClick=${() => act(`Đã khóa ${u.login}; các phiên của tài khoản đã kết thúc.`,
        () => post(`/users/${enc(u.login)}/disable`))}>Khóa ${u.login}</button>`}</p>
    <form class="narrow" onSubmit=${saveRole}>
      <h4>Vai trò và cơ quan</h4>
      <div class="field"><label for="tk-doi-vai-tro">Vai trò</label>
        <select id="tk-doi-vai-tro" value=${role} onChange=${(e) => setRole(e.target.value)}>
          ${Object.entries(ROLE).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></div>
      ${(role === 'officer' || role === 'coordinator') && html`<${AgencySelect} id="tk-doi-co-quan"
        agencies=${refData.agencies} value=${agency} all="— không —" onChange=${(v) => setAgency(v || '')} />`}
      <button type="submit">Lưu vai trò</button>
    </form>
    <h4>Phiên đăng nhập</h4>
    <${ErrorBox} error=${sessions.error} />
    ${sessions.data && html`<div class="table-wrap" tabindex="0"><table>
      <caption class="muted">${live.length} phiên đang dùng, ${sessions.data.sessions.length} phiên gần đây</caption>
      <thead><tr><th scope="col">Mã phiên</th><th scope="col">Bắt đầu</th><th scope="col">Dùng lần cuối</th>
        <th scope="col">Hết hạn</th><th scope="col">Địa chỉ</th><th scope="col">Trạng thái</th></tr></thead>
      <tbody>${sessions.data.sessions.map((x) => html`<tr>
        <th scope="row" class="mono small">${x.id}</th><td>${unixTime(x.created_at)}</td><td>${unixTime(x.last_seen)}</td>
        <td>${unixTime(x.expires_at)}</td><td>${x.address || '—'}${x.user_agent &&
          html`<div class="small muted break">${x.user_agent}</div>`}</td>
        <td>${x.live ? html`<button type="button" aria-label=${'Kết thúc phiên ' + x.id}
          onClick=${() => act(`Đã kết thúc phiên ${x.id}.`, () => api('DELETE', `/users/${enc(u.login)}/sessions/${enc(x.id)}`))}>Kết thúc</button>` :
          x.ended ? 'Đã kết thúc ' + unixTime(x.ended_at) : 'Hết hạn'}</td></tr>`)}</tbody>
    </table></div>
    ${live.length > 0 && html`<p><button type="button" onClick=${() => act(`Đã kết thúc mọi phiên của ${u.login}.`,
      () => api('DELETE', `/users/${enc(u.login)}/sessions`))}>Kết thúc mọi phiên</button></p>`}`}
  </section>`;
}

function Users({ user }) {
  const { data, error, reload } = useData(async () => ({ ref: await reference(), users: (await get('/users')).users }), []);
  const [login, setLogin] = useState('');
  const [role, setRole] = useState('officer');
  const [agency, setAgency] = useState('');
  const [pw, setPw] = useState('');
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const [chosen, setChosen] = useState(null);
  const admin = user.role === 'admin';
  const add = async (e) => {
    e.preventDefault();
    setMsg(null);
    setErr(null);
    try {
      const body = { login: login.trim(), role, password: pw };
      if (agency) body.agency = agency;
      await post('/users', body);
      setMsg(`Đã tạo tài khoản ${login}. Hãy trao mật khẩu cho người dùng một cách an toàn.`);
      setLogin('');
      setPw('');
      reload();
    } catch (x) {
      setErr(x);
    }
  };
  const account = data && chosen && data.users.find((u) => u.login === chosen);
  useEffect(() => {
    const h = document.getElementById('tk-chon-h');
    if (h && chosen) h.focus();
  }, [chosen]);
  return html`<section aria-labelledby="tk-h">
    <h2 id="tk-h">Tài khoản</h2>
    ${!data ? html`<${ErrorBox} error=${error} />` : html`<div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Tên đăng nhập</th><th scope="col">Vai trò</th><th scope="col">Cơ quan</th><th scope="col">Trạng thái</th>
        ${admin && html`<th scope="col">Thao tác</th>`}</tr></thead>
      <tbody>${data.users.map((u) => html`<tr><th scope="row">${u.login}</th><td>${ROLE[u.role] || u.role}</td>
        <td>${u.agency ? agencyName(data.ref, u.agency) : '—'}</td><td>${accountState(u)}</td>
        ${admin && html`<td><button type="button" aria-label=${'Quản lý tài khoản ' + u.login}
          aria-pressed=${chosen === u.login ? 'true' : 'false'} onClick=${() => setChosen(u.login)}>Quản lý</button></td>`}</tr>`)}</tbody>
    </table></div>
    ${account && html`<${Account} key=${account.login} refdata=${data.ref} account=${account} onChanged=${reload} />`}
    <form class="card narrow" onSubmit=${add}>
      <h3>Tạo tài khoản</h3>
      ${msg && html`<${Notice} kind="ok">${msg}<//>`}
      <${ErrorBox} error=${err} />
      <div class="field"><label for="tk-ten">Tên đăng nhập (a-z, 0-9, . _ -)</label>
        <input id="tk-ten" value=${login} autocomplete="off" onInput=${(e) => setLogin(e.target.value)} /></div>
      <div class="field"><label for="tk-vai-tro">Vai trò</label>
        <select id="tk-vai-tro" value=${role} onChange=${(e) => setRole(e.target.value)}>
          ${Object.entries(ROLE).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></div>
      <${AgencySelect} id="tk-co-quan" agencies=${data.ref.agencies} value=${agency} all="— không —"
        onChange=${(v) => setAgency(v || '')} />
      <div class="field"><label for="tk-mk">Mật khẩu ban đầu (ít nhất 12 ký tự)</label>
        <input id="tk-mk" type="password" autocomplete="new-password" value=${pw} onInput=${(e) => setPw(e.target.value)} /></div>
      <button type="submit" class="primary" disabled=${!login.trim()}>Tạo tài khoản</button>
    </form>`}
  </section>`;
}

function Agencies() {
  const { data, error } = useData(reference, []);
  if (!data) return html`<${ErrorBox} error=${error} />`;
  return html`<section aria-labelledby="cq-h">
    <h2 id="cq-h">Cơ quan (${data.agencies.length})</h2>
    <div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Mã</th><th scope="col">Tên</th><th scope="col">Viết tắt</th><th scope="col">Loại</th></tr></thead>
      <tbody>${data.agencies.map((a) => html`<tr><td>${a.code}</td><th scope="row">${a.name}</th><td>${a.short}</td>
        <td>${AGENCY_KIND[a.kind] || a.kind}</td></tr>`)}</tbody>
    </table></div>
    <h2>Đơn vị đánh giá (${data.units.length})</h2>
    <div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Mã</th><th scope="col">Tên</th><th scope="col">Cấp</th><th scope="col">Thuộc</th></tr></thead>
      <tbody>${data.units.map((u) => html`<tr><td>${u.code}</td><th scope="row">${u.name}</th>
        <td>${u.level === 'province' ? 'Tỉnh' : u.level === 'district' ? 'Huyện' : u.level}</td><td>${u.parent || '—'}</td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

function Methods() {
  const { data, error } = useData(() => get('/methodologies'), []);
  // the list is for admins (403 for a coordinator): say so under the heading
  if (!data) return html`<section aria-labelledby="pp-h"><h2 id="pp-h">Các phiên bản phương pháp</h2><${ErrorBox} error=${error} /></section>`;
  return html`<section aria-labelledby="pp-h">
    <h2 id="pp-h">Các phiên bản phương pháp</h2>
    <div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Mã</th><th scope="col">Tên</th><th scope="col">Phiên bản</th><th scope="col">Nạp lúc</th><th scope="col">SHA-256</th></tr></thead>
      <tbody>${data.methodologies.map((m) => html`<tr><td>${m.id}</td><th scope="row">${m.name}<div class="small muted">${m.code}</div></th>
        <td>${m.version}</td><td>${time(m.loaded_at)}</td><td class="small mono">${m.sha256.slice(0, 16)}…</td></tr>`)}</tbody>
    </table></div>
    <p class="small muted">Phương pháp mới được nạp bằng lệnh <code>dti methodology load</code> (hoặc POST /api/v1/methodologies); kỳ đang mở giữ phương pháp của mình cho đến khi quản trị viên đổi (<code>dti period set-methodology</code>).</p>
  </section>`;
}

function Audit({ query }) {
  const f = { period: query.get('ky'), agency: query.get('co-quan'), unit: query.get('don-vi'), input: query.get('du-lieu') };
  const qs = Object.entries(f).filter(([, v]) => v).map(([k, v]) => `${k}=${enc(v)}`).join('&');
  const { data, error, loading } = useData(async () => ({ ref: await reference(), audit: (await get('/audit' + (qs ? '?' + qs : ''))).audit }), [qs]);
  const [input, setInput] = useState(f.input || '');
  return html`<section aria-labelledby="nk-h">
    <h2 id="nk-h">Nhật ký thay đổi</h2>
    ${data && html`<form class="toolbar filters" role="search" aria-label="Lọc nhật ký"
      onSubmit=${(e) => { e.preventDefault(); setQuery({ 'du-lieu': input.trim() }); }}>
      <div class="field field-inline"><label for="nk-ky">Kỳ</label>
        <select id="nk-ky" value=${f.period || ''} onChange=${(e) => setQuery({ ky: e.target.value })}>
          <option value="">Tất cả</option>${data.ref.periods.map((p) => html`<option value=${p.code}>${p.code}</option>`)}</select></div>
      <${AgencySelect} id="nk-co-quan" agencies=${data.ref.agencies} value=${f.agency} onChange=${(v) => setQuery({ 'co-quan': v })} />
      <div class="field field-inline"><label for="nk-don-vi">Đơn vị</label>
        <select id="nk-don-vi" value=${f.unit || ''} onChange=${(e) => setQuery({ 'don-vi': e.target.value })}>
          <option value="">Tất cả</option>${data.ref.units.map((u) => html`<option value=${u.code}>${u.name}</option>`)}</select></div>
      <div class="field field-inline"><label for="nk-du-lieu">Mã dữ liệu</label>
        <input id="nk-du-lieu" size="8" value=${input} onInput=${(e) => setInput(e.target.value)} /></div>
      <button type="submit">Lọc</button>
    </form>`}
    ${loading && html`<${Loading} />`}
    <${ErrorBox} error=${error} />
    ${data && html`<p role="status" class="muted">${data.audit.length} dòng (mới nhất trước).</p>
    <div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Thời điểm</th><th scope="col">Người</th><th scope="col">Việc</th>
        <th scope="col">Đối tượng</th><th scope="col">Cũ → mới</th><th scope="col">Lý do</th></tr></thead>
      <tbody>${[...data.audit].reverse().slice(0, 500).map((a) => html`<tr>
        <td class="small">${time(a.at)}</td><td>${a.actor}</td><td>${ACTION[a.action] || a.action}</td>
        <td class="small">${[a.period, a.agency && agencyName(data.ref, a.agency), a.unit, a.input].filter(Boolean).join(' · ') || a.key}</td>
        <td class="small break">${a.old ?? '—'} → ${a.new ?? '—'}</td><td class="small break">${a.reason || ''}</td></tr>`)}</tbody>
    </table></div>`}
  </section>`;
}

export function AdminPage({ params, user, query }) {
  const section = params.section || 'ky';
  const title = 'Quản trị — ' + ((SECTIONS.find((s) => s[0] === section) || [0, 'Không có mục này'])[1]);
  if (user.role !== 'coordinator' && user.role !== 'admin')
    return html`<${Page} title="Quản trị"><div class="alert alert-error" role="alert">Chỉ quản trị và Sở TTTT dùng trang này.</div><//>`;
  return html`<${Page} title=${title}>
    <nav aria-label="Các mục quản trị" class="tabs"><ul>${SECTIONS.map(([k, v]) => html`<li>
      <a href=${'/quan-tri/' + k} aria-current=${k === section ? 'page' : null}>${v}</a></li>`)}</ul></nav>
    ${section === 'ky' && html`<${Periods} />`}
    ${section === 'tai-khoan' && html`<${Users} user=${user} />`}
    ${section === 'co-quan' && html`<${Agencies} />`}
    ${section === 'phuong-phap' && html`<${Methods} />`}
    ${section === 'nhat-ky' && html`<${Audit} query=${query} />`}
  <//>`;
}

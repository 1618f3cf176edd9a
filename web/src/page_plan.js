// page_plan.js: the plans' tasks by group with their status and each
// agency's own status and latest note, overdue ones highlighted, filtered
// by plan and agency; the targets of the year with a progress bar and a
// traffic light (always with its words, never colour alone).
import { html, useState } from './lib.js';
import { get, post, enc } from './api.js';
import { num, pct, date } from './fmt.js';
import { setQuery } from './router.js';
import { useData, Loading, ErrorBox, Notice, Page, reference, agencyName, Badge, Bar, AgencySelect } from './ui.js';
import { TASK_STATUS, TARGET_STATE, VALUE_STATUS } from './words.js';

async function loadTasks() {
  const [ref, t] = await Promise.all([reference(), get('/tasks')]);
  return { ref, tasks: t.tasks };
}

// The agencies of a task (collectives expanded to their members).
const agenciesOf = (t) => (t.agencies || []).map((a) => a.agency);

// May ${user} report on ${t}: a coordinator or an admin (for any agency,
// or the task as a whole); an officer of one of its agencies (its own).
function mayReport(user, t) {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'coordinator') return true;
  return user.role === 'officer' && agenciesOf(t).includes(user.agency);
}

// Each agency's own status, latest note and document number.
function Agencies({ t, data: ref }) {
  const list = t.agencies || [];
  if (list.length === 0) return null;
  const started = list.filter((a) => a.status !== 'not_started').length;
  return html`<details class="task-agencies"><summary>Tiến độ từng cơ quan (${started}/${list.length} đã bắt đầu)</summary>
    <ul class="small">${list.map((a) => html`<li>
      <strong>${agencyName(ref, a.agency)}</strong> (${a.role === 'lead' ? 'chủ trì' : 'phối hợp'}${a.via ? `, qua ${agencyName(ref, a.via)}` : ''}):
      <${Badge} status=${a.status} words=${TASK_STATUS} />
      ${a.note && html` — ${a.note}`}${a.doc && html` <span class="muted">(văn bản ${a.doc})</span>`}
      ${a.at && html` <span class="muted">· ${date(a.at.slice(0, 10))}</span>`}</li>`)}</ul></details>`;
}

// The progress of a task, reported by its lead agencies' officers,
// coordinators and admins (the API checks it again); never by a viewer.
function Progress({ t, data: ref, user, id, onDone }) {
  const own = user.role === 'officer' ? user.agency : '';
  const mine = (t.agencies || []).find((a) => a.agency === own);
  const [status, setStatus] = useState(mine ? mine.status : t.status);
  const [agency, setAgency] = useState(own);
  const [note, setNote] = useState('');
  const [doc, setDoc] = useState('');
  const [err, setErr] = useState(null);
  const [ok, setOk] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async (e) => {
    e.preventDefault();
    setErr(null);
    setOk(false);
    setBusy(true);
    try {
      const body = { status, plan: t.plan };
      if (agency) body.agency = agency;
      if (note.trim()) body.note = note.trim();
      if (doc.trim()) body.doc = doc.trim();
      await post(`/tasks/${enc(t.code)}/progress`, body);
      setOk(true);
      setNote('');
      setDoc('');
      onDone();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return html`<details class="task-progress"><summary>Báo cáo tiến độ</summary>
    <form onSubmit=${send}>
      ${user.role === 'officer' ? html`<p class="small">Cho cơ quan: <strong>${agencyName(ref, own)}</strong></p>`
        : html`<div class="field"><label for=${id + '-cq'}>Cơ quan báo cáo</label>
          <select id=${id + '-cq'} value=${agency} onChange=${(e) => setAgency(e.target.value)}>
            <option value="">Cả nhiệm vụ (mọi cơ quan chủ trì)</option>
            ${agenciesOf(t).map((c) => html`<option value=${c}>${agencyName(ref, c)}</option>`)}</select></div>`}
      <div class="field-row">
        <div class="field"><label for=${id + '-tt'}>Trạng thái</label>
          <select id=${id + '-tt'} value=${status} onChange=${(e) => setStatus(e.target.value)}>
            ${Object.entries(TASK_STATUS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></div>
        <div class="field"><label for=${id + '-vb'}>Số văn bản</label>
          <input id=${id + '-vb'} value=${doc} onInput=${(e) => setDoc(e.target.value)} /></div>
      </div>
      <div class="field"><label for=${id + '-gc'}>Ghi chú tiến độ</label>
        <textarea id=${id + '-gc'} rows="2" value=${note} onInput=${(e) => setNote(e.target.value)}></textarea></div>
      <${ErrorBox} error=${err} title="Chưa ghi được." />
      ${ok && html`<${Notice} kind="ok">Đã ghi tiến độ.<//>`}
      <button type="submit" disabled=${busy}>Ghi tiến độ</button>
    </form></details>`;
}

export function TasksPage({ query, user }) {
  const { data, error, loading, reload } = useData(loadTasks, []);
  if (!data) return html`<${Page} title="Nhiệm vụ">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const { ref, tasks } = data;
  const agency = query.get('co-quan');
  const late = query.get('qua-han') === '1';
  const plans = [...new Set(tasks.map((t) => t.plan))];
  const plan = plans.includes(query.get('ke-hoach')) ? query.get('ke-hoach') : null;
  const codes = new Set(tasks.flatMap((t) => [...t.leads, ...t.coordinators, ...agenciesOf(t)]));
  const agencies = ref.agencies.filter((a) => codes.has(a.code));
  // an agency's tasks: those it leads or coordinates, itself or through
  // a collective it is in
  const list = tasks.filter((t) => (!agency || t.leads.includes(agency) || t.coordinators.includes(agency) ||
    agenciesOf(t).includes(agency)) && (!plan || t.plan === plan) && (!late || t.overdue));
  // an element id per task: its code, and its plan's place when not the first
  const idOf = (t) => 'td-' + t.code.replace(/[^a-zA-Z0-9]/g, '-') +
    (plans.indexOf(t.plan) > 0 ? '-k' + plans.indexOf(t.plan) : '');
  const groups = [];
  for (const t of list) {
    let g = groups.find((x) => x.code === t.group && x.plan === t.plan);
    if (!g) groups.push((g = { code: t.group, plan: t.plan, name: t.group_name, tasks: [] }));
    g.tasks.push(t);
  }
  const overdue = tasks.filter((t) => t.overdue).length;
  return html`<${Page} title="Nhiệm vụ của Kế hoạch">
    <p>${tasks.length} nhiệm vụ; <span class="late">${overdue} quá hạn</span>.</p>
    <form class="toolbar filters" role="search" aria-label="Lọc nhiệm vụ" onSubmit=${(e) => e.preventDefault()}>
      ${plans.length > 1 && html`<div class="field field-inline"><label for="loc-ke-hoach">Kế hoạch</label>
        <select id="loc-ke-hoach" value=${plan || ''} onChange=${(e) => setQuery({ 'ke-hoach': e.target.value || null })}>
          <option value="">Tất cả kế hoạch</option>
          ${plans.map((p) => html`<option value=${p}>${p}</option>`)}</select></div>`}
      <${AgencySelect} id="loc-co-quan" agencies=${agencies} value=${agency} onChange=${(v) => setQuery({ 'co-quan': v })} />
      <div class="field field-inline field-check">
        <input type="checkbox" id="loc-qua-han" checked=${late} onChange=${(e) => setQuery({ 'qua-han': e.target.checked ? '1' : null })} />
        <label for="loc-qua-han">Chỉ nhiệm vụ quá hạn</label>
      </div>
    </form>
    <p role="status" class="muted">${list.length} nhiệm vụ được hiển thị.</p>
    ${groups.map((g) => html`<section class="card" aria-label=${g.name}>
      <h2>${g.name}${plans.length > 1 && html` <span class="small muted">(Kế hoạch ${g.plan})</span>`}</h2>
      <ul class="tasks">${g.tasks.map((t) => html`<li class=${t.overdue ? 'task late-row' : 'task'}>
        <div class="task-head"><span class="code">${t.code}</span>
          <${Badge} status=${t.status} words=${TASK_STATUS} />
          ${t.overdue && html`<span class="badge badge-late">Quá hạn</span>`}</div>
        <p>${t.text}</p>
        <p class="small muted">Chủ trì: ${t.leads.map((c) => agencyName(ref, c)).join(', ') || t.lead_text}
          ${t.coordinators.length > 0 && ` · Phối hợp: ${t.coordinators.map((c) => agencyName(ref, c)).join(', ')}`}
          ${' · '}Thời hạn: ${t.due_date ? date(t.due_date) : t.due_text || 'không ghi'}
          ${t.indicators.length > 0 && html` · Chỉ số: ${t.indicators.map((i) => html`<a href=${'/chi-so/' + i}>${i}</a> `)}`}</p>
        <${Agencies} t=${t} data=${ref} />
        ${mayReport(user, t) && html`<${Progress} t=${t} data=${ref} user=${user} id=${idOf(t)} onDone=${reload} />`}
      </li>`)}</ul>
    </section>`)}
  <//>`;
}

function light(t) {
  if (t.state === 'met') return 'green';
  if (t.state === 'not_met') return t.progress !== null && t.progress >= 0.8 ? 'amber' : 'red';
  return 'grey';
}
const LIGHT = { green: 'Xanh: đạt', amber: 'Vàng: gần đạt', red: 'Đỏ: còn xa', grey: 'Xám: chưa đo' };

function shownValue(t, v) {
  if (v === null || v === undefined) return '—';
  return t.unit === 'percent' ? pct(v) : t.unit === 'index' ? num(v, 4) : num(v, 0);
}

export function TargetsPage() {
  const { data, error, loading } = useData(() => get('/targets'), []);
  if (!data) return html`<${Page} title="Chỉ tiêu">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const list = data.targets;
  return html`<${Page} title="Chỉ tiêu của Kế hoạch">
    <p>${data.year ? `Chỉ tiêu năm ${data.year} (Kế hoạch ${(data.plans || []).join(', ')})${list[0] && list[0].period ? `, so với số liệu kỳ ${list[0].period}` : ''}.`
      : 'Chỉ tiêu của mọi kế hoạch (chưa có kỳ nào để so).'}
      ${data.year && list.length === 0 && ' Chưa nạp kế hoạch nào cho năm này.'}</p>
    <p class="legend">${Object.entries(LIGHT).map(([k, v]) => html`<span class=${'light light-' + k} aria-hidden="true"></span> ${v} `)}</p>
    <div class="table-wrap" tabindex="0"><table class="stack">
      <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col" class="num">Mục tiêu</th>
        <th scope="col" class="num">Hiện tại</th><th scope="col">Tiến độ</th><th scope="col">Đánh giá</th></tr></thead>
      <tbody>${list.map((t) => {
        const l = light(t);
        return html`<tr>
          <th scope="row">${t.text}
            <div class="small muted">Năm ${t.year}${t.indicator ? html` · chỉ số <a href=${'/chi-so/' + t.indicator}>${t.indicator}</a>` : ''}
              ${t.period && ` · số liệu kỳ ${t.period}`}
              ${t.manual && html` · nhập tay: ${t.agency}${t.review ? ` (${VALUE_STATUS[t.review] || t.review})` : ' (chưa nhập)'}`}</div></th>
          <td class="num" data-label="Mục tiêu">${shownValue(t, t.target)}${t.target_max !== null ? ` – ${shownValue(t, t.target_max)}` : ''}</td>
          <td class="num" data-label="Hiện tại">${shownValue(t, t.value)}</td>
          <td data-label="Tiến độ">${t.progress !== null ? html`<${Bar} value=${Math.min(t.progress, 1)} max=${1} tone=${'tone-' + l}
            label=${`${t.text}: ${pct(t.progress, 0)} mục tiêu`} /> <span class="small">${pct(t.progress, 0)}</span>` : '—'}</td>
          <td data-label="Đánh giá"><span class=${'light light-' + l} aria-hidden="true"></span> ${TARGET_STATE[t.state] || t.state}</td></tr>`;
      })}</tbody>
    </table></div>
  <//>`;
}

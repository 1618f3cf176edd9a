// page_agency.js: an agency's workspace for a period: what it owes, its
// values entered as drafts in the Vietnamese number format (read by the
// server, number_format "vi"), evidence files with upload progress,
// returned values with the coordinator's comment on top, and submission
// of all or chosen values. An officer works on its own agency only; a
// viewer gets no form; the API refuses the rest in any case.
//
// Seams for the work-list and contributions API (issue 9's follow-up):
// workList() below derives what an agency owes from the methodology's lead
// agencies for the province's unit; when GET .../work-list lands it
// replaces workList() (units of districts and collectives, last year's
// value, plausibility warnings, the Excel sheet's download and upload).
import { html, useState, useRef } from './lib.js';
import { get, put, post, upload, enc } from './api.js';
import { readVi, viText, num, date, time } from './fmt.js';
import {
  useData, Loading, ErrorBox, Notice, Page, reference, choosePeriod, PeriodPicker, PeriodNote,
  methodology, agencyName, Badge, Bar, sentence,
} from './ui.js';
import { INPUT_KIND } from './words.js';

// What ${agency} owes in ${m}: the inputs of the indicators it leads and
// the general figures it provides, in the methodology's order.
export function workList(m, agency) {
  const out = [];
  for (const a of m.general || [])
    if (a.lead === agency)
      out.push({ name: a.code, kind: 'general', label: a.name, unit: null, indicator: null });
  for (const ind of m._index.indicators)
    if (ind.lead === agency)
      for (const inp of ind.inputs || []) out.push({ ...inp, indicator: ind });
  return out;
}

const NUMERIC = new Set(['count', 'amount', 'percent']);
const editable = (s) => s === 'missing' || s === 'draft' || s === 'returned';

async function load(agency, query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period };
  const unit = ref.province.code;
  const [m, values, status] = await Promise.all([
    methodology(period.methodology),
    get(`/periods/${enc(period.code)}/values?unit=${enc(unit)}`),
    get(`/periods/${enc(period.code)}/status`),
  ]);
  return {
    ref, period, m, unit, values: new Map(values.values.map((v) => [v.input, v])),
    status: status.agencies.find((a) => a.agency === agency) || null,
  };
}

// The control of one input: a select for yes/no and choices, else text
// (numbers typed 1.234.567 or 15,2, checked as they are typed).
function Control({ inp, id, value, onChange, disabled, invalid, describedBy }) {
  if (inp.kind === 'yesno')
    return html`<select id=${id} value=${value} disabled=${disabled} onChange=${(e) => onChange(e.target.value)}
      aria-describedby=${describedBy}>
      <option value="">— chọn —</option><option value="1">Có</option><option value="0">Không</option>
    </select>`;
  if (inp.kind === 'choice')
    return html`<select id=${id} value=${value} disabled=${disabled} onChange=${(e) => onChange(e.target.value)}
      aria-describedby=${describedBy}>
      <option value="">— chọn —</option>
      ${(inp.options || []).map((o) => html`<option value=${o.code}>${o.label}</option>`)}
    </select>`;
  return html`<input id=${id} type="text" value=${value} disabled=${disabled} autocomplete="off"
    inputmode=${NUMERIC.has(inp.kind) ? 'decimal' : null} aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${describedBy} onInput=${(e) => onChange(e.target.value)} />`;
}

function shown(inp, v) {
  if (!v) return '';
  return NUMERIC.has(inp.kind) || inp.kind === 'general' ? viText(v.value) : v.value;
}

function Evidence({ period, unit, inp, canWrite }) {
  const path = `/periods/${enc(period.code)}/values/${enc(unit)}/${enc(inp.name)}/evidence`;
  const { data, error, reload } = useData(() => get(path), [path]);
  const [files, setFiles] = useState([]);
  const [doc, setDoc] = useState('');
  const [day, setDay] = useState('');
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState(null);
  const [err, setErr] = useState(null);
  const [over, setOver] = useState(false);
  const fileRef = useRef(null);
  const id = 'mc-' + inp.name.replace(/[^a-zA-Z0-9]/g, '-');
  const send = async (e) => {
    e.preventDefault();
    setErr(null);
    const list = files.length ? files : [null];
    try {
      for (let k = 0; k < list.length; k++) {
        const f = new FormData();
        if (doc) f.append('doc_number', doc);
        if (day) f.append('doc_date', day);
        if (note) f.append('note', note);
        if (list[k]) f.append('file', list[k], list[k].name);
        setProgress({ k, n: list.length, p: 0 });
        await upload(path, f, (p) => setProgress({ k, n: list.length, p }));
      }
      setFiles([]);
      if (fileRef.current) fileRef.current.value = '';
      reload();
    } catch (x) {
      setErr(x);
    } finally {
      setProgress(null);
    }
  };
  return html`<div class="evidence">
    ${error && html`<${ErrorBox} error=${error} />`}
    ${data && (data.evidence.length === 0 ? html`<p class="muted small">Chưa có minh chứng.</p>` :
      html`<ul class="plain">${data.evidence.map((e) => html`<li>
        ${e.file ? html`<a href=${e.file.url} download>${e.file.name || 'Tệp'}</a> <span class="small muted">(${num(e.file.size / 1024, 0)} KB)</span>` : 'Văn bản'}
        ${e.doc_number && ` · số ${e.doc_number}`}${e.doc_date && ` · ngày ${date(e.doc_date)}`}
        ${e.note && html` · ${e.note}`}<span class="small muted"> — ${e.added_by}, ${time(e.added_at)}</span></li>`)}</ul>`)}
    ${canWrite && html`<form class="evidence-form" onSubmit=${send}>
      <div class=${'dropzone' + (over ? ' over' : '')}
        onDragOver=${(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave=${() => setOver(false)}
        onDrop=${(e) => { e.preventDefault(); setOver(false); setFiles([...e.dataTransfer.files]); }}>
        <label for=${id + '-tep'}>Tệp minh chứng (kéo thả vào đây hoặc chọn; nhiều tệp được)</label>
        <input id=${id + '-tep'} ref=${fileRef} type="file" multiple onChange=${(e) => setFiles([...e.target.files])} />
        ${files.length > 0 && html`<p class="small">${files.map((f) => f.name).join(', ')}</p>`}
      </div>
      <div class="field-row">
        <div class="field"><label for=${id + '-so'}>Số văn bản</label>
          <input id=${id + '-so'} value=${doc} onInput=${(e) => setDoc(e.target.value)} /></div>
        <div class="field"><label for=${id + '-ngay'}>Ngày văn bản (dd/mm/yyyy)</label>
          <input id=${id + '-ngay'} value=${day} placeholder="28/09/2022" onInput=${(e) => setDay(e.target.value)} /></div>
      </div>
      <div class="field"><label for=${id + '-gc'}>Ghi chú</label>
        <input id=${id + '-gc'} value=${note} onInput=${(e) => setNote(e.target.value)} /></div>
      ${progress && html`<p role="status">Đang tải tệp ${progress.k + 1}/${progress.n}:
        <progress max="100" value=${Math.round(progress.p * 100)} aria-label="Tiến độ tải tệp"></progress>
        ${Math.round(progress.p * 100)} %</p>`}
      <${ErrorBox} error=${err} />
      <button type="submit" disabled=${!!progress || (!files.length && !doc && !note)}>Thêm minh chứng</button>
    </form>`}
  </div>`;
}

function Row({ inp, v, period, unit, closed, chosen, onChoose, onSaved, canWrite }) {
  const status = v ? v.status : 'missing';
  const [text, setText] = useState(shown(inp, v));
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [showEv, setShowEv] = useState(false);
  const id = 'gt-' + inp.name.replace(/[^a-zA-Z0-9]/g, '-');
  const open = canWrite && !closed && editable(status);
  const check = NUMERIC.has(inp.kind) && text.trim() !== '' ? readVi(text) : { ok: true };
  const changed = text !== shown(inp, v);
  const save = async () => {
    setErr(null);
    setSaved(false);
    if (!check.ok || text.trim() === '') {
      setErr({ message: check.message || 'Chưa nhập giá trị.' });
      return false;
    }
    setBusy(true);
    try {
      const body = { value: text.trim() };
      if (inp.kind !== 'yesno' && inp.kind !== 'choice') body.number_format = 'vi';
      await put(`/periods/${enc(period.code)}/values/${enc(unit)}/${enc(inp.name)}`, body);
      setSaved(true);
      onSaved();
      return true;
    } catch (x) {
      setErr(x);
      return false;
    } finally {
      setBusy(false);
    }
  };
  Row.savers.set(inp.name, changed && open ? save : null);
  return html`<li class=${'work-item status-' + status} id=${'muc-' + inp.name}>
    <div class="work-head">
      ${canWrite && html`<input type="checkbox" id=${id + '-chon'} checked=${chosen} disabled=${closed || status === 'approved' || status === 'missing'}
        onChange=${(e) => onChoose(e.target.checked)} aria-label=${`Chọn ${inp.name} để gửi`} />`}
      <label for=${id} class="work-label"><span class="code">${inp.name}</span> ${inp.label}</label>
      <${Badge} status=${status} />
    </div>
    <p class="small muted">${inp.indicator ? html`Chỉ số <a href=${`/chi-so/${inp.indicator.code}?ky=${period.code}`}>${inp.indicator.code}</a> · ` : 'Thông tin chung · '}
      ${INPUT_KIND[inp.kind] || 'Thông tin'}${inp.unit ? html` · đơn vị: <strong>${inp.unit}</strong>` : ''}
      ${v && html` · ${v.entered_by}, ${time(v.entered_at)}`}</p>
    ${status === 'returned' && v.comment && html`<p class="comment" role="note"><strong>Nhận xét của Sở TTTT:</strong> ${v.comment}</p>`}
    ${v && v.warnings && html`<p class="warning small">${v.warnings}</p>`}
    <div class="work-entry">
      ${canWrite ? html`<${Control} inp=${inp} id=${id} value=${text} disabled=${!open || busy}
        invalid=${!check.ok} describedBy=${id + '-loi'} onChange=${(x) => { setText(x); setSaved(false); }} />` :
        html`<span id=${id}>${shown(inp, v) || '—'}</span>`}
      ${open && html`<button type="button" onClick=${save} disabled=${busy || !changed}>Lưu nháp</button>`}
      <button type="button" class="link-button" aria-expanded=${showEv ? 'true' : 'false'}
        onClick=${() => setShowEv(!showEv)}>Minh chứng</button>
    </div>
    <p id=${id + '-loi'} class="field-error" role="alert">${!check.ok ? check.message : err ? sentence(err.message) : ''}</p>
    ${saved && html`<p class="ok small" role="status">Đã lưu nháp: ${text}</p>`}
    ${!open && canWrite && (status === 'submitted' || status === 'approved') &&
      html`<p class="small muted">Đã ${status === 'submitted' ? 'gửi, chờ duyệt' : 'duyệt'}: không sửa được.</p>`}
    ${showEv && html`<${Evidence} period=${period} unit=${unit} inp=${inp} canWrite=${canWrite && !closed && status !== 'approved'} />`}
  </li>`;
}
Row.savers = new Map();

function Workspace({ agency, user, query }) {
  const { data, error, loading, reload } = useData(() => load(agency, query), [agency, query.get('ky')]);
  const [chosen, setChosen] = useState(new Set());
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`;
  Row.savers.clear(); // the rows rendered below register again
  const { ref, period, m, unit, values, status } = data;
  if (!period) return html`<p>Chưa có kỳ đánh giá nào.</p>`;
  const canWrite = user.role !== 'viewer';
  const closed = period.status === 'closed';
  const list = workList(m, agency);
  // returned values first: the coordinator's comments on top
  const rank = (inp) => ({ returned: 0, missing: 1, draft: 2, submitted: 3, approved: 4 })[
    (values.get(inp.name) || { status: 'missing' }).status];
  const sorted = [...list].sort((a, b) => rank(a) - rank(b));
  const returned = list.filter((i) => (values.get(i.name) || {}).status === 'returned');
  const filled = list.filter((i) => values.has(i.name)).length;
  const submit = async (inputs) => {
    setMsg(null);
    setErr(null);
    setBusy(true);
    try {
      const body = { agency };
      if (inputs) body.inputs = inputs.join(',');
      await post(`/periods/${enc(period.code)}/submit`, body);
      setMsg(inputs ? `Đã gửi ${inputs.length} giá trị để Sở TTTT duyệt.` : 'Đã gửi toàn bộ số liệu để Sở TTTT duyệt.');
      setChosen(new Set());
      reload();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  const saveAll = async () => {
    setMsg(null);
    let n = 0;
    for (const f of [...Row.savers.values()]) if (f && (await f())) n++;
    setMsg(`Đã lưu ${n} giá trị.`);
    reload();
  };
  return html`
    <div class="toolbar"><${PeriodPicker} periods=${ref.periods} period=${period} /></div>
    <${PeriodNote} period=${period} />
    <section class="card" aria-labelledby="tom-tat">
      <h2 id="tom-tat">Số liệu phải cung cấp</h2>
      <p>${agencyName(ref, agency, false)} chủ trì <strong>${list.length}</strong> dữ liệu cho ${`${ref.province.name} (${filled} đã có giá trị).`}</p>
      <${Bar} value=${filled} max=${list.length || 1} label=${`Đã nhập ${filled} trên ${list.length}`} />
      ${status && html`<p class="small">Nháp ${status.draft} · Chờ duyệt ${status.submitted} · Bị trả lại ${status.returned} ·
        Đã duyệt ${status.approved}${status.overdue ? html` · <span class="late">Quá hạn</span>` : ''}
        ${status.submitted_last ? ` · Gửi lần cuối ${time(status.submitted_last)}` : ''}</p>`}
      ${returned.length > 0 && html`<div class="alert alert-warn"><strong>${returned.length} giá trị bị trả lại</strong>${' cần sửa hoặc gửi lại: '} ${returned.map((i) => html`<a href=${'#muc-' + i.name}>${i.name}</a> `)}</div>`}
    </section>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    <${ErrorBox} error=${err} title="Chưa gửi được." />
    ${list.length === 0 ? html`<p>Cơ quan này không chủ trì dữ liệu nào của tỉnh trong phương pháp của kỳ.</p>` : html`
    <form class="work" onSubmit=${(e) => e.preventDefault()} aria-label="Nhập số liệu">
      <p class="small muted">Số viết theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy thập phân (1.234.567 hoặc 15,2).</p>
      <ul class="work-list">${sorted.map((inp) => html`<${Row} key=${period.code + ':' + inp.name}
        inp=${inp} v=${values.get(inp.name)} period=${period} unit=${unit} closed=${closed} canWrite=${canWrite}
        chosen=${chosen.has(inp.name)} onSaved=${reload}
        onChoose=${(on) => { const s = new Set(chosen); if (on) s.add(inp.name); else s.delete(inp.name); setChosen(s); }} />`)}
      </ul>
      ${canWrite && !closed && html`<div class="actions sticky-actions">
        <button type="button" onClick=${saveAll} disabled=${busy}>Lưu tất cả thay đổi</button>
        <button type="button" class="primary" onClick=${() => submit(null)} disabled=${busy}>Gửi tất cả để duyệt</button>
        <button type="button" onClick=${() => submit([...chosen])} disabled=${busy || chosen.size === 0}>
          Gửi ${chosen.size} mục đã chọn</button>
      </div>`}
    </form>`}`;
}

export function AgencyPage({ params, user, query }) {
  const agency = params.agency;
  const { data: ref } = useData(() => reference(), []);
  const title = agency && ref ? `Nhập liệu — ${agencyName(ref, agency)}` : 'Nhập liệu';
  if (user.role === 'viewer')
    return html`<${Page} title="Nhập liệu"><p>Tài khoản lãnh đạo chỉ xem số liệu, không nhập liệu.
      Xem <a href="/tong-quan">Tổng quan</a> hoặc <a href="/chi-so">Chỉ số</a>.</p><//>`;
  if (user.role === 'officer' && agency !== user.agency)
    return html`<${Page} title="Nhập liệu"><div class="alert alert-error" role="alert">
      Bạn chỉ nhập liệu cho cơ quan của mình. <a href=${'/co-quan/' + user.agency}>Về biểu mẫu của cơ quan bạn</a>.</div><//>`;
  if (!agency) {
    if (!ref) return html`<${Page} title="Nhập liệu"><${Loading} /><//>`;
    return html`<${Page} title="Nhập liệu theo cơ quan">
      <p>Chọn cơ quan để xem và nhập số liệu thay cơ quan đó.</p>
      <ul class="columns">${ref.agencies.map((a) => html`<li><a href=${'/co-quan/' + a.code}>${a.name}</a></li>`)}</ul>
    <//>`;
  }
  return html`<${Page} title=${title}><${Workspace} agency=${agency} user=${user} query=${query} /><//>`;
}

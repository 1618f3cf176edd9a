// page_agency.js: an agency's workspace for a period: what it owes, its
// values entered as drafts in the Vietnamese number format (read by the
// server, number_format "vi"), evidence files with upload progress,
// returned values with the coordinator's comment on top, and submission
// of all or chosen values. An officer works on its own agency only; a
// viewer gets no form; the API refuses the rest in any case.
//
// What the agency owes comes from the work list (GET .../worklist): its
// own unit (the province's, or a district's for a district's UBND, whose
// items are its parts of contributed inputs), last period's value, the
// days left, plausibility warnings, required evidence, and the inputs it
// coordinates (read only, evidence may be added). The Excel work sheet is
// downloaded (GET .../template) and uploaded (POST .../import).
import { html, useState, useRef } from './lib.js';
import { get, put, post, upload, postFile, enc } from './api.js';
import { readVi, viText, num, date, time } from './fmt.js';
import {
  useData, Loading, ErrorBox, Notice, Page, reference, choosePeriod, PeriodPicker, PeriodNote,
  methodology, agencyName, Badge, Bar, sentence,
} from './ui.js';
import { INPUT_KIND } from './words.js';

const NUMERIC = new Set(['count', 'amount', 'percent']);
const editable = (s) => s === 'missing' || s === 'draft' || s === 'returned';

async function load(agency, query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period };
  const unit = query.get('dv');
  const [wl, status] = await Promise.all([
    get(`/periods/${enc(period.code)}/worklist?agency=${enc(agency)}${unit ? '&unit=' + enc(unit) : ''}`),
    get(`/periods/${enc(period.code)}/status`),
  ]);
  // a work-list item as the rows read it: the input's name, its value
  const items = wl.items.map((it) => ({
    ...it, name: it.input, indicator: it.indicator && it.indicator.code && !it.indicator.general ? it.indicator : null,
    v: it.status ? { value: it.value, status: it.status, comment: it.comment, entered_by: it.entered_by, entered_at: it.entered_at } : null,
  }));
  return {
    ref, period, wl, items, unit: wl.unit,
    status: status.agencies.find((a) => a.agency === agency) || null,
  };
}

// Plausibility warnings of a value, in Vietnamese, beside it.
function Warnings({ list }) {
  if (!list || !list.length) return null;
  return html`<ul class="warning small" aria-label="Cảnh báo hợp lý">${list.map((w) => html`<li>
    <strong>Cảnh báo:</strong> ${sentence((w.message && w.message.vi) || w.code)}</li>`)}</ul>`;
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

// What a person reads for a typed or chosen value: Có/Không, a choice's label.
function said(inp, text) {
  if (inp.kind === 'yesno') return text === '1' ? 'Có' : text === '0' ? 'Không' : text;
  if (inp.kind === 'choice') return ((inp.options || []).find((o) => o.code === text) || { label: text }).label;
  return text;
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
  const [warned, setWarned] = useState(null); // the PUT answer's warnings
  const id = 'gt-' + inp.name.replace(/[^a-zA-Z0-9]/g, '-');
  const ro = !!inp.read_only; // an input this agency coordinates: evidence only
  const open = canWrite && !ro && !closed && editable(status);
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
      const r = await put(`/periods/${enc(period.code)}/values/${enc(unit)}/${enc(inp.name)}`, body);
      setWarned((r && r.warnings) || []);
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
      ${canWrite && !ro && html`<input type="checkbox" id=${id + '-chon'} checked=${chosen} disabled=${closed || status === 'approved' || status === 'missing'}
        onChange=${(e) => onChoose(e.target.checked)} aria-label=${`Chọn ${inp.name} để gửi`} />`}
      <label for=${id} class="work-label"><span class="code">${inp.name}</span> ${inp.label}</label>
      <${Badge} status=${status} />
    </div>
    <p class="small muted">${inp.indicator ? html`Chỉ số <a href=${`/chi-so/${inp.indicator.code}?ky=${period.code}`}>${inp.indicator.code}</a> · ` : 'Thông tin chung · '}
      ${INPUT_KIND[inp.kind] || 'Thông tin'}${inp.unit ? html` · đơn vị: <strong>${inp.unit}</strong>` : ''}
      ${v && html` · ${v.entered_by}, ${time(v.entered_at)}`}</p>
    ${inp.rule && html`<p class="small">${inp.rule}</p>`}
    <p class="small">${inp.previous && inp.previous.period ? html`Kỳ ${inp.previous.period}: <strong>${inp.previous.value_shown || shown(inp, { value: inp.previous.value }) || 'chưa có'}</strong>` : ''}
      ${ro ? html`${inp.previous && inp.previous.period ? ' · ' : ''}<span class="tag">Phối hợp — cơ quan chủ trì: ${inp.lead}</span>` : ''}
      ${inp.evidence_required && (!inp.evidence || inp.evidence.count === 0) ? html` · <span class="late">Cần minh chứng</span>` : ''}</p>
    ${status === 'returned' && v.comment && html`<p class="comment" role="note"><strong>Nhận xét của Sở TTTT:</strong> ${v.comment}</p>`}
    <${Warnings} list=${warned || inp.warnings} />
    <div class="work-entry">
      ${canWrite && !ro ? html`<${Control} inp=${inp} id=${id} value=${text} disabled=${!open || busy}
        invalid=${!check.ok} describedBy=${id + '-loi'} onChange=${(x) => { setText(x); setSaved(false); }} />` :
        html`<span id=${id}>${shown(inp, v) || '—'}</span>`}
      ${open && html`<button type="button" onClick=${save} disabled=${busy || !changed}>Lưu nháp</button>`}
      <button type="button" class="link-button" aria-expanded=${showEv ? 'true' : 'false'}
        onClick=${() => setShowEv(!showEv)}>${ro ? 'Bổ sung minh chứng' : 'Minh chứng'}${inp.evidence && inp.evidence.count ? ` (${inp.evidence.count})` : ''}</button>
    </div>
    <p id=${id + '-loi'} class="field-error" role="alert">${!check.ok ? check.message : err ? sentence(err.message) : ''}</p>
    ${saved && html`<p class="ok small" role="status">Đã lưu nháp: ${said(inp, text)}</p>`}
    ${!open && canWrite && (status === 'submitted' || status === 'approved') &&
      html`<p class="small muted">Đã ${status === 'submitted' ? 'gửi, chờ duyệt' : 'duyệt'}: không sửa được.</p>`}
    ${showEv && html`<${Evidence} period=${period} unit=${unit} inp=${inp} canWrite=${canWrite && !closed && (ro || status !== 'approved')} />`}
  </li>`;
}
Row.savers = new Map();

// The Excel work sheet: download it, fill it in Excel, upload it back
// (values already submitted or approved are skipped and listed).
function Sheet({ period, agency, unit, closed, onDone }) {
  const [file, setFile] = useState(null);
  const [res, setRes] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const href = `/api/v1/periods/${enc(period.code)}/template?agency=${enc(agency)}&unit=${enc(unit)}`;
  const send = async (e) => {
    e.preventDefault();
    setRes(null);
    setErr(null);
    setBusy(true);
    try {
      setRes(await postFile(`/periods/${enc(period.code)}/import?skip_locked=1`, file,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
      onDone();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return html`<div class="sheet">
    <p><a class="button" href=${href} download>Tải phiếu Excel</a>
      <span class="small muted"> Điền phiếu trong Excel rồi tải lên lại: giá trị được lưu nháp.</span></p>
    ${!closed && html`<form class="field-row" onSubmit=${send}>
      <div class="field"><label for="phieu-tep">Tải lên phiếu Excel đã điền (.xlsx)</label>
        <input id="phieu-tep" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange=${(e) => setFile(e.target.files[0] || null)} /></div>
      <div class="field"><button type="submit" disabled=${!file || busy}>Nhập phiếu</button></div>
    </form>`}
    ${res && html`<div class="alert alert-ok" role="status">Đã nhập ${num(res.values, 0)} giá trị từ phiếu.
      ${res.skipped.length > 0 && html`<p>Bỏ qua ${res.skipped.length} dòng:</p><ul>${res.skipped.map((k) => html`<li>${sentence(k.message.vi)}</li>`)}</ul>`}
      ${res.warnings && res.warnings.length > 0 && html`<${Warnings} list=${res.warnings} />`}</div>`}
    ${err && html`<div class="alert alert-error" role="alert"><strong>Chưa nhập được phiếu.</strong>
      ${err.details.length > 0 ? html`<ul>${err.details.map((d) => html`<li>${sentence(d)}</li>`)}</ul>` : ` ${sentence(err.message)}`}</div>`}
  </div>`;
}

function Workspace({ agency, user, query }) {
  const { data, error, loading, reload } = useData(() => load(agency, query), [agency, query.get('ky'), query.get('dv')]);
  const [chosen, setChosen] = useState(new Set());
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`;
  Row.savers.clear(); // the rows rendered below register again
  const { ref, period, unit, status, wl, items } = data;
  if (!period) return html`<p>Chưa có kỳ đánh giá nào.</p>`;
  const canWrite = user.role !== 'viewer';
  const closed = period.status === 'closed';
  const values = new Map(items.filter((i) => i.v).map((i) => [i.name, i.v]));
  const list = items.filter((i) => !i.read_only);
  const coord = items.filter((i) => i.read_only);
  // returned values first: the coordinator's comments on top
  const rank = (inp) => ({ returned: 0, missing: 1, draft: 2, submitted: 3, approved: 4 })[
    (values.get(inp.name) || { status: 'missing' }).status];
  const sorted = [...list].sort((a, b) => rank(a) - rank(b));
  const returned = list.filter((i) => (values.get(i.name) || {}).status === 'returned');
  const filled = list.filter((i) => values.has(i.name)).length;
  const unitName = (ref.units.find((u) => u.code === unit) || { name: unit }).name;
  const days = wl.days_left;
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
      <p>${agencyName(ref, agency, false)} chủ trì <strong>${list.length}</strong> dữ liệu cho ${`${unitName} (${filled} đã có giá trị)`}${coord.length ? `, phối hợp ${coord.length} dữ liệu` : ''}.</p>
      <p>Hạn nộp <strong>${date(wl.deadline)}</strong>: ${days >= 0 ? html`còn <strong>${num(days, 0)}</strong> ngày` :
        html`<span class="late">quá hạn ${num(-days, 0)} ngày</span>`}.
        ${wl.counts.warned ? html` <span class="warning-text">${wl.counts.warned} giá trị có cảnh báo.</span>` : ''}
        ${wl.counts.no_evidence ? html` <span class="late">${wl.counts.no_evidence} dữ liệu cần minh chứng còn thiếu.</span>` : ''}</p>
      <${Bar} value=${filled} max=${list.length || 1} label=${`Đã nhập ${filled} trên ${list.length}`} />
      ${status && html`<p class="small">Nháp ${wl.counts.draft} · Chờ duyệt ${wl.counts.submitted} · Bị trả lại ${wl.counts.returned} ·
        Đã duyệt ${wl.counts.approved}${status.overdue ? html` · <span class="late">Quá hạn</span>` : ''}
        ${status.submitted_last ? ` · Gửi lần cuối ${time(status.submitted_last)}` : ''}</p>`}
      ${canWrite && html`<${Sheet} period=${period} agency=${agency} unit=${unit} closed=${closed} onDone=${reload} />`}
      ${returned.length > 0 && html`<div class="alert alert-warn"><strong>${returned.length} giá trị bị trả lại</strong>${' cần sửa hoặc gửi lại: '} ${returned.map((i) => html`<a href=${'#muc-' + i.name}>${i.name}</a> `)}</div>`}
    </section>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    <${ErrorBox} error=${err} title="Chưa gửi được." />
    ${items.length === 0 ? html`<p>Cơ quan này không có dữ liệu nào phải cung cấp trong kỳ.</p>` : html`
    <form class="work" onSubmit=${(e) => e.preventDefault()} aria-label="Nhập số liệu">
      <p class="small muted">Số viết theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy thập phân (1.234.567 hoặc 15,2).</p>
      <ul class="work-list">${sorted.map((inp) => html`<${Row} key=${period.code + ':' + inp.name}
        inp=${inp} v=${values.get(inp.name)} period=${period} unit=${unit} closed=${closed} canWrite=${canWrite}
        chosen=${chosen.has(inp.name)} onSaved=${reload}
        onChoose=${(on) => { const s = new Set(chosen); if (on) s.add(inp.name); else s.delete(inp.name); setChosen(s); }} />`)}
      </ul>
      ${coord.length > 0 && html`<details class="coord-items"><summary>Dữ liệu phối hợp (${coord.length}): chỉ xem, bổ sung minh chứng</summary>
        <ul class="work-list">${coord.map((inp) => html`<${Row} key=${period.code + ':' + inp.name}
          inp=${inp} v=${values.get(inp.name)} period=${period} unit=${unit} closed=${closed} canWrite=${canWrite}
          chosen=${false} onSaved=${reload} onChoose=${() => {}} />`)}</ul></details>`}
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

// page_review.js: Sở TTTT's review of a period: the submitted values by
// agency; approve all of an agency's or the chosen ones (several agencies
// at once), return the chosen values with a comment each, and reopen
// approved values with a reason.
//
// Seam: "what changed since the last approval", plausibility warnings and
// missing evidence come with the work-list and contributions API; the
// value's "warnings" field is shown when the API fills it.
import { html, useState } from './lib.js';
import { get, post, enc } from './api.js';
import { viText, time } from './fmt.js';
import {
  useData, Loading, ErrorBox, Notice, Page, reference, choosePeriod, PeriodPicker, PeriodNote,
  methodology, agencyName, inputLead,
} from './ui.js';

async function load(query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period };
  const [m, sub, appr] = await Promise.all([
    methodology(period.methodology),
    get(`/periods/${enc(period.code)}/values?status=submitted`),
    get(`/periods/${enc(period.code)}/values?status=approved`),
  ]);
  return { ref, period, m, submitted: sub.values, approved: appr.values };
}

function label(m, name) {
  const x = m._index.inputOf.get(name);
  return x ? x.input.label : name;
}

function Queue({ data, reload }) {
  const { ref, period, m } = data;
  const [chosen, setChosen] = useState(new Set());
  const [comments, setComments] = useState({});
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const key = (v) => `${v.unit}|${v.input}`;
  const groups = new Map();
  for (const v of data.submitted) {
    const a = inputLead(m, v.input) || '?';
    if (!groups.has(a)) groups.set(a, []);
    groups.get(a).push(v);
  }
  const run = async (what, fn) => {
    setMsg(null);
    setErr(null);
    setBusy(true);
    try {
      await fn();
      setMsg(what);
      setChosen(new Set());
      setComments({});
      reload();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  // per unit: the API reviews one unit per request
  const byUnit = (list) => {
    const u = new Map();
    for (const v of list) {
      if (!u.has(v.unit)) u.set(v.unit, []);
      u.get(v.unit).push(v);
    }
    return u;
  };
  const approveChosen = () => run(`Đã phê duyệt ${chosen.size} giá trị.`, async () => {
    const list = data.submitted.filter((v) => chosen.has(key(v)));
    for (const [unit, vs] of byUnit(list))
      await post(`/periods/${enc(period.code)}/approve`, { unit, inputs: vs.map((v) => v.input).join(',') });
  });
  const approveAgency = (a) => run(`Đã phê duyệt số liệu của ${agencyName(ref, a)}.`, async () => {
    for (const [unit, vs] of byUnit(groups.get(a)))
      await post(`/periods/${enc(period.code)}/approve`, { unit, inputs: vs.map((v) => v.input).join(',') });
  });
  const returnChosen = () => {
    const list = data.submitted.filter((v) => chosen.has(key(v)));
    const missing = list.filter((v) => !(comments[key(v)] || '').trim());
    if (missing.length) {
      setErr({ message: `Cần nhận xét cho mỗi giá trị trả lại: ${missing.map((v) => v.input).join(', ')}.` });
      return;
    }
    run(`Đã trả lại ${list.length} giá trị kèm nhận xét.`, async () => {
      for (const [unit, vs] of byUnit(list)) {
        const c = {};
        for (const v of vs) c[v.input] = comments[key(v)].trim();
        await post(`/periods/${enc(period.code)}/return`, { unit, comments: c });
      }
    });
  };
  return html`<section aria-labelledby="hang-cho">
    <h2 id="hang-cho">Chờ duyệt (${data.submitted.length})</h2>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    <${ErrorBox} error=${err} />
    ${data.submitted.length === 0 ? html`<p>Không có giá trị nào chờ duyệt.</p>` : html`
    ${[...groups].map(([a, vs]) => html`<div class="card">
      <div class="card-head"><h3>${agencyName(ref, a, false)} <span class="muted">(${vs.length})</span></h3>
        <button type="button" onClick=${() => approveAgency(a)} disabled=${busy}>Phê duyệt cả ${vs.length}</button></div>
      <div class="table-wrap" tabindex="0"><table>
        <thead><tr><th scope="col">Chọn</th><th scope="col">Dữ liệu</th><th scope="col" class="num">Giá trị</th>
          <th scope="col">Người nhập</th><th scope="col">Nhận xét nếu trả lại</th></tr></thead>
        <tbody>${vs.map((v) => {
          const k = key(v);
          const id = 'nx-' + k.replace(/[^a-zA-Z0-9]/g, '-');
          return html`<tr>
            <td><input type="checkbox" aria-label=${`Chọn ${v.input}`} checked=${chosen.has(k)}
              onChange=${(e) => { const s = new Set(chosen); if (e.target.checked) s.add(k); else s.delete(k); setChosen(s); }} /></td>
            <td><strong>${v.input}</strong> ${label(m, v.input)}
              ${v.unit !== ref.province.code && html`<span class="small muted"> · ${v.unit}</span>`}
              ${v.warnings && html`<div class="warning small">${v.warnings}</div>`}</td>
            <td class="num">${/^-?\d+(\.\d+)?$/.test(v.value) ? viText(v.value) : v.value}</td>
            <td class="small">${v.entered_by}<br />${time(v.entered_at)}</td>
            <td><label class="sr-only" for=${id}>Nhận xét cho ${v.input}</label>
              <input id=${id} value=${comments[k] || ''}
                onInput=${(e) => setComments({ ...comments, [k]: e.target.value })} /></td></tr>`;
        })}</tbody>
      </table></div>
    </div>`)}
    <div class="actions sticky-actions">
      <button type="button" class="primary" onClick=${approveChosen} disabled=${busy || chosen.size === 0}>
        Phê duyệt ${chosen.size} mục đã chọn</button>
      <button type="button" onClick=${returnChosen} disabled=${busy || chosen.size === 0}>
        Trả lại ${chosen.size} mục đã chọn</button>
    </div>`}
  </section>`;
}

function Reopen({ data, reload }) {
  const { period, ref } = data;
  const [inputs, setInputs] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState(null);
  const [err, setErr] = useState(null);
  const send = async (e) => {
    e.preventDefault();
    setMsg(null);
    setErr(null);
    try {
      await post(`/periods/${enc(period.code)}/reopen-values`,
        { unit: ref.province.code, inputs: inputs.replace(/\s+/g, ''), reason });
      setMsg(`Đã mở lại ${inputs} để sửa.`);
      setInputs('');
      setReason('');
      reload();
    } catch (x) {
      setErr(x);
    }
  };
  return html`<section class="card" aria-labelledby="mo-lai">
    <h2 id="mo-lai">Mở lại giá trị đã duyệt</h2>
    <p class="small muted">${data.approved.length} giá trị đã duyệt. Giá trị mở lại trở thành nháp để cơ quan sửa; lý do ghi vào nhật ký.</p>
    ${msg && html`<${Notice} kind="ok">${msg}<//>`}
    <${ErrorBox} error=${err} />
    <form onSubmit=${send} class="narrow">
      <div class="field"><label for="mo-lai-ma">Mã dữ liệu (cách nhau bởi dấu phẩy)</label>
        <input id="mo-lai-ma" value=${inputs} placeholder="3.3.a, 3.3.b" onInput=${(e) => setInputs(e.target.value)} /></div>
      <div class="field"><label for="mo-lai-ly-do">Lý do</label>
        <textarea id="mo-lai-ly-do" rows="2" value=${reason} onInput=${(e) => setReason(e.target.value)}></textarea></div>
      <button type="submit" disabled=${!inputs.trim()}>Mở lại</button>
    </form>
  </section>`;
}

export function ReviewPage({ user, query }) {
  const { data, error, loading, reload } = useData(() => load(query), [query.get('ky')]);
  if (user.role !== 'coordinator' && user.role !== 'admin')
    return html`<${Page} title="Duyệt số liệu"><div class="alert alert-error" role="alert">
      Chỉ Sở TTTT (điều phối) duyệt số liệu.</div><//>`;
  if (!data) return html`<${Page} title="Duyệt số liệu">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  if (!data.period) return html`<${Page} title="Duyệt số liệu"><p>Chưa có kỳ đánh giá nào.</p><//>`;
  return html`<${Page} title="Duyệt số liệu">
    <div class="toolbar"><${PeriodPicker} periods=${data.ref.periods} period=${data.period} /></div>
    <${PeriodNote} period=${data.period} />
    <${Queue} data=${data} reload=${reload} />
    <${Reopen} data=${data} reload=${reload} />
  <//>`;
}

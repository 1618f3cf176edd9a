// page_analysis_whatif.js: the what-if tab of the analysis page. Pick
// inputs (search by code or label), type values the Vietnamese way
// (1.234.567,5; Có/Không; a choice), and see the index, pillars, groups
// and changed indicators before → after, and the rank; or the index if
// every target of the plan is met. Nothing is saved (POST …/whatif only
// scores in memory).
import { html, useState } from './lib.js';
import { get, post, enc } from './api.js';
import { num, index as fmtIndex, readVi, viText } from './fmt.js';
import { useData, Loading, ErrorBox, Notice } from './ui.js';
import { valueWords, rankWords, khaWords } from './page_analysis_text.js';

const NUMERIC = new Set(['count', 'amount', 'percent']);
const PILLARS = { CQS: 'Chính quyền số', KTS: 'Kinh tế số', XHS: 'Xã hội số' };
const MAX_HITS = 12;

// The inputs a what-if may change: every scored one (not text, not the
// general items).
function candidates(m) {
  const out = [];
  for (const [name, x] of m._index.inputOf)
    if (x.indicator && x.input.kind !== 'text') out.push({ name, inp: x.input, ind: x.indicator });
  return out;
}

function norm(s) {
  return String(s || '').toLocaleLowerCase('vi').normalize('NFC');
}

function Control({ inp, id, value, onChange, invalid, describedBy }) {
  if (inp.kind === 'yesno')
    return html`<select id=${id} value=${value} onChange=${(e) => onChange(e.target.value)} aria-describedby=${describedBy}>
      <option value="1">Có</option><option value="0">Không</option></select>`;
  if (inp.kind === 'choice')
    return html`<select id=${id} value=${value} onChange=${(e) => onChange(e.target.value)} aria-describedby=${describedBy}>
      ${(inp.options || []).map((o) => html`<option value=${o.code}>${o.label}</option>`)}</select>`;
  return html`<input id=${id} type="text" value=${value} autocomplete="off" inputmode="decimal"
    aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} onInput=${(e) => onChange(e.target.value)} />`;
}

// The stored value as the field starts: Vietnamese digits, or the
// first other option of a yes/no or a choice.
function startText(inp, v) {
  if (inp.kind === 'yesno') return v && v.value === '1' ? '0' : '1';
  if (inp.kind === 'choice') {
    const o = (inp.options || []).find((x) => !v || x.code !== v.value);
    return o ? o.code : '';
  }
  return v ? viText(v.value) : '';
}

function Result({ r, m }) {
  const groups = new Map(m.groups.map((g) => [g.code, g]));
  const rows = r.scores;
  const pick = (f) => rows.filter(f);
  const change = (x, isIndex) => {
    const c = x.after - x.before;
    const s = isIndex ? fmtIndex(Math.abs(c)) : num(Math.abs(c), 2);
    return Math.abs(c) < 0.00005 ? '0' : (c > 0 ? '+' : '−') + s;
  };
  const moved = (x) => Math.abs(x.after - x.before) >= 0.00005;
  const line = (x, name, isIndex) => html`<tr class=${moved(x) ? 'changed' : ''}>
    <th scope="row">${name}</th>
    <td class="num" data-label="Hiện tại">${isIndex ? fmtIndex(x.before) : num(x.before, 2)}</td>
    <td class="num strong" data-label="Giả định">${isIndex ? fmtIndex(x.after) : num(x.after, 2)}</td>
    <td class="num" data-label="Thay đổi">${change(x, isIndex)}</td></tr>`;
  const indicators = pick((x) => m._index.byCode.has(x.code));
  return html`<section class="card" aria-labelledby="ket-qua-gia-dinh" id="ket-qua">
    <h2 id="ket-qua-gia-dinh" tabindex="-1">${r.targets_met ? 'Nếu đạt mọi chỉ tiêu của Kế hoạch' : 'Kết quả giả định'}</h2>
    <p class="lead-figure" id="chi-so-gia-dinh">Chỉ số DTI: <strong>${fmtIndex(r.index_before)}</strong>${' → '}<strong>${fmtIndex(r.index_after)}</strong> (${change({ before: r.index_before, after: r.index_after }, true)})</p>
    <ul class="plain place">
      <li><strong>Hiện tại:</strong> ${rankWords(r.place_before)}; ${khaWords(r.place_before)}.</li>
      <li id="hang-gia-dinh"><strong>Giả định:</strong> ${rankWords(r.place_after)}; ${khaWords(r.place_after)}.</li>
    </ul>
    <div class="table-wrap" tabindex="0"><table class="compact stack" id="bang-gia-dinh">
      <caption class="sr-only">Điểm hiện tại và điểm giả định</caption>
      <thead><tr><th scope="col">Mục</th><th scope="col" class="num">Hiện tại</th><th scope="col" class="num">Giả định</th>
        <th scope="col" class="num">Thay đổi</th></tr></thead>
      <tbody>
        ${pick((x) => x.code === 'INDEX').map((x) => line(x, 'Chỉ số DTI', true))}
        ${pick((x) => PILLARS[x.code]).map((x) => line(x, `${PILLARS[x.code]} (${x.code})`, true))}
        ${pick((x) => x.code === 'TOTAL').map((x) => line(x, 'Tổng điểm', false))}
        ${pick((x) => groups.has(x.code) && moved(x)).map((x) => line(x, `Nhóm ${x.code}. ${groups.get(x.code).name}`, false))}
        ${indicators.map((x) => line(x, `Chỉ số ${x.code}. ${m._index.byCode.get(x.code).name}`, false))}
      </tbody>
    </table></div>
    <p class="small muted">${indicators.length} chỉ số thay đổi điểm; các nhóm không có trong bảng giữ nguyên điểm.
      Không có gì được lưu.</p>
  </section>`;
}

export function WhatIf({ ctx }) {
  const { ref, period, m, drafts } = ctx;
  const { data, error, loading } = useData(
    () => get(`/periods/${enc(period.code)}/values?unit=${enc(ref.province.code)}`), [period.code]);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState([]); // [{name, text}]
  const [result, setResult] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`;
  const values = new Map(data.values.map((v) => [v.input, v]));
  const all = candidates(m);
  const byName = new Map(all.map((c) => [c.name, c]));
  const nq = norm(q.trim());
  const hits = nq === '' ? [] : all.filter((c) => !chosen.some((x) => x.name === c.name) &&
    (norm(c.name).startsWith(nq) || norm(c.inp.label).includes(nq) || norm(c.ind.name).includes(nq))).slice(0, MAX_HITS);
  const checks = chosen.map((x) => {
    const c = byName.get(x.name);
    return NUMERIC.has(c.inp.kind) ? readVi(x.text) : { ok: true };
  });
  const add = (c) => {
    setChosen([...chosen, { name: c.name, text: startText(c.inp, values.get(c.name)) }]);
    setQ('');
  };
  const run = async (targets) => {
    setErr(null);
    if (!targets && chosen.length === 0) {
      setErr({ message: 'chưa chọn dữ liệu đầu vào nào để giả định' });
      return;
    }
    if (checks.some((c) => !c.ok)) {
      setErr({ message: 'có giá trị chưa đúng định dạng, xem dòng được đánh dấu' });
      return;
    }
    const body = { number_format: 'vi', values: Object.fromEntries(chosen.map((x) => [x.name, x.text.trim()])) };
    if (targets) body.targets_met = true;
    if (drafts) body.include_drafts = true;
    setBusy(true);
    try {
      const r = await post(`/periods/${enc(period.code)}/whatif`, body);
      setResult({ ...r, targets_met: !!targets });
      setTimeout(() => {
        const h = document.getElementById('ket-qua-gia-dinh');
        if (h) h.focus();
      }, 0);
    } catch (e) {
      setErr(e);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <${Notice} kind="warn"><strong>Chỉ là giả định:</strong> trang này tính thử điểm với các giá trị bạn nhập;${' '}
      <strong>không lưu gì</strong>, số liệu của kỳ ${period.code} không thay đổi.<//>
    <section class="card" aria-labelledby="chon-du-lieu">
      <h2 id="chon-du-lieu">Chọn dữ liệu đầu vào</h2>
      <div class="field">
        <label for="tim-dau-vao">Tìm theo mã hoặc tên (ví dụ 2.6, 7.2.a, điện toán đám mây)</label>
        <input id="tim-dau-vao" type="text" autocomplete="off" value=${q} onInput=${(e) => setQ(e.target.value)}
          aria-describedby="so-ket-qua-tim" />
      </div>
      <p id="so-ket-qua-tim" class="small muted" role="status">${nq === '' ? '' : `${hits.length} kết quả${hits.length === MAX_HITS ? ' (đầu tiên)' : ''}.`}</p>
      ${hits.length > 0 && html`<ul class="plain hits">${hits.map((c) => html`<li>
        <button type="button" class="link-button" onClick=${() => add(c)}
          aria-label=${`Thêm ${c.name}: ${c.inp.label}`}><span class="code">${c.name}</span> ${c.inp.label}</button>
        <span class="small muted"> · chỉ số ${c.ind.code}</span></li>`)}</ul>`}
    </section>
    <form class="card" aria-labelledby="gia-tri-gia-dinh" onSubmit=${(e) => { e.preventDefault(); run(false); }}>
      <h2 id="gia-tri-gia-dinh">Giá trị giả định</h2>
      ${chosen.length === 0 ? html`<p class="muted">Chưa chọn dữ liệu đầu vào nào.</p>` :
        html`<ul class="plain whatif-list">${chosen.map((x, k) => {
          const c = byName.get(x.name);
          const id = 'gd-' + k;
          const bad = !checks[k].ok;
          const v = values.get(x.name);
          return html`<li class="whatif-item">
            <label for=${id}><span class="code">${x.name}</span> ${c.inp.label}${c.inp.unit ? ` (${c.inp.unit})` : ''}</label>
            <p class="small muted">Chỉ số ${c.ind.code}. ${c.ind.name}</p>
            <p class="small muted" id=${id + '-ht'}>Hiện tại: ${v ? (NUMERIC.has(c.inp.kind) ? viText(v.value) : valueWords(c.inp, v.value)) : 'chưa nhập'}</p>
            <div class="work-entry">
              <${Control} inp=${c.inp} id=${id} value=${x.text} invalid=${bad}
                describedBy=${bad ? `${id}-ht ${id}-loi` : `${id}-ht`}
                onChange=${(t) => setChosen(chosen.map((y, j) => (j === k ? { ...y, text: t } : y)))} />
              <button type="button" onClick=${() => setChosen(chosen.filter((_, j) => j !== k))}
                aria-label=${`Bỏ ${x.name}`}>Bỏ</button>
            </div>
            ${bad && html`<p class="field-error" id=${id + '-loi'}>${checks[k].message}</p>`}
          </li>`;
        })}</ul>`}
      <${ErrorBox} error=${err} title="Chưa tính được." />
      <div class="actions">
        <button type="submit" class="primary" disabled=${busy}>Tính thử</button>
        <button type="button" id="dat-moi-chi-tieu" disabled=${busy} onClick=${() => run(true)}>Nếu đạt mọi chỉ tiêu</button>
      </div>
      <p class="small muted">“Nếu đạt mọi chỉ tiêu”: mỗi chỉ tiêu có số của Kế hoạch được nâng đến mức mục tiêu
        (cùng các giá trị giả định ở trên, nếu có).</p>
    </form>
    ${busy && html`<p role="status" class="muted">Đang tính…</p>`}
    ${result && html`<${Result} r=${result} m=${m} />`}`;
}

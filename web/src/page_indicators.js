// page_indicators.js: the indicators of the period (filter by group, lead
// agency and the state of their data) and one indicator: its rule in plain
// Vietnamese, its inputs with their values and evidence, its score with
// the explanation in its own numbers, and its history over the periods.
import { html } from './lib.js';
import { get, enc } from './api.js';
import { num, viText, date, time } from './fmt.js';
import { setQuery } from './router.js';
import {
  useData, Loading, ErrorBox, Page, reference, choosePeriod, PeriodPicker, PeriodNote,
  methodology, agencyName, Badge, AgencySelect,
} from './ui.js';
import { VALUE_STATUS, INPUT_KIND } from './words.js';
import { ChartBox } from './charts.js';

const ORDER = ['missing', 'returned', 'draft', 'submitted', 'approved'];

// The state of an indicator's data: the least advanced of its inputs'.
export function dataState(ind, values) {
  let worst = 'approved';
  for (const inp of ind.inputs || []) {
    const v = values.get(inp.name);
    const s = v ? v.status : 'missing';
    if (ORDER.indexOf(s) < ORDER.indexOf(worst)) worst = s;
  }
  return worst;
}

async function loadList(query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period };
  const [m, scores, values] = await Promise.all([
    methodology(period.methodology),
    get(`/periods/${enc(period.code)}/scores?drafts=1`),
    get(`/periods/${enc(period.code)}/values?unit=${enc(ref.province.code)}`),
  ]);
  return { ref, period, m, scores, values };
}

export function IndicatorsPage({ query }) {
  const { data, error, loading } = useData(() => loadList(query), [query.get('ky')]);
  if (!data) return html`<${Page} title="Chỉ số">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const { ref, period, m } = data;
  if (!period) return html`<${Page} title="Chỉ số"><p>Chưa có kỳ đánh giá nào.</p><//>`;
  const group = query.get('nhom');
  const agency = query.get('co-quan');
  const state = query.get('trang-thai');
  const rows = new Map(data.scores.rows.filter((r) => r.unit === ref.province.code).map((r) => [r.code, r]));
  const values = new Map(data.values.values.map((v) => [v.input, v]));
  const leads = [...new Set(m._index.indicators.map((i) => i.lead))].map((c) => ref.agencyBy.get(c) || { code: c, name: c })
    .sort((a, b) => (a.short || a.name).localeCompare(b.short || b.name, 'vi'));
  const list = m._index.indicators.filter((i) =>
    (!group || i._group.code === group) && (!agency || i.lead === agency || (i.coordinators || []).includes(agency)) &&
    (!state || dataState(i, values) === state));
  return html`<${Page} title="Chỉ số">
    <${PeriodNote} period=${period} />
    <form class="toolbar filters" role="search" aria-label="Lọc chỉ số" onSubmit=${(e) => e.preventDefault()}>
      <${PeriodPicker} periods=${ref.periods} period=${period} />
      <div class="field field-inline">
        <label for="loc-nhom">Nhóm</label>
        <select id="loc-nhom" value=${group || ''} onChange=${(e) => setQuery({ nhom: e.target.value })}>
          <option value="">Tất cả nhóm</option>
          ${m.groups.map((g) => html`<option value=${g.code}>${g.code}. ${g.name}</option>`)}
        </select>
      </div>
      <${AgencySelect} id="loc-co-quan" agencies=${leads} value=${agency}
        onChange=${(v) => setQuery({ 'co-quan': v })} />
      <div class="field field-inline">
        <label for="loc-trang-thai">Số liệu</label>
        <select id="loc-trang-thai" value=${state || ''} onChange=${(e) => setQuery({ 'trang-thai': e.target.value })}>
          <option value="">Mọi trạng thái</option>
          ${ORDER.map((s) => html`<option value=${s}>${VALUE_STATUS[s]}</option>`)}
        </select>
      </div>
    </form>
    <p role="status" class="muted">${list.length} chỉ số. Điểm tính cả số liệu nháp.</p>
    <div class="table-wrap" tabindex="0"><table class="stack">
      <thead><tr><th scope="col">Mã</th><th scope="col">Chỉ số</th><th scope="col">Chủ trì</th>
        <th scope="col" class="num">Điểm</th><th scope="col">Số liệu</th></tr></thead>
      <tbody>${list.map((i) => {
        const r = rows.get(i.code);
        return html`<tr>
          <td><a href=${`/chi-so/${i.code}?ky=${period.code}`}>${i.code}</a></td>
          <td>${i.name}</td>
          <td data-label="Chủ trì">${agencyName(ref, i.lead)}</td>
          <td class="num" data-label="Điểm">${r ? num(r.score, 2) : '—'} / ${num(i.points, 2)}</td>
          <td data-label="Số liệu"><${Badge} status=${dataState(i, values)} /></td></tr>`;
      })}</tbody>
    </table></div>
  <//>`;
}

async function loadOne(code, query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period };
  const m = await methodology(period.methodology);
  const ind = m._index.byCode.get(code);
  if (!ind) return { ref, period, m, ind: null };
  const unit = ref.province.code;
  const [scores, values] = await Promise.all([
    get(`/periods/${enc(period.code)}/scores?explain=1&drafts=1`),
    get(`/periods/${enc(period.code)}/values?unit=${enc(unit)}`),
  ]);
  const evidence = await Promise.all((ind.inputs || []).map((inp) =>
    get(`/periods/${enc(period.code)}/values/${enc(unit)}/${enc(inp.name)}/evidence`)
      .then((e) => e.evidence || [], () => [])));
  const history = await Promise.all(ref.periods.map((p) =>
    get(`/periods/${enc(p.code)}/scores`).then((s) => {
      const r = s.rows.find((x) => x.unit === unit && x.code === code);
      return r ? { period: p.code, score: r.score, max: r.max, status: r.status } : null;
    }, () => null)));
  return {
    ref, period, m, ind, scores, values, evidence,
    history: history.filter(Boolean).sort((a, b) => (a.period < b.period ? -1 : 1)),
  };
}

function valueText(inp, v) {
  if (!v) return '—';
  if (inp.kind === 'yesno') return v.value === '1' ? 'Có' : v.value === '0' ? 'Không' : v.value;
  if (inp.kind === 'choice') {
    const o = (inp.options || []).find((x) => x.code === v.value);
    return o ? o.label : v.value;
  }
  if (inp.kind === 'count' || inp.kind === 'amount') return viText(v.value);
  return v.value;
}

export function IndicatorPage({ params, query }) {
  const { data, error, loading } = useData(() => loadOne(params.code, query), [params.code, query.get('ky')]);
  const title = `Chỉ số ${params.code}`;
  if (!data) return html`<${Page} title=${title}>${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const { ref, period, ind } = data;
  if (!period || !ind) return html`<${Page} title=${title}><p>Không có chỉ số này trong phương pháp của kỳ.</p>
    <p><a href="/chi-so">Danh sách chỉ số</a></p><//>`;
  const unit = ref.province.code;
  const row = data.scores.rows.find((r) => r.unit === unit && r.code === ind.code);
  const values = new Map(data.values.values.map((v) => [v.input, v]));
  const hist = data.history;
  return html`<${Page} title=${`${ind.code}. ${ind.name}`}>
    <p><a href=${`/chi-so?ky=${period.code}`}>← Danh sách chỉ số</a></p>
    <div class="toolbar"><${PeriodPicker} periods=${ref.periods} period=${period} /></div>
    <${PeriodNote} period=${period} />
    <dl class="facts">
      <div><dt>Nhóm</dt><dd>${ind._group.code}. ${ind._group.name}</dd></div>
      <div><dt>Điểm tối đa</dt><dd>${num(ind.points, 2)}</dd></div>
      <div><dt>Cơ quan chủ trì</dt><dd>${agencyName(ref, ind.lead, false)}</dd></div>
      ${(ind.coordinators || []).length > 0 &&
      html`<div><dt>Phối hợp</dt><dd>${ind.coordinators.map((c) => agencyName(ref, c)).join(', ')}</dd></div>`}
    </dl>
    <section class="card" aria-labelledby="diem">
      <h2 id="diem">Điểm kỳ ${period.code}</h2>
      <p class="score-big">${row ? num(row.score, 4) : '—'} <span class="muted">/ ${num(ind.points, 2)} điểm</span></p>
      ${row && row.explain && html`<p><span class="muted">Cách tính với số liệu của tỉnh:</span><br />
        <code class="explain">${row.explain}</code></p>`}
      <p class="small muted">Tính cả số liệu nháp; điểm chính thức chỉ dùng số liệu đã duyệt.</p>
    </section>
    <section class="card" aria-labelledby="quy-tac">
      <h2 id="quy-tac">Cách chấm điểm</h2>
      <div class="rule">${(ind.rule || '').trim().split('\n').map((l) => html`<p>${l}</p>`)}</div>
    </section>
    <section class="card" aria-labelledby="du-lieu">
      <h2 id="du-lieu">Dữ liệu đầu vào</h2>
      <div class="table-wrap" tabindex="0"><table>
        <thead><tr><th scope="col">Mã</th><th scope="col">Nội dung</th><th scope="col">Loại</th>
          <th scope="col" class="num">Giá trị</th><th scope="col">Trạng thái</th><th scope="col">Minh chứng</th></tr></thead>
        <tbody>${(ind.inputs || []).map((inp, k) => {
          const v = values.get(inp.name);
          const ev = data.evidence[k];
          return html`<tr>
            <td>${inp.name}</td><td>${inp.label}</td>
            <td>${INPUT_KIND[inp.kind] || inp.kind}${inp.unit ? ` (${inp.unit})` : ''}</td>
            <td class="num">${valueText(inp, v)}</td>
            <td><${Badge} status=${v ? v.status : 'missing'} />
              ${v && v.comment && html`<div class="small comment">Nhận xét: ${v.comment}</div>`}</td>
            <td>${ev.length === 0 ? html`<span class="muted">Chưa có</span>` :
              html`<ul class="plain">${ev.map((e) => html`<li>
                ${e.file ? html`<a href=${`/api/v1/files/${e.file.sha256}`} download>${e.file.name || 'Tệp'}</a>` : 'Văn bản'}
                ${e.doc_number && ` · số ${e.doc_number}`}${e.doc_date && ` · ngày ${date(e.doc_date)}`}
                <span class="small muted"> (${e.added_by}, ${time(e.added_at)})</span></li>`)}</ul>`}</td></tr>`;
        })}</tbody>
      </table></div>
    </section>
    <section class="card" aria-labelledby="lich-su">
      <h2 id="lich-su">Qua các kỳ</h2>
      ${hist.length > 1 && html`<${ChartBox} height=${200} label=${`Điểm chỉ số ${ind.code} qua các kỳ; số liệu ở bảng dưới`}
        config=${{ type: 'bar', data: { labels: hist.map((x) => x.period),
          datasets: [{ label: 'Điểm', data: hist.map((x) => x.score), backgroundColor: '#0b5394' }] },
          options: { scales: { y: { beginAtZero: true, max: ind.points } } } }} />`}
      <table class="compact">
        <thead><tr><th scope="col">Kỳ</th><th scope="col" class="num">Điểm (số liệu đã duyệt)</th></tr></thead>
        <tbody>${hist.map((x) => html`<tr><th scope="row">${x.period}</th>
          <td class="num">${num(x.score, 4)} / ${num(x.max, 2)}</td></tr>`)}</tbody>
      </table>
    </section>
  <//>`;
}

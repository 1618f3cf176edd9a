// page_analysis.js: the analysis of a period (issue 11), one tab each:
// where the points are lost (pillar, group, lead agency, indicator; the
// quick wins with the agency and the plan's task), what-if
// (page_analysis_whatif.js), rank and year on year (the plan's phrases,
// the placement, the index over the years from the recorded results) and
// sensitivity. Every number comes from the API (docs/analysis.md).
import { html, useState } from './lib.js';
import { get, post, enc } from './api.js';
import { num, index as fmtIndex } from './fmt.js';
import { setQuery } from './router.js';
import {
  useData, Loading, ErrorBox, Page, reference, choosePeriod, PeriodPicker, PeriodNote,
  methodology, agencyName, Bar,
} from './ui.js';
import { ChartBox } from './charts.js';
import { WhatIf } from './page_analysis_whatif.js';
import { valueWords, rankWords, khaWords } from './page_analysis_text.js';

const SECTIONS = [
  ['mat-diem', 'Điểm bị mất'],
  ['gia-dinh', 'Giả định'],
  ['xep-hang', 'Xếp hạng và so sánh năm'],
  ['do-nhay', 'Độ nhạy'],
];

// Coordinators and admins may look at the working figures (drafts too).
export function mayDraft(user) {
  return user.role === 'coordinator' || user.role === 'admin';
}

// The first ${FIRST} rows of a long list, and a button for the rest (a
// phone would scroll through a hundred rows otherwise).
const FIRST = 15;
function first(rows, all, setAll) {
  const shown = all ? rows : rows.slice(0, FIRST);
  const more = rows.length > FIRST && html`<p><button type="button" aria-expanded=${all ? 'true' : 'false'}
    onClick=${() => setAll(!all)}>${all ? `Chỉ hiện ${FIRST} dòng đầu` : `Hiện tất cả ${rows.length} dòng`}</button></p>`;
  return [shown, more];
}

// The loss of a pillar is an index (0..1); of the rest, points.
const shownPillar = (v) => fmtIndex(v);
const shownPoints = (v) => num(v, 2);

function LossTable({ id, title, rows, name, fmt = shownPoints, unitWord = 'điểm' }) {
  return html`<section class="card" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    <div class="table-wrap" tabindex="0"><table class="stack" id=${'bang-' + id}>
      <thead><tr><th scope="col">Thứ tự</th><th scope="col">Tên</th><th scope="col" class="num">Đạt / tối đa</th>
        <th scope="col" class="num">Bị mất</th><th scope="col">Tỷ lệ mất</th></tr></thead>
      <tbody>${rows.map((r, k) => html`<tr>
        <td data-label="Thứ tự">${k + 1}</td>
        <th scope="row">${name(r)}</th>
        <td class="num" data-label="Đạt / tối đa">${fmt(r.score)} / ${fmt(r.max)}</td>
        <td class="num strong" data-label="Bị mất">${fmt(r.lost)}</td>
        <td data-label="Tỷ lệ mất"><${Bar} value=${r.lost} max=${r.max} tone="tone-red"
          label=${`${r.code}: mất ${fmt(r.lost)} trên ${fmt(r.max)} ${unitWord}`} />
          <span class="small"> ${r.max > 0 ? num((r.lost / r.max) * 100, 1) + ' %' : '—'}</span></td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

// "Không → Có", "Chưa triển khai → Đã triển khai …"
function step(inp, from, to) {
  return `${valueWords(inp, from)} → ${valueWords(inp, to)}`;
}

function Losses({ ctx }) {
  const { ref, period, m, drafts } = ctx;
  const { data, error, loading } = useData(
    () => get(`/periods/${enc(period.code)}/losses${drafts ? '?drafts=1' : ''}`), [period.code, drafts]);
  const [all, setAll] = useState(false);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`;
  const inds = data.indicators.filter((i) => i.lost > 0.00005);
  const [indRows, indMore] = first(inds, all, setAll);
  const agencies = data.agencies.filter((a) => a.max > 0);
  const inputOf = m._index.inputOf;
  return html`
    <p class="lead-figure" id="tong-diem">Tổng điểm <strong>${num(data.total, 2)}</strong> / ${num(data.max, 0)};
      bị mất <strong>${num(data.max - data.total, 2)}</strong> điểm.</p>
    <section class="card" aria-labelledby="loi-nhanh">
      <h2 id="loi-nhanh">Việc làm ngay (một bước Có/Không hoặc một lựa chọn)</h2>
      <p class="small muted">Mỗi dòng: điểm tăng thêm nếu chỉ thay đổi giá trị đó, cơ quan phải thực hiện và nhiệm vụ của Kế hoạch liên quan.</p>
      ${data.quick_wins.length === 0 ? html`<p>Không còn việc nào như vậy.</p>` :
        html`<div class="table-wrap" tabindex="0"><table class="stack" id="bang-viec-lam-ngay">
        <thead><tr><th scope="col">Dữ liệu đầu vào</th><th scope="col">Cần làm</th>
          <th scope="col" class="num">Điểm tăng</th><th scope="col">Cơ quan thực hiện</th><th scope="col">Nhiệm vụ</th></tr></thead>
        <tbody>${data.quick_wins.map((w) => {
          const x = inputOf.get(w.input);
          const ind = m._index.byCode.get(w.indicator);
          const tasks = (w.tasks || '').split(',').filter(Boolean);
          return html`<tr>
            <th scope="row"><a href=${`/chi-so/${enc(w.indicator)}?ky=${enc(period.code)}`}>${w.input}</a>${' '}
              ${ind ? ind.name : w.label}${ind && w.label && w.label !== ind.name && html`<div class="small muted">${w.label}</div>`}</th>
            <td data-label="Cần làm">${step(x && x.input, w.now, w.to)}</td>
            <td class="num strong" data-label="Điểm tăng">+${num(w.points, 2)}</td>
            <td data-label="Cơ quan thực hiện">${agencyName(ref, w.agency)}</td>
            <td data-label="Nhiệm vụ">${tasks.length === 0 ? html`<span class="muted">Chưa gắn nhiệm vụ</span>` :
              tasks.map((t) => html`<a class="code" href=${`/nhiem-vu?co-quan=${enc(w.agency || '')}`}
                aria-label=${`Nhiệm vụ ${t} (danh sách nhiệm vụ của ${agencyName(ref, w.agency)})`}>${t}</a> `)}</td></tr>`;
        })}</tbody></table></div>`}
    </section>
    <div class="grid-2">
      <${LossTable} id="mat-tru-cot" title="Theo trụ cột (chỉ số 0–1)" rows=${data.pillars}
        fmt=${shownPillar} unitWord="" name=${(r) => `${r.name} (${r.code})`} />
      <${LossTable} id="mat-nhom" title="Theo nhóm chỉ số" rows=${data.groups} name=${(r) => `${r.code}. ${r.name}`} />
    </div>
    <${LossTable} id="mat-co-quan" title="Theo cơ quan chủ trì" rows=${agencies}
      name=${(r) => html`<a href=${`/chi-so?ky=${enc(period.code)}&co-quan=${enc(r.code)}`}>${agencyName(ref, r.code, false)}</a>`} />
    <section class="card" aria-labelledby="mat-chi-so">
      <h2 id="mat-chi-so">Theo chỉ số (${inds.length} chỉ số chưa đạt tối đa)</h2>
      <div class="table-wrap" tabindex="0"><table class="stack" id="bang-mat-chi-so">
        <thead><tr><th scope="col">Chỉ số</th><th scope="col">Cơ quan chủ trì</th><th scope="col" class="num">Tối đa</th>
          <th scope="col" class="num">Đạt</th><th scope="col" class="num">Bị mất</th></tr></thead>
        <tbody>${indRows.map((i) => html`<tr>
          <th scope="row"><a href=${`/chi-so/${enc(i.code)}?ky=${enc(period.code)}`}>${i.code}</a> ${i.name}</th>
          <td data-label="Cơ quan chủ trì">${agencyName(ref, i.agency)}</td>
          <td class="num" data-label="Tối đa">${num(i.max, 2)}</td>
          <td class="num" data-label="Đạt">${num(i.score, 2)}</td>
          <td class="num strong" data-label="Bị mất">${num(i.lost, 2)}</td></tr>`)}</tbody>
      </table></div>
      ${indMore}
    </section>`;
}

// The recorded results of the province, whatever its name's prefix
// ("Tỉnh Ninh Thuận" is recorded as "Ninh Thuận").
function ofProvince(results, name) {
  return results.filter((r) => r.province && (r.province === name || name.endsWith(' ' + r.province)));
}

async function loadRank(period, drafts) {
  const [trend, results, now] = await Promise.all([
    get(`/periods/${enc(period.code)}/trend${drafts ? '?drafts=1' : ''}`),
    get('/results'),
    // the place of the period's own index: a what-if that changes nothing
    post(`/periods/${enc(period.code)}/whatif`, drafts ? { include_drafts: true } : {}),
  ]);
  return { trend, results: results.results, now };
}

function Rank({ ctx }) {
  const { ref, period, drafts } = ctx;
  const { data, error, loading } = useData(() => loadRank(period, drafts), [period.code, drafts]);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`;
  const { trend, now } = data;
  const mine = ofProvince(data.results, ref.province.name);
  const avg = data.results.filter((r) => r.province === '' && r.index !== null);
  const years = [...new Set([...mine.map((r) => r.year), ...avg.map((r) => r.year)])].sort();
  const at = (list, y) => {
    const x = list.find((r) => r.year === y && r.index !== null);
    return x ? x.index : null;
  };
  const config = {
    type: 'line',
    data: {
      labels: years.map(String),
      datasets: [
        { label: ref.province.name, data: years.map((y) => at(mine, y)), borderColor: '#0b5394', backgroundColor: '#0b5394' },
        { label: 'Trung bình các tỉnh', data: years.map((y) => at(avg, y)), borderColor: '#6b7280', backgroundColor: '#6b7280', borderDash: [6, 4] },
      ],
    },
    options: { spanGaps: true, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, max: 1 } } },
  };
  const pl = now.place_before;
  // the published result of the period's year, placed by the same rule
  // (docs/analysis.md: "khá" at or above the provinces' average)
  const pub = mine.find((r) => r.year === pl.year && r.index !== null && r.rank);
  const threshold = at(avg, pl.year);
  const published = pub && {
    ...pub,
    place: threshold === null ? null : {
      kha_threshold: threshold, group: pub.index >= threshold ? 'khá' : 'dưới khá',
      to_kha: Math.max(0, threshold - pub.index),
    },
  };
  return html`
    <section class="card" aria-labelledby="so-sanh-nam">
      <h2 id="so-sanh-nam">Năm ${trend.year} so với năm ${trend.previous_year}</h2>
      ${trend.lines.length === 0 ? html`<p>Chưa có kết quả của hai năm để so sánh.</p>` :
        html`<ul class="phrases" id="cau-so-sanh">${trend.lines.map((l) => html`<li data-code=${l.code}>
          <strong>${l.code === 'INDEX' ? 'Chỉ số DTI' : `${l.name} (${l.code})`}</strong>: ${l.text.vi.replace(/ %/g, '\u00a0%')}</li>`)}</ul>`}
      <p class="small muted">Theo kết quả đã công bố của hai năm; năm chưa có kết quả công bố thì lấy điểm của kỳ.
        Nhóm chỉ số tính theo tỷ lệ điểm đạt trên điểm tối đa.</p>
    </section>
    <section class="card" aria-labelledby="vi-tri">
      <h2 id="vi-tri">Vị trí của chỉ số tính từ số liệu kỳ ${period.code}</h2>
      <p id="vi-tri-ky">Chỉ số <strong>${fmtIndex(now.index_before)}</strong>: ${rankWords(pl)}; ${khaWords(pl)}.</p>
      ${published && html`<p id="vi-tri-cong-bo">Kết quả đã công bố năm ${published.year}: chỉ số <strong>${fmtIndex(published.index)}</strong>,
        xếp thứ ${published.rank}/63; ${khaWords(published.place)}.</p>`}
      <p class="small muted">Hạng đặt chỉ số của kỳ giữa các tỉnh có chỉ số đã công bố năm ${pl.year};
        khi dữ liệu công bố thiếu chỉ số của nhiều tỉnh, hạng là một khoảng.</p>
    </section>
    <section class="card" aria-labelledby="qua-cac-nam">
      <h2 id="qua-cac-nam">Chỉ số DTI qua các năm (kết quả đã công bố)</h2>
      ${years.length === 0 ? html`<p>Chưa ghi nhận kết quả đã công bố nào (lệnh <code>dti results import</code>).</p>` : html`
      <${ChartBox} config=${config} height=${260} label="Biểu đồ Chỉ số DTI của tỉnh và trung bình các tỉnh qua các năm; số liệu ở bảng dưới" />
      <div class="table-wrap" tabindex="0"><table class="compact" id="bang-qua-cac-nam">
        <caption class="sr-only">Chỉ số DTI qua các năm</caption>
        <thead><tr><th scope="col">Năm</th><th scope="col" class="num">Chỉ số</th><th scope="col" class="num">Hạng</th>
          <th scope="col" class="num">Trung bình</th></tr></thead>
        <tbody>${years.map((y) => {
          const r = mine.find((x) => x.year === y);
          return html`<tr><th scope="row">${y}</th>
            <td class="num">${r && r.index !== null ? fmtIndex(r.index) : '—'}</td>
            <td class="num">${r && r.rank ? `${r.rank}/63` : '—'}</td>
            <td class="num">${at(avg, y) !== null ? fmtIndex(at(avg, y)) : '—'}</td></tr>`;
        })}</tbody>
      </table></div>`}
    </section>`;
}

function Sensitivity({ ctx }) {
  const { ref, period, m, drafts } = ctx;
  const { data, error, loading } = useData(
    () => get(`/periods/${enc(period.code)}/sensitivity${drafts ? '?drafts=1' : ''}`), [period.code, drafts]);
  const [all, setAll] = useState(false);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`;
  const inputOf = m._index.inputOf;
  const [rows, more] = first(data.steps, all, setAll);
  return html`<section class="card" aria-labelledby="do-nhay-h">
    <h2 id="do-nhay-h">Bước tiếp theo của mỗi chỉ số, xếp theo điểm trên một đơn vị công sức</h2>
    <p>Chỉ số của kỳ <strong>${fmtIndex(data.index)}</strong>: ${rankWords(data.place)}.</p>
    <p class="small muted">Công sức: mức tăng tương đối của dữ liệu đầu vào (từ 100 lên 120 là 0,2); một bước Có/Không
      hoặc một lựa chọn tính là 1. “Bậc xếp hạng”: số bậc hạng tốt nhất có thể tăng lên nhờ số điểm đó.</p>
    <div class="table-wrap" tabindex="0"><table class="stack" id="bang-do-nhay">
      <thead><tr><th scope="col">Chỉ số</th><th scope="col">Bước tiếp theo</th><th scope="col" class="num">Điểm tăng</th>
        <th scope="col" class="num">Bậc xếp hạng</th><th scope="col" class="num">Công sức</th><th scope="col">Cơ quan</th></tr></thead>
      <tbody>${rows.map((s) => {
        const x = inputOf.get(s.input);
        return html`<tr>
          <th scope="row"><a href=${`/chi-so/${enc(s.indicator)}?ky=${enc(period.code)}`}>${s.indicator}</a> ${s.name}</th>
          <td data-label="Bước tiếp theo"><span class="code">${s.input}</span>: ${step(x && x.input, s.from, s.to)}</td>
          <td class="num strong" data-label="Điểm tăng">+${num(s.points, 2)}</td>
          <td class="num" data-label="Bậc xếp hạng">${s.ranks}</td>
          <td class="num" data-label="Công sức">${num(s.effort, 2)}</td>
          <td data-label="Cơ quan">${agencyName(ref, s.agency)}</td></tr>`;
      })}</tbody>
    </table></div>
    ${more}
  </section>`;
}

async function load(query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period: null };
  const m = await methodology(period.methodology);
  return { ref, period, m };
}

export function AnalysisPage({ params, query, user }) {
  const section = params.section || 'mat-diem';
  const name = (SECTIONS.find((s) => s[0] === section) || [0, null])[1];
  const { data, error, loading } = useData(() => load(query), [query.get('ky')]);
  const title = 'Phân tích' + (name ? ' — ' + name : '');
  if (!name) return html`<${Page} title="Phân tích"><p>Không có mục này.</p><p><a href="/phan-tich">Về trang phân tích</a></p><//>`;
  if (!data) return html`<${Page} title=${title}>${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const { ref, period } = data;
  if (!period) return html`<${Page} title=${title}><p>Chưa có kỳ đánh giá nào.</p><//>`;
  const drafts = mayDraft(user) && query.get('nhap') === '1';
  const ctx = { ...data, drafts, user };
  const keep = `?ky=${enc(period.code)}${drafts ? '&nhap=1' : ''}`;
  return html`<${Page} title=${title}>
    <nav aria-label="Các mục phân tích" class="tabs"><ul>${SECTIONS.map(([k, v]) => html`<li>
      <a href=${'/phan-tich/' + k + keep} aria-current=${k === section ? 'page' : null}>${v}</a></li>`)}</ul></nav>
    <div class="toolbar">
      <${PeriodPicker} periods=${ref.periods} period=${period} />
      ${mayDraft(user) && html`<div class="field field-inline field-check">
        <input type="checkbox" id="tinh-ca-nhap" checked=${drafts} onChange=${(e) => setQuery({ nhap: e.target.checked ? '1' : null })} />
        <label for="tinh-ca-nhap">Tính cả số liệu chưa duyệt</label></div>`}
    </div>
    <${PeriodNote} period=${period} />
    <p class="small muted">${drafts ? 'Tính cả số liệu nháp và chờ duyệt.' : 'Chỉ tính số liệu đã duyệt.'}</p>
    ${section === 'mat-diem' && html`<${Losses} ctx=${ctx} />`}
    ${section === 'gia-dinh' && html`<${WhatIf} ctx=${ctx} />`}
    ${section === 'xep-hang' && html`<${Rank} ctx=${ctx} />`}
    ${section === 'do-nhay' && html`<${Sensitivity} ctx=${ctx} />`}
  <//>`;
}

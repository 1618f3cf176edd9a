// page_overview.js: the leaders' page: the province's index for a period
// with CQS, KTS and XHS; the 9 groups against their maximum; the index over
// periods beside the published history; the indicators losing the most
// points and their lead agency; completeness per agency. Prints on A4.
import { html } from './lib.js';
import { get, enc } from './api.js';
import { num, index as fmtIndex, date, time } from './fmt.js';
import {
  useData, Loading, ErrorBox, Page, reference, choosePeriod, periodTag, PeriodPicker, PeriodNote,
  methodology, agencyName, Bar,
} from './ui.js';
import { ChartBox } from './charts.js';
import { PUBLISHED, AVERAGE } from './published.js';

async function load(query) {
  const ref = await reference();
  const period = choosePeriod(ref.periods, query);
  if (!period) return { ref, period: null };
  const [m, scores, status] = await Promise.all([
    methodology(period.methodology),
    get(`/periods/${enc(period.code)}/scores`),
    get(`/periods/${enc(period.code)}/status`),
  ]);
  // the index of every period of the same series (kind and tag: the demo's
  // years apart from the real ones), for the trend
  const series = ref.periods.filter((p) => p.kind === period.kind &&
    periodTag(p.code) === periodTag(period.code));
  const others = await Promise.all(series.map((p) =>
    p.code === period.code ? Promise.resolve(scores) :
      get(`/periods/${enc(p.code)}/scores`).catch(() => null)));
  const trend = series.map((p, i) => {
    const r = others[i] && others[i].rows.find((x) => x.unit === ref.province.code && x.code === 'INDEX');
    return { period: p.code, year: p.year, index: r ? r.score : null, label: p.label };
  }).filter((x) => x.index !== null).sort((a, b) => (a.period < b.period ? -1 : 1));
  return { ref, period, m, scores, status, trend };
}

function Figures({ rows }) {
  const f = (c) => rows.get(c);
  const card = (code, name, v, max) => html`<div class="figure">
    <div class="figure-name">${name}</div>
    <div class="figure-value">${v ? fmtIndex(v.score) : '—'}</div>
    ${max && html`<div class="figure-sub">${v ? num(f('TOTAL').score, 1) : '—'} / ${num(1000, 0)} điểm</div>`}
  </div>`;
  return html`<section aria-labelledby="chi-so-chinh" class="figures-wrap">
    <h2 id="chi-so-chinh" class="sr-only">Chỉ số chính</h2>
    <div class="figures">
      ${card('INDEX', 'Chỉ số DTI', f('INDEX'), true)}
      ${card('CQS', 'Chính quyền số (CQS)', f('CQS'))}
      ${card('KTS', 'Kinh tế số (KTS)', f('KTS'))}
      ${card('XHS', 'Xã hội số (XHS)', f('XHS'))}
    </div>
  </section>`;
}

function Groups({ m, rows }) {
  const groups = m.groups.filter((g) => g.points > 0);
  const data = groups.map((g) => ({ g, r: rows.get(g.code) }));
  const config = {
    type: 'bar',
    data: {
      labels: data.map((x) => `${x.g.code}. ${x.g.name}`),
      datasets: [
        { label: 'Điểm đạt', data: data.map((x) => (x.r ? x.r.score : 0)), backgroundColor: '#0b5394' },
        { label: 'Điểm tối đa', data: data.map((x) => x.g.points), backgroundColor: '#c9d6e3' },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { position: 'bottom' } },
      scales: { x: { beginAtZero: true } },
    },
  };
  return html`<section aria-labelledby="nhom-chi-so" class="card">
    <h2 id="nhom-chi-so">Điểm theo 9 nhóm chỉ số</h2>
    <${ChartBox} config=${config} label="Biểu đồ điểm đạt và điểm tối đa của các nhóm chỉ số; số liệu ở bảng dưới" />
    <details class="chart-table">
      <summary>Bảng số liệu</summary>
      <table>
        <thead><tr><th scope="col">Nhóm</th><th scope="col" class="num">Điểm đạt</th>
          <th scope="col" class="num">Tối đa</th><th scope="col" class="num">Tỷ lệ</th></tr></thead>
        <tbody>${m.groups.map((g) => {
          const r = rows.get(g.code);
          return html`<tr><th scope="row">${g.code}. ${g.name}</th>
            <td class="num">${r ? num(r.score, 2) : '—'}</td><td class="num">${num(g.points, 0)}</td>
            <td class="num">${r && g.points > 0 ? num((r.score / g.points) * 100, 1) + ' %' : '—'}</td></tr>`;
        })}</tbody>
      </table>
    </details>
  </section>`;
}

function Trend({ trend }) {
  const years = [...new Set([...PUBLISHED.map((p) => p.year), ...AVERAGE.map((a) => a.year),
    ...trend.map((t) => t.year)])].sort();
  const at = (list, y) => {
    const x = list.find((p) => p.year === y);
    return x ? x.index : null;
  };
  const config = {
    type: 'line',
    data: {
      labels: years.map(String),
      datasets: [
        { label: 'Ninh Thuận (đã công bố)', data: years.map((y) => at(PUBLISHED, y)), borderColor: '#0b5394', backgroundColor: '#0b5394' },
        { label: 'Tính từ số liệu trong hệ thống', data: years.map((y) => at(trend, y)), borderColor: '#b45309', backgroundColor: '#b45309', borderDash: [6, 4] },
        { label: 'Trung bình 63 tỉnh', data: years.map((y) => at(AVERAGE, y)), borderColor: '#6b7280', backgroundColor: '#6b7280' },
      ],
    },
    options: {
      spanGaps: true,
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, max: 1 } },
    },
  };
  return html`<section aria-labelledby="xu-huong" class="card">
    <h2 id="xu-huong">Chỉ số DTI qua các năm</h2>
    <${ChartBox} config=${config} height=${260} label="Biểu đồ Chỉ số DTI của tỉnh qua các năm; số liệu ở bảng dưới" />
    <div class="table-wrap" tabindex="0"><table class="compact">
      <caption class="sr-only">Chỉ số DTI qua các năm</caption>
      <thead><tr><th scope="col">Năm</th><th scope="col" class="num">Đã công bố</th>
        <th scope="col" class="num">Xếp hạng</th><th scope="col" class="num">Trong hệ thống</th>
        <th scope="col" class="num">Trung bình 63 tỉnh</th></tr></thead>
      <tbody>${years.map((y) => {
        const p = PUBLISHED.find((x) => x.year === y);
        const t = trend.find((x) => x.year === y);
        return html`<tr><th scope="row">${y}</th>
          <td class="num">${p ? (p.approx ? '≈ ' : '') + fmtIndex(p.index) : '—'}</td>
          <td class="num">${p ? `${p.rank}/63` : '—'}</td>
          <td class="num">${t ? fmtIndex(t.index) : '—'}</td>
          <td class="num">${at(AVERAGE, y) !== null ? fmtIndex(at(AVERAGE, y)) : '—'}</td></tr>`;
      })}</tbody>
    </table></div>
    <p class="small muted">Nguồn đã công bố: ${PUBLISHED.map((p) => `${p.year}: ${p.source}`).join('; ')}.
      Số “trong hệ thống” tính từ số liệu đã nhập${trend.some((t) => t.label) ? ' (có kỳ là số liệu minh họa)' : ''}.</p>
  </section>`;
}

function Losses({ m, rows, refd: ref, period }) {
  const list = m._index.indicators.filter((i) => !i.parent && i.points > 0).map((i) => {
    const r = rows.get(i.code);
    return { i, r, lost: i.points - (r ? r.score : 0) };
  }).filter((x) => x.lost > 0.0001).sort((a, b) => b.lost - a.lost).slice(0, 10);
  return html`<section aria-labelledby="mat-diem" class="card">
    <h2 id="mat-diem">Các chỉ số mất nhiều điểm nhất</h2>
    <div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Chỉ số (cơ quan chủ trì)</th>
        <th scope="col" class="num">Đạt</th><th scope="col" class="num">Mất</th></tr></thead>
      <tbody>${list.map((x) => html`<tr>
        <th scope="row"><a href=${`/chi-so/${x.i.code}?ky=${period.code}`}>${x.i.code}</a> ${x.i.name}
          <div class="small muted">${agencyName(ref, x.i.lead)}</div></th>
        <td class="num">${x.r ? num(x.r.score, 2) : '—'} / ${num(x.i.points, 0)}</td>
        <td class="num strong">${num(x.lost, 2)}</td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

function Completeness({ status, refd: ref, period }) {
  const rows = [...status.agencies].sort((a, b) =>
    (b.overdue - a.overdue) || (a.filled / (a.inputs || 1)) - (b.filled / (b.inputs || 1)));
  const state = (a) => {
    // waiting for Sở TTTT comes first: the agency has done its part
    if (a.submitted > 0) return html`<span class="badge badge-submitted">Chờ duyệt</span>`;
    if (a.overdue) return html`<span class="badge badge-late">Quá hạn</span>`;
    if (a.returned > 0) return html`<span class="badge badge-returned">Bị trả lại</span>`;
    if (a.approved === a.inputs && a.inputs > 0) return html`<span class="badge badge-approved">Đã duyệt</span>`;
    if (a.complete) return html`<span class="badge badge-draft">Đủ, chưa gửi</span>`;
    return html`<span class="badge badge-missing">Đang nhập</span>`;
  };
  return html`<section aria-labelledby="tien-do" class="card">
    <h2 id="tien-do">Tiến độ cung cấp số liệu kỳ ${period.code}</h2>
    <p>${`Hạn của các cơ quan: ${date(period.agency_due)}. ` +
      `${status.agencies.filter((a) => a.overdue).length} cơ quan quá hạn, ` +
      `${status.agencies.filter((a) => a.submitted > 0).length} cơ quan chờ duyệt.`}</p>
    <div class="table-wrap" tabindex="0"><table>
      <thead><tr><th scope="col">Cơ quan</th><th scope="col">Đã nhập</th>
        <th scope="col" class="num">Chờ duyệt</th><th scope="col" class="num hide-phone">Trả lại</th>
        <th scope="col" class="hide-phone">Gửi</th><th scope="col">Trạng thái</th></tr></thead>
      <tbody>${rows.map((a) => html`<tr class=${a.overdue ? 'row-late' : ''}>
        <th scope="row"><a href=${`/co-quan/${a.agency}?ky=${period.code}`}>${agencyName(ref, a.agency)}</a></th>
        <td><${Bar} value=${a.filled} max=${a.inputs} label=${`${a.agency}: đã nhập ${a.filled} trên ${a.inputs}`} />
          <span class="small">${a.filled}/${a.inputs}</span></td>
        <td class="num">${a.submitted}</td><td class="num hide-phone">${a.returned}</td>
        <td class="small hide-phone">${a.late ? html`<span class="late">Trễ hạn</span>` : a.on_time ? 'Đúng hạn' : '—'}${
          a.submitted_last ? html`<br />gửi ${time(a.submitted_last)}` : ''}${
          a.approved_at ? html`<br />duyệt ${time(a.approved_at)}` : ''}</td>
        <td>${state(a)}</td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

export function OverviewPage({ query }) {
  const { data, error, loading } = useData(() => load(query), [query.get('ky')]);
  const print = html`<button type="button" class="no-print" onClick=${() => window.print()}>In trang (A4)</button>`;
  if (!data) return html`<${Page} title="Tổng quan">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const { ref, period } = data;
  if (!period) return html`<${Page} title="Tổng quan"><p>Chưa có kỳ đánh giá nào.</p><//>`;
  const rows = new Map(data.scores.rows.filter((r) => r.unit === ref.province.code).map((r) => [r.code, r]));
  return html`<${Page} title=${`Tổng quan — ${ref.province.name}, kỳ ${period.code}`} actions=${print}>
    <div class="toolbar no-print"><${PeriodPicker} periods=${ref.periods} period=${period} /></div>
    <${PeriodNote} period=${period} />
    <${Figures} rows=${rows} />
    <div class="grid-2">
      <${Groups} m=${data.m} rows=${rows} />
      <${Trend} trend=${data.trend} />
    </div>
    <div class="grid-2">
      <${Losses} m=${data.m} rows=${rows} refd=${ref} period=${period} />
      <${Completeness} status=${data.status} refd=${ref} period=${period} />
    </div>
  <//>`;
}

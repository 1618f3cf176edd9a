// page_plan.js: the plan's tasks by group with their status, overdue ones
// highlighted, filtered by agency; the targets with a progress bar and a
// traffic light (always with its words, never colour alone).
import { html } from './lib.js';
import { get } from './api.js';
import { num, pct, date } from './fmt.js';
import { setQuery } from './router.js';
import { useData, Loading, ErrorBox, Page, reference, agencyName, Badge, Bar, AgencySelect } from './ui.js';
import { TASK_STATUS, TARGET_STATE } from './words.js';

async function loadTasks() {
  const [ref, t] = await Promise.all([reference(), get('/tasks')]);
  return { ref, tasks: t.tasks };
}

export function TasksPage({ query }) {
  const { data, error, loading } = useData(loadTasks, []);
  if (!data) return html`<${Page} title="Nhiệm vụ">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const { ref, tasks } = data;
  const agency = query.get('co-quan');
  const late = query.get('qua-han') === '1';
  const codes = new Set(tasks.flatMap((t) => [...t.leads, ...t.coordinators]));
  const agencies = ref.agencies.filter((a) => codes.has(a.code));
  const list = tasks.filter((t) => (!agency || t.leads.includes(agency) || t.coordinators.includes(agency)) &&
    (!late || t.overdue));
  const groups = [];
  for (const t of list) {
    let g = groups.find((x) => x.code === t.group);
    if (!g) groups.push((g = { code: t.group, name: t.group_name, tasks: [] }));
    g.tasks.push(t);
  }
  const overdue = tasks.filter((t) => t.overdue).length;
  return html`<${Page} title="Nhiệm vụ của Kế hoạch">
    <p>${tasks.length} nhiệm vụ; <span class="late">${overdue} quá hạn</span>.</p>
    <form class="toolbar filters" role="search" aria-label="Lọc nhiệm vụ" onSubmit=${(e) => e.preventDefault()}>
      <${AgencySelect} id="loc-co-quan" agencies=${agencies} value=${agency} onChange=${(v) => setQuery({ 'co-quan': v })} />
      <div class="field field-inline field-check">
        <input type="checkbox" id="loc-qua-han" checked=${late} onChange=${(e) => setQuery({ 'qua-han': e.target.checked ? '1' : null })} />
        <label for="loc-qua-han">Chỉ nhiệm vụ quá hạn</label>
      </div>
    </form>
    <p role="status" class="muted">${list.length} nhiệm vụ được hiển thị.</p>
    ${groups.map((g) => html`<section class="card" aria-label=${g.name}>
      <h2>${g.name}</h2>
      <ul class="tasks">${g.tasks.map((t) => html`<li class=${t.overdue ? 'task late-row' : 'task'}>
        <div class="task-head"><span class="code">${t.code}</span>
          <${Badge} status=${t.status} words=${TASK_STATUS} />
          ${t.overdue && html`<span class="badge badge-late">Quá hạn</span>`}</div>
        <p>${t.text}</p>
        <p class="small muted">Chủ trì: ${t.leads.map((c) => agencyName(ref, c)).join(', ') || t.lead_text}
          ${t.coordinators.length > 0 && ` · Phối hợp: ${t.coordinators.map((c) => agencyName(ref, c)).join(', ')}`}
          · Thời hạn: ${t.due_date ? date(t.due_date) : t.due_text || 'không ghi'}
          ${t.indicators.length > 0 && html` · Chỉ số: ${t.indicators.map((i) => html`<a href=${'/chi-so/' + i}>${i}</a> `)}`}</p>
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
    <p class="legend">${Object.entries(LIGHT).map(([k, v]) => html`<span class=${'light light-' + k} aria-hidden="true"></span> ${v} `)}</p>
    <div class="table-wrap" tabindex="0"><table class="stack">
      <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col" class="num">Mục tiêu</th>
        <th scope="col" class="num">Hiện tại</th><th scope="col">Tiến độ</th><th scope="col">Đánh giá</th></tr></thead>
      <tbody>${list.map((t) => {
        const l = light(t);
        return html`<tr>
          <th scope="row">${t.text}
            <div class="small muted">Năm ${t.year}${t.indicator ? html` · chỉ số <a href=${'/chi-so/' + t.indicator}>${t.indicator}</a>` : ''}
              ${t.period && ` · số liệu kỳ ${t.period}`}</div></th>
          <td class="num" data-label="Mục tiêu">${shownValue(t, t.target)}${t.target_max !== null ? ` – ${shownValue(t, t.target_max)}` : ''}</td>
          <td class="num" data-label="Hiện tại">${shownValue(t, t.value)}</td>
          <td data-label="Tiến độ">${t.progress !== null ? html`<${Bar} value=${Math.min(t.progress, 1)} max=${1} tone=${'tone-' + l}
            label=${`${t.text}: ${pct(t.progress, 0)} mục tiêu`} /> <span class="small">${pct(t.progress, 0)}</span>` : '—'}</td>
          <td data-label="Đánh giá"><span class=${'light light-' + l} aria-hidden="true"></span> ${TARGET_STATE[t.state] || t.state}</td></tr>`;
      })}</tbody>
    </table></div>
  <//>`;
}

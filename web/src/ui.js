// ui.js: what the pages share: loading data, errors, the period picker,
// badges, bars and the reference data (agencies, units, methodology).
import { html, useState, useEffect, useRef } from './lib.js';
import { cached, get } from './api.js';
import { setQuery } from './router.js';
import { date } from './fmt.js';
import { VALUE_STATUS, PERIOD_STATUS } from './words.js';

// useData(load, deps): {data, error, loading, reload} of an async ${load}.
export function useData(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

export function Loading() {
  return html`<p class="loading" role="status">Đang tải…</p>`;
}

// sentence("thử lại sau 5 giây"): "Thử lại sau 5 giây." (the API's
// messages are phrases, to be quoted inside others)
export function sentence(t) {
  const s = String(t || '').trim();
  if (!s) return s;
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) + (/[.!?:]$/.test(s) ? '' : '.');
}

// An error of the API: its Vietnamese message and the details under it.
export function ErrorBox({ error, title }) {
  if (!error) return null;
  return html`<div class="alert alert-error" role="alert">
    ${title && html`<strong>${title} </strong>`}${sentence(error.message)}
    ${error.details && error.details.length > 0 &&
    html`<ul>${error.details.slice(0, 20).map((d) => html`<li>${sentence(d)}</li>`)}</ul>`}
  </div>`;
}

export function Notice({ kind = 'info', children }) {
  return html`<div class=${'alert alert-' + kind} role=${kind === 'ok' ? 'status' : null}>${children}</div>`;
}

// Page frame: the title that takes focus when the page changes.
export function Page({ title, children, actions }) {
  useEffect(() => {
    document.title = `${title} — DTI Ninh Thuận`;
  }, [title]);
  return html`<div class="page">
    <div class="page-head">
      <h1 tabindex="-1">${title}</h1>
      ${actions && html`<div class="page-actions">${actions}</div>`}
    </div>
    ${children}
  </div>`;
}

export function Badge({ status, words = VALUE_STATUS }) {
  return html`<span class=${'badge badge-' + status}>${words[status] || status}</span>`;
}

// A bar of ${value} out of ${max} with its text; ${tone} colours it.
export function Bar({ value, max, label, tone }) {
  const p = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return html`<span class="bar-wrap">
    <progress class=${'bar ' + (tone || '')} max="100" value=${Math.round(p * 100)}
      aria-label=${label}>${Math.round(p * 100)} %</progress>
  </span>`;
}

// The reference data every page uses, read once (api.cached).
export async function reference() {
  const [periods, agencies, units] = await Promise.all([
    cached('/periods'), cached('/agencies'), cached('/units'),
  ]);
  const agencyBy = new Map(agencies.agencies.map((a) => [a.code, a]));
  // the province of the programme: the province-level unit with districts
  const parents = new Set(units.units.map((u) => u.parent).filter(Boolean));
  const province = units.units.find((u) => u.level === 'province' && parents.has(u.code)) ||
    units.units.find((u) => u.level === 'province') || units.units[0];
  return { periods: periods.periods, agencies: agencies.agencies, agencyBy, units: units.units, province };
}

export function agencyName(ref, code, short = true) {
  const a = ref.agencyBy.get(code);
  return a ? (short ? a.short || a.name : a.name) : code || '—';
}

// A period code's tag: '-demo' of 2022-demo, '-huyen' of 2023-Q2-huyen,
// '' for a real provincial period (docs/rules.md, "Period codes").
export function periodTag(code) {
  return String(code || '').replace(/^\d{4}(-Q[1-4])?/, '');
}

// Newest first: by year, then quarter (a year after its quarters).
function newer(a, b) {
  if (a.year !== b.year) return b.year - a.year;
  return (b.quarter || 5) - (a.quarter || 5);
}

// The period of the page: ?ky=, else the newest open real one (untagged:
// the demo's 2022-demo never hides the real 2022), else the newest open,
// else the newest.
export function choosePeriod(periods, query) {
  const want = query.get('ky');
  const p = periods.find((x) => x.code === want);
  if (p) return p;
  const sorted = [...periods].sort(newer);
  return sorted.find((x) => x.status === 'open' && periodTag(x.code) === '') ||
    sorted.find((x) => x.status === 'open') || sorted[0] || null;
}

export function PeriodPicker({ periods, period }) {
  if (!periods.length) return null;
  return html`<div class="field field-inline">
    <label for="chon-ky">Kỳ đánh giá</label>
    <select id="chon-ky" value=${period && period.code}
      onChange=${(e) => setQuery({ ky: e.target.value })}>
      ${periods.map((p) => html`<option value=${p.code}>${p.code} (${PERIOD_STATUS[p.status] || p.status})</option>`)}
    </select>
  </div>`;
}

// The period's banner: illustrative data, deadline, status.
export function PeriodNote({ period }) {
  if (!period) return null;
  const d = period.days_to_agency_due;
  return html`<p class="period-note">
    ${period.label && html`<strong class="demo-label">${period.label}</strong> `}
    Hạn các cơ quan: <strong>${date(period.agency_due)}</strong>${' · '}
    Hạn Sở TTTT: <strong>${date(period.sotttt_due)}</strong>${' · '}
    ${period.status === 'closed' ? 'Kỳ đã đóng' :
    d < 0 ? html`<span class="late">đã quá hạn ${-d} ngày</span>` : `còn ${d} ngày`}
  </p>`;
}

// A select of agencies with "all" first.
export function AgencySelect({ id, agencies, value, onChange, all = 'Tất cả cơ quan', label = 'Cơ quan' }) {
  return html`<div class="field field-inline">
    <label for=${id}>${label}</label>
    <select id=${id} value=${value || ''} onChange=${(e) => onChange(e.target.value || null)}>
      ${all && html`<option value="">${all}</option>`}
      ${agencies.map((a) => html`<option value=${a.code}>${a.short || a.name}</option>`)}
    </select>
  </div>`;
}

// methodology(id): the methodology with indexes by indicator and input.
export async function methodology(id) {
  const m = await cached(`/methodologies/${id}`);
  if (!m._index) {
    const indicators = [];
    const inputOf = new Map();
    for (const g of m.groups)
      for (const ind of g.indicators) {
        ind._group = g;
        indicators.push(ind);
        for (const inp of ind.inputs || []) inputOf.set(inp.name, { input: inp, indicator: ind });
      }
    for (const a of m.general || [])
      inputOf.set(a.code, { input: { name: a.code, kind: 'general', label: a.name, unit: null }, indicator: null, general: a });
    m._index = { indicators, inputOf, byCode: new Map(indicators.map((i) => [i.code, i])) };
  }
  return m;
}

// The input's lead agency: its indicator's, or the general item's.
export function inputLead(m, name) {
  const x = m._index.inputOf.get(name);
  if (!x) return null;
  return x.indicator ? x.indicator.lead : x.general.lead;
}

export function useFocusOnChange(key) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current) ref.current.focus();
  }, [key]);
  return ref;
}

export { get };

// fmt.js: numbers, dates and times as a Vietnamese reader writes them
// (0,5934; 1.234.567; dd/mm/yyyy; Vietnam's time), and numbers typed in
// that format read by the same rules as the server (src/util/numfmt.c).

const TZ = 'Asia/Ho_Chi_Minh';
const nf = new Map();

// num(v, digits): ${v} with at most ${digits} decimals, "1.234.567,5".
export function num(v, digits = 2) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—';
  if (!nf.has(digits))
    nf.set(digits, new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }));
  return nf.get(digits).format(Number(v));
}

// index(v): an index between 0 and 1 with four decimals, "0,5934".
export function index(v) {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 4, maximumFractionDigits: 4 })
    .format(Number(v));
}

// pct(ratio): "69,2 %".
export function pct(ratio, digits = 1) {
  if (ratio === null || ratio === undefined) return '—';
  return num(ratio * 100, digits) + ' %';
}

// date("2022-12-20"): "20/12/2022" (a calendar day: no time zone).
export function date(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso || '—');
}

// time("2026-11-30T12:40:24Z"): "19:40 30/11/2026", in Vietnam's time.
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = {};
  for (const x of new Intl.DateTimeFormat('vi-VN', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d)) p[x.type] = x.value;
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

// A number in the Vietnamese format: optional minus, digits in groups of
// three separated by '.' (or no groups), optional ',' and decimals.
const VI_NUMBER = /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

// readVi(text): {ok: true, machine: "1234567.5"} or {ok: false, message}.
export function readVi(text) {
  const s = String(text).trim();
  if (s === '') return { ok: false, message: 'Chưa nhập giá trị.' };
  if (!VI_NUMBER.test(s))
    return {
      ok: false,
      message: 'Không phải số theo định dạng Việt Nam: nhóm ba chữ số cách nhau bởi dấu chấm, ' +
        'phần thập phân sau dấu phẩy (ví dụ 1.234.567 hoặc 15,2).',
    };
  let m = s.replace(/\./g, '').replace(',', '.');
  if (m.includes('.')) m = m.replace(/0+$/, '').replace(/\.$/, '');
  return { ok: true, machine: m };
}

// viText("1234567.5"): the stored machine text as a person types it,
// "1.234.567,5", digit for digit (no rounding).
export function viText(machine) {
  const s = String(machine ?? '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const int = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return m[1] + int + (m[3] ? ',' + m[3] : '');
}

// plural-free counts: "3 giá trị".
export function count(n, what) {
  return `${num(n, 0)} ${what}`;
}

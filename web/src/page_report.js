// page_report.js: the period's report (issue 11) to download as XLSX
// (Appendix 2's layout), DOCX (Nghị định 30/2020, to edit and sign) or
// PDF (to print), under the file name the API gives. The file is fetched
// here rather than followed as a link so that an error is shown on the
// page, not saved as a file.
import { html, useState } from './lib.js';
import { ApiError, onUnauthorized, enc } from './api.js';
import { num } from './fmt.js';
import { setQuery } from './router.js';
import { useData, Loading, ErrorBox, Notice, Page, reference, choosePeriod, PeriodPicker, PeriodNote } from './ui.js';
import { mayDraft } from './page_analysis.js';

const FORMATS = [
  ['pdf', 'PDF', 'để in và gửi đi: bố cục văn bản hành chính, biểu đồ'],
  ['docx', 'Word (DOCX)', 'để chỉnh sửa và ký trước khi ban hành (Nghị định 30/2020/NĐ-CP)'],
  ['xlsx', 'Excel (XLSX)', 'theo Phụ lục 2: mỗi nhóm một trang tính, trang tổng hợp có biểu đồ'],
];

// attachment; filename="dti-bao-cao-2022.pdf" → dti-bao-cao-2022.pdf
export function fileName(disposition, fallback) {
  const m = /filename="([^"]+)"/.exec(disposition || '') || /filename=([^;]+)/.exec(disposition || '');
  return m ? m[1].trim() : fallback;
}

async function download(period, format, drafts) {
  const url = `/api/v1/periods/${enc(period)}/report?format=${format}${drafts ? '&drafts=1' : ''}`;
  let r;
  try {
    r = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: { vi: 'Không kết nối được máy chủ.' } } });
  }
  if (!r.ok) {
    let j = null;
    try {
      j = await r.json();
    } catch (e) {
      j = null;
    }
    if (r.status === 401 && onUnauthorized.fn) onUnauthorized.fn();
    throw new ApiError(r.status, j, 0);
  }
  const blob = await r.blob();
  const name = fileName(r.headers.get('Content-Disposition'), `dti-bao-cao-${period}.${format}`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  return { name, size: blob.size };
}

export function ReportPage({ query, user }) {
  const { data, error, loading } = useData(reference, []);
  const [busy, setBusy] = useState(null);
  const [done, setDone] = useState(null);
  const [err, setErr] = useState(null);
  if (!data) return html`<${Page} title="Báo cáo">${loading ? html`<${Loading} />` : html`<${ErrorBox} error=${error} />`}<//>`;
  const period = choosePeriod(data.periods, query);
  if (!period) return html`<${Page} title="Báo cáo"><p>Chưa có kỳ đánh giá nào.</p><//>`;
  const drafts = mayDraft(user) && query.get('nhap') === '1';
  const get = async (format) => {
    setErr(null);
    setDone(null);
    setBusy(format);
    try {
      setDone(await download(period.code, format, drafts));
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(null);
    }
  };
  return html`<${Page} title=${`Báo cáo kỳ ${period.code}`}>
    <div class="toolbar">
      <${PeriodPicker} periods=${data.periods} period=${period} />
      ${mayDraft(user) && html`<div class="field field-inline field-check">
        <input type="checkbox" id="bao-cao-nhap" checked=${drafts} onChange=${(e) => setQuery({ nhap: e.target.checked ? '1' : null })} />
        <label for="bao-cao-nhap">Tính cả số liệu chưa duyệt (bản nháp)</label></div>`}
    </div>
    <${PeriodNote} period=${period} />
    <section class="card" aria-labelledby="tai-bao-cao">
      <h2 id="tai-bao-cao">Tải báo cáo</h2>
      <p>Báo cáo gồm Chỉ số DTI, ba trụ cột và chín nhóm chỉ số; thay đổi so với kỳ trước và năm trước;
        điểm bị mất theo cơ quan chủ trì; cơ quan chậm hoặc thiếu số liệu; nhiệm vụ quá hạn; tiến độ các chỉ tiêu.
        ${drafts ? ' Bản này tính cả số liệu chưa duyệt.' : ' Chỉ tính số liệu đã duyệt.'}</p>
      <ul class="plain downloads">${FORMATS.map(([f, name, what]) => html`<li>
        <button type="button" class=${f === 'pdf' ? 'primary' : ''} id=${'tai-' + f} disabled=${busy !== null}
          onClick=${() => get(f)}>Tải ${name}</button>
        <span class="small muted">${what}</span></li>`)}</ul>
      <div aria-live="polite">
        ${busy && html`<p class="muted">Đang tạo tệp ${busy.toUpperCase()}…</p>`}
        ${done && html`<${Notice} kind="ok">Đã tải <strong class="ten-tep">${done.name}</strong> (${num(done.size / 1024, 0)} KB).<//>`}
      </div>
      <${ErrorBox} error=${err} title="Chưa tạo được báo cáo." />
    </section>
    <p class="small muted">Các phân tích chi tiết ở trang <a href=${`/phan-tich?ky=${enc(period.code)}`}>Phân tích</a>.</p>
  <//>`;
}

// page_analysis_text.js: the words the analysis tabs share: a value as a
// person reads it, a placement among the provinces, the "khá" group.
import { num, index as fmtIndex } from './fmt.js';

// A value of an input as a person reads it: Có/Không, a choice's label
// (the API gives a choice's code, or its position among the options).
export function valueWords(inp, v) {
  if (v === null || v === undefined || v === '') return '—';
  if (!inp) return String(v);
  if (inp.kind === 'yesno') return String(v) === '1' ? 'Có' : String(v) === '0' ? 'Không' : String(v);
  if (inp.kind === 'choice') {
    const opts = inp.options || [];
    const o = typeof v === 'number' ? opts[Math.round(v)] : opts.find((x) => x.code === v);
    return o ? o.label : String(v);
  }
  return num(v, 2);
}

// "xếp thứ 26/63" or, when the published data lacks indices, the range.
export function rankWords(pl) {
  if (!pl || !pl.rank) return 'chưa xếp được hạng (chưa có kết quả đã công bố của năm)';
  const r = pl.rank === pl.rank_worst ? `xếp thứ ${pl.rank}/${pl.of}` : `xếp thứ ${pl.rank} đến ${pl.rank_worst}/${pl.of}`;
  return pl.rank === pl.rank_worst ? r : `${r} (chỉ ${pl.known} tỉnh có chỉ số được ghi nhận)`;
}

export function khaWords(pl) {
  if (!pl || pl.kha_threshold === null) return 'chưa có ngưỡng nhóm khá của năm';
  if (pl.group === 'khá') return `thuộc nhóm khá (ngưỡng ${fmtIndex(pl.kha_threshold)}: trung bình các tỉnh)`;
  return `dưới nhóm khá, còn thiếu ${fmtIndex(pl.to_kha)} để đạt ngưỡng ${fmtIndex(pl.kha_threshold)} (trung bình các tỉnh)`;
}

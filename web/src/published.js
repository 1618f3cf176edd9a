// published.js: Ninh Thuận's published DTI results and the national
// averages, from ../shared/data (dti-provincial-pillars-selected.csv,
// dti-summary-by-year.csv, and its README for 2020), beside the periods
// scored here. The API serves no published history, so it is data here.
export const PUBLISHED = [
  { year: 2020, index: 0.2108, rank: 63, approx: true,
    source: 'Ước tính từ Kế hoạch 4233/KH-UBND: năm 2021 tăng 44,6 % so với 2020 (phương pháp năm 2020 khác)' },
  { year: 2021, index: 0.3048, rank: 53, cqs: 0.3512, kts: 0.3393, xhs: 0.322,
    source: 'Kế hoạch 4233/KH-UBND (28/09/2022) tỉnh Ninh Thuận' },
  { year: 2022, index: 0.5934, rank: 27, cqs: 0.6787, kts: 0.6518, xhs: 0.6045,
    source: 'Sở Công Thương tỉnh Ninh Thuận: Kết quả Chỉ số DTI năm 2022' },
];

// the average provincial DTI of the 63 provinces
export const AVERAGE = [
  { year: 2021, index: 0.4014 },
  { year: 2022, index: 0.5791 },
  { year: 2023, index: 0.6783 },
];

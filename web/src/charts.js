// charts.js: Chart.js (the pinned UMD file, window.Chart) with the
// Vietnamese number format; every chart has a table beside it.
import { html, useEffect, useRef } from './lib.js';
import { num } from './fmt.js';

const fmt = (v) => num(v, 4);

// <Chart config=... label="..."/>: a canvas drawn by Chart.js.
export function ChartBox({ config, label, height = 320 }) {
  const ref = useRef(null);
  useEffect(() => {
    const C = window.Chart;
    if (!C || !ref.current) return undefined;
    C.defaults.font.family = getComputedStyle(document.body).fontFamily;
    C.defaults.locale = 'vi-VN';
    const c = new C(ref.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, locale: 'vi-VN', ...config.options },
    });
    return () => c.destroy();
  }, [JSON.stringify(config.data)]);
  return html`<div class="chart" style=${{ height: height + 'px' }}>
    <canvas ref=${ref} role="img" aria-label=${label}></canvas>
  </div>`;
}

export { fmt };

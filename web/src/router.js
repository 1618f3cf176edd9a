// router.js: pages as URLs (the history API), so each can be bookmarked;
// the server answers index.html for every page path (src/api/api_web.c).
import { useState, useEffect } from './lib.js';

const listeners = new Set();

function current() {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

function notify() {
  for (const f of listeners) f(current());
}

export function navigate(to, opts = {}) {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  if (!opts.keepScroll) window.scrollTo(0, 0);
  notify();
}

// setQuery({ky: "2022", nhom: null}): change the query of this page (null
// removes a key) without a new history entry.
export function setQuery(changes) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(location.pathname + (s ? '?' + s : ''), { replace: true, keepScroll: true });
}

export function useLocation() {
  const [loc, setLoc] = useState(current());
  useEffect(() => {
    listeners.add(setLoc);
    setLoc(current()); // a change made before this subscription
    return () => listeners.delete(setLoc);
  }, []);
  return loc;
}

window.addEventListener('popstate', notify);

// Links inside the app move without reloading the page.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
    return;
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  if (a.pathname.startsWith('/api/')) return;
  // an anchor on this page (the skip link): the browser's own jump
  if (a.hash && a.pathname === location.pathname && a.search === location.search) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
});

// match("/chi-so/:code", "/chi-so/3.3"): {code: "3.3"} or null.
export function match(pattern, path) {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return null;
  const out = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      if (!s[i]) return null;
      out[p[i].slice(1)] = decodeURIComponent(s[i]);
    } else if (p[i] !== s[i]) return null;
  }
  return out;
}

// api.js: the one door to the JSON API (/api/v1). It keeps the session's
// anti-forgery token, sends JSON, and turns an error answer into an
// ApiError carrying the server's Vietnamese message.

const BASE = '/api/v1';
let csrf = null;
const cache = new Map();

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const e = (body && body.error) || {};
    const msg = (e.message && e.message.vi) || `Lỗi máy chủ (mã ${status}).`;
    super(msg);
    this.status = status;
    this.code = e.code || 'http';
    this.field = e.field || null;
    this.details = (e.details || []).map((d) => (d.message && d.message.vi) || d.code);
    this.retryAfter = retryAfter;
  }
}

export function setCsrf(token) {
  csrf = token;
}

// The session ended (expired, logged out elsewhere): the app listens.
export const onUnauthorized = { fn: null };

export async function api(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(BASE + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: { vi: 'Không kết nối được máy chủ.' } } });
  }
  const text = await r.text();
  let j = null;
  try {
    j = text ? JSON.parse(text) : null;
  } catch (e) {
    j = null; // not JSON: the status speaks
  }
  if (opts.raw && r.ok) return text;
  if (!r.ok) {
    const err = new ApiError(r.status, j, Number(r.headers.get('Retry-After')) || 0);
    if (r.status === 401 && !opts.noRedirect && onUnauthorized.fn) onUnauthorized.fn();
    throw err;
  }
  if (method !== 'GET') cache.clear(); // the data changed
  return j;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);

// cached(path): a GET answered once per change of data (reference lists,
// methodologies); any write clears it.
export function cached(path) {
  if (!cache.has(path)) {
    const p = get(path).catch((e) => {
      cache.delete(path);
      throw e;
    });
    cache.set(path, p);
  }
  return cache.get(path);
}

export function clearCache() {
  cache.clear();
}

// upload(path, form, onProgress): a multipart POST (evidence files) with
// upload progress, which fetch cannot report.
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', BASE + path);
    if (csrf) x.setRequestHeader('X-CSRF-Token', csrf);
    x.setRequestHeader('Accept', 'application/json');
    x.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    x.onload = () => {
      let j = null;
      try {
        j = JSON.parse(x.responseText);
      } catch (e) {
        j = null;
      }
      if (x.status >= 200 && x.status < 300) {
        cache.clear();
        resolve(j);
      } else reject(new ApiError(x.status, j, 0));
    };
    x.onerror = () =>
      reject(new ApiError(0, { error: { code: 'network', message: { vi: 'Không kết nối được máy chủ.' } } }));
    x.send(form);
  });
}

export const enc = encodeURIComponent;

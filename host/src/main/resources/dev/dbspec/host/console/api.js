// Calls the REST API with the token of this tab (sessionStorage: gone when the tab closes, never sent elsewhere).

const KEY = 'dbspec.console.token';

export function token() { return sessionStorage.getItem(KEY); }
export function setToken(value) { sessionStorage.setItem(KEY, value); }
export function forget() { sessionStorage.removeItem(KEY); }

export class ApiFailure extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** method path [json body | {raw, type}] → the parsed JSON answer; throws ApiFailure with the server's code and message. */
export async function api(method, path, body, options = {}) {
  const headers = { Authorization: 'Bearer ' + (options.token || token()) };
  let payload;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers['Content-Type'] = options.type;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    throw new ApiFailure(response.status, json && json.error || 'http_' + response.status,
      json && json.message || text || response.statusText, json);
  }
  return json;
}

/** Uploads a file as text/csv with progress (fetch has no upload progress; XMLHttpRequest does). */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Authorization', 'Bearer ' + token());
    request.setRequestHeader('Content-Type', 'text/csv');
    request.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    request.onload = () => {
      let json = null;
      try { json = JSON.parse(request.responseText); } catch (e) { json = null; }
      if (request.status >= 200 && request.status < 300) resolve(json);
      else reject(new ApiFailure(request.status, json && json.error || 'http_' + request.status, json && json.message || request.statusText, json));
    };
    request.onerror = () => reject(new ApiFailure(0, 'network', 'the upload could not reach the server'));
    request.send(file);
  });
}

export const enc = encodeURIComponent;

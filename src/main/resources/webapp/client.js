// What both web app pages share: the app's API at /webapp/{token}, the browser's own end-user id (a random UUID
// kept in localStorage per app), inputs handed in the URL (?inputs= base64 of UTF-8 JSON), JSON and event-stream
// calls whose failures carry the server's message, and the like/dislike bar of an answer.
window.WeftClient = (() => {
  'use strict';
  const root = document.querySelector('[data-token]');
  const token = root.dataset.token;
  const api = '/webapp/' + encodeURIComponent(token);

  function newUserId() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  const userKey = 'weft-user-' + token;
  let user = localStorage.getItem(userKey);
  if (!user) {
    user = newUserId();
    localStorage.setItem(userKey, user);
  }

  function inputsFromUrl() {
    const encoded = new URLSearchParams(location.search).get('inputs');
    if (!encoded) return {};
    try {
      const value = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(encoded), c => c.charCodeAt(0))));
      return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }

  /** A failed call, with the message of the server's {code, message, status}. */
  class RequestError extends Error {}

  async function failure(response) {
    const body = await response.json().catch(() => ({}));
    return new RequestError(body.message || ('The request failed (' + response.status + ' ' + response.statusText + ').'));
  }

  async function call(method, path, body) {
    const options = {method, headers: {}};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch(api + path, options);
    if (!response.ok) throw await failure(response);
    return response.status === 204 ? null : response.json();
  }

  const get = path => call('GET', path);
  const post = (path, body) => call('POST', path, body);
  const remove = (path, body) => call('DELETE', path, body);

  /** Posts body and hands each `data:` event of the streamed answer to onEvent, in order; a refused call throws. */
  async function stream(path, body, onEvent) {
    const response = await fetch(api + path, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'text/event-stream'},
      body: JSON.stringify(body)
    });
    if (!response.ok) throw await failure(response);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true});
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith('data: ')) onEvent(JSON.parse(frame.slice(6)));
      }
    }
  }

  /** Uploads a file for a file input: {id, name, size, extension, mime_type, …}. */
  async function upload(file) {
    const form = new FormData();
    form.append('file', file);
    form.append('user', user);
    const response = await fetch(api + '/files/upload', {method: 'POST', body: form});
    if (!response.ok) throw await failure(response);
    return response.json();
  }

  /** Like and Dislike buttons for an answer; pressing the pressed one takes the rating back. */
  function feedbackBar(messageId, rating) {
    const bar = document.createElement('div');
    bar.className = 'feedback';
    for (const [value, label] of [['like', 'Like'], ['dislike', 'Dislike']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.setAttribute('aria-pressed', String(rating === value));
      b.addEventListener('click', async () => {
        const next = b.getAttribute('aria-pressed') === 'true' ? null : value;
        try {
          await post('/messages/' + encodeURIComponent(messageId) + '/feedbacks', {rating: next, user});
          bar.querySelectorAll('button').forEach(x => x.setAttribute('aria-pressed', String(x === b && next !== null)));
        } catch (e) {
          b.title = e.message;
        }
      });
      bar.appendChild(b);
    }
    return bar;
  }

  return Object.freeze({root, token, api, user, inputsFromUrl, RequestError, get, post, remove, stream, upload, feedbackBar});
})();

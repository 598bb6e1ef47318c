// Weft's public chat page. Talks to /webapp/{token}/… with the browser's own end-user id; answers stream in
// as Markdown that is rendered safely: every character of the answer is escaped first, then only a few
// Markdown constructs become tags Weft writes itself (links only for http and https).
(() => {
  'use strict';
  const root = document.getElementById('weft-chat');
  const token = root.dataset.token;
  const api = '/webapp/' + encodeURIComponent(token);
  const messagesEl = root.querySelector('.messages');
  const suggestedEl = root.querySelector('.suggested');
  const listEl = root.querySelector('.conversations');
  const form = root.querySelector('.composer');
  const input = form.querySelector('textarea');
  const send = form.querySelector('.send');
  const params = new URLSearchParams(location.search);
  const userKey = 'weft-user-' + token;
  let user = localStorage.getItem(userKey);
  if (!user) {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    user = hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
    localStorage.setItem(userKey, user);
  }
  let inputs = {};
  try {
    if (params.get('inputs')) {
      inputs = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(params.get('inputs')), c => c.charCodeAt(0))));
    }
  } catch (e) {
    inputs = {};
  }
  let conversationId = '';
  let opening = '';
  let suggestions = [];

  const escapeHtml = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

  function inline(escaped) {
    return escaped
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
        .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer nofollow">$1</a>');
  }

  /** Markdown to HTML from text that is escaped before any tag is made. */
  function markdown(text) {
    const parts = text.split(/```/);
    let html = '';
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        html += '<pre><code>' + escapeHtml(part.replace(/^[^\n]*\n/, '')) + '</code></pre>';
        return;
      }
      const blocks = part.split(/\n{2,}/);
      for (const block of blocks) {
        if (!block.trim()) continue;
        const lines = block.split('\n');
        if (lines.every(l => /^\s*[-*] /.test(l))) {
          html += '<ul>' + lines.map(l => '<li>' + inline(escapeHtml(l.replace(/^\s*[-*] /, ''))) + '</li>').join('') + '</ul>';
        } else if (lines.every(l => /^\s*\d+\. /.test(l))) {
          html += '<ol>' + lines.map(l => '<li>' + inline(escapeHtml(l.replace(/^\s*\d+\. /, ''))) + '</li>').join('') + '</ol>';
        } else if (/^#{1,6} /.test(block)) {
          const level = Math.min(6, block.match(/^#+/)[0].length + 2);
          html += '<h' + level + '>' + inline(escapeHtml(block.replace(/^#+ /, ''))) + '</h' + level + '>';
        } else {
          html += '<p>' + lines.map(l => inline(escapeHtml(l))).join('<br>') + '</p>';
        }
      }
    });
    return html;
  }

  function bubble(role, text) {
    const el = document.createElement('div');
    el.className = 'bubble ' + role;
    if (role === 'user') {
      el.textContent = text;
    } else {
      el.innerHTML = markdown(text);
    }
    messagesEl.appendChild(el);
    messagesEl.scrollTop = messagesEl.scrollHeight;
    return el;
  }

  function citations(el, resources) {
    if (!resources || !resources.length) return;
    const box = document.createElement('div');
    box.className = 'citations';
    box.textContent = 'Sources: ' + resources.map(r => r.document_name || r.dataset_name || 'document').join(', ');
    el.appendChild(box);
  }

  function feedback(el, messageId, rating) {
    const bar = document.createElement('div');
    bar.className = 'feedback';
    for (const [value, label] of [['like', '👍'], ['dislike', '👎']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.setAttribute('aria-label', value === 'like' ? 'Like' : 'Dislike');
      b.setAttribute('aria-pressed', String(rating === value));
      b.addEventListener('click', async () => {
        const next = b.getAttribute('aria-pressed') === 'true' ? null : value;
        const r = await fetch(api + '/messages/' + encodeURIComponent(messageId) + '/feedbacks', {
          method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rating: next, user})});
        if (r.ok) bar.querySelectorAll('button').forEach(x => x.setAttribute('aria-pressed', String(x === b && next !== null)));
      });
      bar.appendChild(b);
    }
    el.appendChild(bar);
  }

  function showSuggestions(show) {
    suggestedEl.replaceChildren();
    if (!show) return;
    for (const q of suggestions) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = q;
      b.addEventListener('click', () => ask(q));
      suggestedEl.appendChild(b);
    }
  }

  function reset() {
    conversationId = '';
    messagesEl.replaceChildren();
    if (opening) bubble('assistant', opening);
    showSuggestions(true);
    listEl.querySelectorAll('a').forEach(a => a.classList.remove('active'));
  }

  async function loadConversations() {
    const r = await fetch(api + '/conversations?user=' + encodeURIComponent(user));
    if (!r.ok) return;
    const body = await r.json();
    listEl.replaceChildren();
    for (const c of body.data) {
      const a = document.createElement('a');
      a.href = '#';
      a.textContent = c.name;
      a.dataset.id = c.id;
      if (c.id === conversationId) a.classList.add('active');
      a.addEventListener('click', e => { e.preventDefault(); open(c.id); });
      listEl.appendChild(a);
    }
  }

  async function open(id) {
    const r = await fetch(api + '/messages?user=' + encodeURIComponent(user) + '&conversation_id=' + encodeURIComponent(id));
    if (!r.ok) return;
    const body = await r.json();
    conversationId = id;
    messagesEl.replaceChildren();
    if (opening) bubble('assistant', opening);
    showSuggestions(false);
    for (const m of body.data) {
      bubble('user', m.query);
      const a = bubble('assistant', m.status === 'error' ? (m.error || 'The answer failed.') : m.answer);
      citations(a, m.retriever_resources);
      feedback(a, m.id, m.feedback ? m.feedback.rating : null);
    }
    listEl.querySelectorAll('a').forEach(a => a.classList.toggle('active', a.dataset.id === id));
  }

  async function ask(query) {
    if (!query.trim() || send.disabled) return;
    showSuggestions(false);
    bubble('user', query);
    const answerEl = bubble('assistant', '');
    input.value = '';
    send.disabled = true;
    let answer = '';
    try {
      const r = await fetch(api + '/chat-messages', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Accept': 'text/event-stream'},
        body: JSON.stringify({query, inputs, user, conversation_id: conversationId})
      });
      if (!r.ok) {
        const err = await r.json().catch(() => ({message: r.statusText}));
        answerEl.classList.add('error');
        answerEl.textContent = err.message || 'The request failed.';
        return;
      }
      const reader = r.body.getReader();
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
          if (!frame.startsWith('data: ')) continue;
          const event = JSON.parse(frame.slice(6));
          if (event.conversation_id) conversationId = event.conversation_id;
          if (event.event === 'message') {
            answer += event.answer;
            answerEl.innerHTML = markdown(answer);
            messagesEl.scrollTop = messagesEl.scrollHeight;
          } else if (event.event === 'message_end') {
            citations(answerEl, event.metadata && event.metadata.retriever_resources);
            feedback(answerEl, event.message_id, null);
          } else if (event.event === 'error') {
            answerEl.classList.add('error');
            answerEl.textContent = event.message || 'The answer failed.';
          }
        }
      }
    } finally {
      send.disabled = false;
      loadConversations();
    }
  }

  form.addEventListener('submit', e => { e.preventDefault(); ask(input.value); });
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); ask(input.value); }
  });
  root.querySelector('.new-chat').addEventListener('click', reset);

  fetch(api + '/parameters').then(r => r.json()).then(p => {
    opening = p.opening_statement || '';
    suggestions = Array.isArray(p.suggested_questions) ? p.suggested_questions.filter(q => typeof q === 'string') : [];
    reset();
    root.dataset.ready = 'true';
  });
  loadConversations();
})();

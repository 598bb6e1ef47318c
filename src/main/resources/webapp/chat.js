// Weft's public chat page. Talks to /webapp/{token}/… (WeftClient) with the browser's own end-user id; answers
// stream in as safe Markdown (WeftMarkdown). An app that declares inputs shows its input form (WeftInputs) before
// the conversation starts; the values go with the first message. Conversations can be renamed and deleted.
(() => {
  'use strict';
  const client = window.WeftClient;
  const render = window.WeftMarkdown.render;
  const root = document.getElementById('weft-chat');
  const messagesEl = root.querySelector('.messages');
  const threadEl = root.querySelector('.thread');
  const inputsPanel = root.querySelector('.inputs-panel');
  const suggestedEl = root.querySelector('.suggested');
  const listEl = root.querySelector('.conversations');
  const composer = root.querySelector('.composer');
  const input = composer.querySelector('textarea');
  const send = composer.querySelector('.send');
  const urlInputs = client.inputsFromUrl();
  let inputForm = null;
  let conversationId = '';
  let conversationNames = [];
  let opening = '';
  let suggestions = [];

  function scrollDown() {
    messagesEl.scrollTop = messagesEl.scrollHeight;
  }

  function bubble(role, text) {
    const el = document.createElement('div');
    el.className = 'bubble ' + role;
    if (role === 'user') {
      el.textContent = text;
    } else {
      el.innerHTML = render(text);
    }
    threadEl.appendChild(el);
    scrollDown();
    return el;
  }

  function citations(el, resources) {
    if (!resources || !resources.length) return;
    const box = document.createElement('div');
    box.className = 'citations';
    box.textContent = 'Sources: ' + resources.map(r => r.document_name || r.dataset_name || 'document').join(', ');
    el.appendChild(box);
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

  /** The input form shows while the conversation has not started. */
  function showInputs(show) {
    inputsPanel.hidden = !show || !inputForm || inputForm.isEmpty();
    if (inputForm) inputForm.setDisabled(!show);
  }

  function markActive() {
    listEl.querySelectorAll('.conversation').forEach(row => row.classList.toggle('active', row.dataset.id === conversationId));
  }

  function reset() {
    conversationId = '';
    threadEl.replaceChildren();
    if (opening) bubble('assistant', opening);
    showInputs(true);
    showSuggestions(true);
    markActive();
  }

  function iconButton(className, label, text) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'row-action ' + className;
    b.setAttribute('aria-label', label);
    b.title = label;
    b.textContent = text;
    return b;
  }

  /** A conversation's row: its name (opens it), Rename and Delete. */
  function conversationRow(c) {
    const row = document.createElement('div');
    row.className = 'conversation';
    row.dataset.id = c.id;
    const link = document.createElement('a');
    link.href = '#';
    link.className = 'conversation-name';
    link.textContent = c.name;
    link.addEventListener('click', e => { e.preventDefault(); open(c.id); });
    const rename = iconButton('rename', 'Rename ' + c.name, '✎');
    rename.addEventListener('click', () => renameForm(row, c));
    const remove = iconButton('delete', 'Delete ' + c.name, '✕');
    remove.addEventListener('click', () => deleteConfirm(row, c));
    row.append(link, rename, remove);
    return row;
  }

  function rowMessage(row, text) {
    const note = document.createElement('p');
    note.className = 'row-error';
    note.textContent = text;
    row.appendChild(note);
  }

  function renameForm(row, c) {
    const form = document.createElement('form');
    form.className = 'rename-form';
    const field = document.createElement('input');
    field.value = c.name;
    field.maxLength = 255;
    field.setAttribute('aria-label', 'New name');
    const save = document.createElement('button');
    save.type = 'submit';
    save.textContent = 'Save';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', loadConversations);
    field.addEventListener('keydown', e => { if (e.key === 'Escape') loadConversations(); });
    form.append(field, save, cancel);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (!field.value.trim()) { field.focus(); return; }
      try {
        await client.post('/conversations/' + encodeURIComponent(c.id) + '/name', {name: field.value, user: client.user});
        await loadConversations();
      } catch (err) {
        rowMessage(row, err.message);
      }
    });
    row.replaceChildren(form);
    field.focus();
    field.select();
  }

  function deleteConfirm(row, c) {
    const question = document.createElement('span');
    question.className = 'confirm-text';
    question.textContent = 'Delete “' + c.name + '”?';
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.className = 'danger';
    yes.textContent = 'Delete';
    const no = document.createElement('button');
    no.type = 'button';
    no.textContent = 'Cancel';
    no.addEventListener('click', loadConversations);
    yes.addEventListener('click', async () => {
      try {
        await client.remove('/conversations/' + encodeURIComponent(c.id), {user: client.user});
        if (conversationId === c.id) reset();
        await loadConversations();
      } catch (err) {
        rowMessage(row, err.message);
      }
    });
    row.replaceChildren(question, yes, no);
    row.classList.add('confirming');
    no.focus();
  }

  async function loadConversations() {
    try {
      const body = await client.get('/conversations?user=' + encodeURIComponent(client.user));
      conversationNames = body.data;
    } catch (e) {
      return;
    }
    listEl.replaceChildren(...conversationNames.map(conversationRow));
    markActive();
  }

  async function open(id) {
    let body;
    try {
      body = await client.get('/messages?user=' + encodeURIComponent(client.user) + '&conversation_id=' + encodeURIComponent(id));
    } catch (e) {
      return;
    }
    conversationId = id;
    threadEl.replaceChildren();
    showInputs(false);
    if (opening) bubble('assistant', opening);
    showSuggestions(false);
    for (const m of body.data) {
      bubble('user', m.query);
      const a = bubble('assistant', m.status === 'error' ? (m.error || 'The answer failed.') : m.answer);
      citations(a, m.retriever_resources);
      a.appendChild(client.feedbackBar(m.id, m.feedback ? m.feedback.rating : null));
    }
    markActive();
  }

  async function ask(query) {
    if (!query.trim() || send.disabled) return;
    const starting = !conversationId;
    if (starting && inputForm && !inputForm.validate()) return;
    const inputs = starting && inputForm ? {...urlInputs, ...inputForm.values()} : urlInputs;
    showSuggestions(false);
    showInputs(false);
    bubble('user', query);
    const answerEl = bubble('assistant', '');
    input.value = '';
    send.disabled = true;
    let answer = '';
    const fail = message => {
      answerEl.classList.add('error');
      answerEl.textContent = message || 'The answer failed.';
    };
    try {
      await client.stream('/chat-messages', {query, inputs, user: client.user, conversation_id: conversationId}, event => {
        if (event.conversation_id) conversationId = event.conversation_id;
        if (event.event === 'message') {
          answer += event.answer;
          answerEl.innerHTML = render(answer);
          scrollDown();
        } else if (event.event === 'message_end') {
          citations(answerEl, event.metadata && event.metadata.retriever_resources);
          answerEl.appendChild(client.feedbackBar(event.message_id, null));
        } else if (event.event === 'error') {
          fail(event.message);
        }
      });
    } catch (e) {
      fail(e.message);
      if (starting && !conversationId) showInputs(true);
    } finally {
      send.disabled = false;
      loadConversations();
    }
  }

  composer.addEventListener('submit', e => { e.preventDefault(); ask(input.value); });
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); ask(input.value); }
  });
  root.querySelector('.new-chat').addEventListener('click', reset);

  client.get('/parameters').then(p => {
    opening = p.opening_statement || '';
    suggestions = Array.isArray(p.suggested_questions) ? p.suggested_questions.filter(q => typeof q === 'string') : [];
    inputForm = window.WeftInputs.create(inputsPanel.querySelector('.fields'), p.user_input_form, urlInputs, client);
    reset();
    root.dataset.ready = 'true';
  });
  loadConversations();
})();

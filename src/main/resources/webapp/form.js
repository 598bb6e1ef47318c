// Weft's public page for text generator (completion) and workflow apps: the app's input form (WeftInputs), Run, and
// the result streamed in. A completion's text arrives as `message` events and is shown as safe Markdown
// (WeftMarkdown), with like/dislike; a workflow run shows its steps as they start and finish, then its outputs
// (text as safe Markdown, anything else as JSON). Failures show the server's message.
(() => {
  'use strict';
  const client = window.WeftClient;
  const render = window.WeftMarkdown.render;
  const root = document.getElementById('weft-form');
  const form = root.querySelector('.run-form');
  const runButton = form.querySelector('.run');
  const clearButton = form.querySelector('.clear');
  const emptyEl = root.querySelector('.result-empty');
  const stepsEl = root.querySelector('.steps');
  const resultEl = root.querySelector('.result');
  const actionsEl = root.querySelector('.result-actions');
  const urlInputs = client.inputsFromUrl();
  let mode = '';
  let inputForm = null;
  let running = false;

  const STATUS = {running: 'Running', succeeded: 'Done', failed: 'Failed', exception: 'Failed, handled', stopped: 'Stopped'};

  function clearResult() {
    emptyEl.hidden = false;
    stepsEl.hidden = true;
    stepsEl.replaceChildren();
    resultEl.hidden = true;
    resultEl.replaceChildren();
    resultEl.classList.remove('error');
    actionsEl.hidden = true;
    actionsEl.querySelector('.feedback')?.remove();
  }

  function showError(message) {
    const box = document.createElement('div');
    box.className = 'error-box';
    box.setAttribute('role', 'alert');
    box.textContent = message || 'The run failed.';
    resultEl.hidden = false;
    resultEl.appendChild(box);
  }

  function markdownBlock(text) {
    const block = document.createElement('div');
    block.className = 'markdown';
    block.innerHTML = render(text);
    return block;
  }

  /** Outputs: one text output as Markdown alone; else each named, text as Markdown, others as formatted JSON. */
  function showOutputs(outputs) {
    const entries = Object.entries(outputs || {});
    resultEl.replaceChildren();
    resultEl.hidden = false;
    if (entries.length === 1 && typeof entries[0][1] === 'string') {
      resultEl.appendChild(markdownBlock(entries[0][1]));
      return;
    }
    if (!entries.length) {
      const none = document.createElement('p');
      none.className = 'muted';
      none.textContent = 'The run finished without outputs.';
      resultEl.appendChild(none);
    }
    for (const [name, value] of entries) {
      const section = document.createElement('section');
      section.className = 'output';
      const heading = document.createElement('h2');
      heading.className = 'output-name';
      heading.textContent = name;
      section.appendChild(heading);
      if (typeof value === 'string') {
        section.appendChild(markdownBlock(value));
      } else {
        const pre = document.createElement('pre');
        pre.className = 'json';
        pre.textContent = JSON.stringify(value, null, 2);
        section.appendChild(pre);
      }
      resultEl.appendChild(section);
    }
  }

  function stepFor(data) {
    let li = stepsEl.querySelector('[data-node="' + CSS.escape(data.id || data.node_id) + '"]');
    if (!li) {
      li = document.createElement('li');
      li.dataset.node = data.id || data.node_id;
      const title = document.createElement('span');
      title.className = 'step-title';
      title.textContent = data.title || data.node_id;
      const status = document.createElement('span');
      status.className = 'step-status';
      li.append(title, status);
      stepsEl.appendChild(li);
    }
    return li;
  }

  function setStep(data, status) {
    const li = stepFor(data);
    li.dataset.status = status;
    let text = STATUS[status] || status;
    if (typeof data.elapsed_time === 'number' && status !== 'running') text += ' · ' + data.elapsed_time.toFixed(2) + ' s';
    li.querySelector('.step-status').textContent = text;
    if (data.error) li.title = data.error;
  }

  function onCompletionEvent(state, event) {
    if (event.event === 'message') {
      state.text += event.answer;
      resultEl.hidden = false;
      resultEl.replaceChildren(markdownBlock(state.text));
    } else if (event.event === 'message_end') {
      state.done = true;
      actionsEl.prepend(client.feedbackBar(event.message_id, null));
    } else if (event.event === 'error') {
      state.done = true;
      showError(event.message);
    }
  }

  function onWorkflowEvent(state, event) {
    const data = event.data || {};
    if (event.event === 'workflow_started') {
      stepsEl.hidden = false;
    } else if (event.event === 'node_started') {
      stepsEl.hidden = false;
      setStep(data, 'running');
    } else if (event.event === 'node_finished') {
      setStep(data, data.status || 'succeeded');
    } else if (event.event === 'text_chunk') {
      state.text += data.text || '';
      resultEl.hidden = false;
      resultEl.replaceChildren(markdownBlock(state.text));
    } else if (event.event === 'workflow_finished') {
      state.done = true;
      if (data.status === 'failed') {
        state.failed = true;
        resultEl.replaceChildren();
        showError(data.error);
      } else {
        showOutputs(data.outputs);
      }
    } else if (event.event === 'error') {
      state.done = true;
      if (!state.failed) showError(event.message);
    }
  }

  async function run() {
    if (running || !inputForm.validate()) return;
    running = true;
    runButton.disabled = true;
    clearButton.disabled = true;
    actionsEl.querySelector('.run-again').disabled = true;
    clearResult();
    emptyEl.hidden = true;
    root.dataset.state = 'running';
    const state = {text: '', done: false, failed: false};
    const workflow = mode === 'workflow';
    const body = {inputs: {...urlInputs, ...inputForm.values()}, user: client.user};
    try {
      await client.stream(workflow ? '/workflows/run' : '/completion-messages', body,
          event => workflow ? onWorkflowEvent(state, event) : onCompletionEvent(state, event));
      if (!state.done) showError('The connection closed before the run finished.');
    } catch (e) {
      showError(e.message);
    } finally {
      running = false;
      runButton.disabled = false;
      clearButton.disabled = false;
      actionsEl.querySelector('.run-again').disabled = false;
      actionsEl.hidden = false;
      root.dataset.state = 'done';
    }
  }

  form.addEventListener('submit', e => { e.preventDefault(); run(); });
  clearButton.addEventListener('click', () => { inputForm.reset(); clearResult(); });
  actionsEl.querySelector('.run-again').addEventListener('click', run);

  client.get('/parameters').then(p => {
    mode = p.mode;
    root.dataset.mode = mode;
    root.querySelector('.description').textContent = p.description || '';
    inputForm = window.WeftInputs.create(form.querySelector('.fields'), p.user_input_form, urlInputs, client);
    form.querySelector('.no-inputs').hidden = !inputForm.isEmpty();
    root.dataset.ready = 'true';
  }).catch(e => {
    clearResult();
    emptyEl.hidden = true;
    showError(e.message);
  });
})();

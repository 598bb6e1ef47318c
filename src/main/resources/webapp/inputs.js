// The app's input form, built from the user_input_form of /parameters: text-input, paragraph, select, number,
// checkbox, json_object, file and file-list fields, each labelled, with defaults or values handed in, required
// fields checked before a run, and files uploaded as they are picked.
window.WeftInputs = (() => {
  'use strict';
  const ACCEPT = {image: 'image/*', audio: 'audio/*', video: 'video/*'};
  const KNOWN = ['text-input', 'paragraph', 'select', 'number', 'checkbox', 'json_object', 'file', 'file-list'];
  let counter = 0;

  /** [{"text-input": {label, variable, …}}, …] as [{type, label, variable, required, …}] of the types a browser can fill. */
  function fieldsOf(form) {
    return (Array.isArray(form) ? form : [])
        .map(entry => Object.entries(entry || {})[0])
        .filter(pair => pair && KNOWN.includes(pair[0]) && pair[1] && pair[1].variable && !pair[1].hide)
        .map(([type, f]) => ({...f, type, label: f.label || f.variable}));
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  }

  /** One field: its element, and its value read, set, checked and cleared. */
  function field(f, client) {
    const id = 'weft-input-' + (++counter);
    const wrap = document.createElement('div');
    wrap.className = 'field field-' + f.type;
    wrap.dataset.variable = f.variable;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.className = 'field-label';
    label.textContent = f.label;
    if (!f.required) {
      const optional = document.createElement('span');
      optional.className = 'optional';
      optional.textContent = 'Optional';
      label.append(' ', optional);
    }
    const error = document.createElement('p');
    error.className = 'field-error';
    error.id = id + '-error';
    error.hidden = true;
    let control;
    let files = [];
    let uploading = 0;
    const fileList = document.createElement('ul');
    fileList.className = 'file-names';

    if (f.type === 'paragraph' || f.type === 'json_object') {
      control = document.createElement('textarea');
      control.rows = f.type === 'paragraph' ? 4 : 3;
      if (f.type === 'json_object') control.placeholder = '{ }';
    } else if (f.type === 'select') {
      control = document.createElement('select');
      const none = document.createElement('option');
      none.value = '';
      none.textContent = 'Choose…';
      control.appendChild(none);
      for (const o of f.options || []) {
        const option = document.createElement('option');
        option.value = o;
        option.textContent = o;
        control.appendChild(option);
      }
    } else {
      control = document.createElement('input');
      control.type = {'number': 'number', 'checkbox': 'checkbox', 'file': 'file', 'file-list': 'file'}[f.type] || 'text';
      if (f.type === 'number') control.step = 'any';
      if (f.type === 'file-list') control.multiple = true;
      if (control.type === 'file') {
        const kinds = Array.isArray(f.allowed_file_types) ? f.allowed_file_types : [];
        if (kinds.length && kinds.every(k => ACCEPT[k])) control.accept = kinds.map(k => ACCEPT[k]).join(',');
      }
    }
    control.id = id;
    control.name = f.variable;
    control.setAttribute('aria-describedby', error.id);
    if (f.max_length && (control.tagName === 'TEXTAREA' || control.type === 'text')) control.maxLength = f.max_length;
    if (f.required) control.setAttribute('aria-required', 'true');

    if (f.type === 'checkbox') {
      wrap.append(control, label, error);
    } else if (control.type === 'file') {
      wrap.append(label, control, fileList, error);
    } else {
      wrap.append(label, control, error);
    }

    function showFiles() {
      fileList.replaceChildren(...files.map(u => {
        const li = document.createElement('li');
        li.textContent = u.name;
        return li;
      }));
    }

    if (control.type === 'file') {
      control.addEventListener('change', async () => {
        const picked = Array.from(control.files || []);
        files = [];
        showFiles();
        uploading = picked.length;
        setError('');
        for (const file of picked) {
          try {
            files.push(await client.upload(file));
          } catch (e) {
            setError(file.name + ': ' + e.message);
          } finally {
            uploading--;
          }
          showFiles();
        }
      });
    }

    function setError(message) {
      error.textContent = message;
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }

    function read() {
      if (f.type === 'checkbox') return control.checked;
      if (control.type === 'file') {
        const refs = files.map(u => ({transfer_method: 'local_file', upload_file_id: u.id}));
        return f.type === 'file' ? refs[0] : refs;
      }
      if (f.type === 'number') return control.value === '' ? '' : Number(control.value);
      if (f.type === 'json_object' && control.value.trim()) {
        try {
          return JSON.parse(control.value);
        } catch (e) {
          return control.value;
        }
      }
      return control.value;
    }

    function write(value) {
      files = [];
      showFiles();
      if (f.type === 'checkbox') {
        control.checked = value === true || value === 'true';
      } else if (control.type === 'file') {
        control.value = '';
      } else if (value !== undefined && value !== null) {
        control.value = f.type === 'json_object' && typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
      } else {
        control.value = '';
      }
    }

    /** The message that stops a run, or ''. */
    function problem() {
      const value = read();
      if (uploading > 0) return 'Wait until the upload has finished.';
      if (f.required && f.type !== 'checkbox' && isEmpty(typeof value === 'string' ? value.trim() : value)) {
        return f.label + ' is required.';
      }
      if (f.type === 'number' && control.value === '' && control.validity && control.validity.badInput) return f.label + ' must be a number.';
      if (f.type === 'json_object' && typeof value === 'string' && value.trim()) return f.label + ' must be JSON.';
      return '';
    }

    return {f, wrap, control, read, write, setError, problem, setDisabled: d => { control.disabled = d; }};
  }

  /**
   * The form of these fields in container, filled with each field's default and then with values (by variable).
   * values() gives the inputs to send (empty ones left out, so the app's defaults apply).
   */
  function create(container, form, values, client) {
    const fields = fieldsOf(form).map(f => field(f, client));
    container.replaceChildren(...fields.map(x => x.wrap));
    const given = values || {};

    function reset() {
      for (const x of fields) {
        x.write(Object.prototype.hasOwnProperty.call(given, x.f.variable) ? given[x.f.variable] : x.f.default);
        x.setError('');
      }
    }

    /** True when the form may be sent; else each field's problem is shown and the first such field has the focus. */
    function validate() {
      let first = null;
      for (const x of fields) {
        const message = x.problem();
        x.setError(message);
        if (message && !first) first = x;
      }
      if (first) first.control.focus();
      return !first;
    }

    function read() {
      const inputs = {};
      for (const x of fields) {
        const value = x.read();
        if (!isEmpty(value)) inputs[x.f.variable] = value;
      }
      return inputs;
    }

    reset();
    return {
      isEmpty: () => fields.length === 0,
      values: read,
      validate,
      reset,
      setDisabled: d => fields.forEach(x => x.setDisabled(d))
    };
  }

  return Object.freeze({create, fieldsOf});
})();

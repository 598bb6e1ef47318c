import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import React, { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';

/*
 * A text area for prompts and templates with {{#node.variable#}} references: typing "{{#" (or pressing
 * Ctrl+Space) opens a list of the variables available upstream, filtered by what follows; arrow keys move,
 * Enter or Tab inserts, Escape closes. The "Insert variable" button opens the same list. The text goes to the
 * server 400 ms after typing stops, on blur and on every insertion.
 */

type Variable = { ref: string; label: string; owner: string };

function Field({
  label,
  value,
  variables,
  rows,
  placeholder,
  commit,
}: {
  label: string;
  value: string;
  variables: Variable[];
  rows: number;
  placeholder?: string;
  commit: (v: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const sent = useRef(value ?? '');
  const list = useRef<HTMLUListElement>(null);

  // the list may open at the bottom of a scrolling side panel: bring it into view
  useEffect(() => {
    if (open) list.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);

  useEffect(() => {
    if ((value ?? '') !== sent.current) {
      sent.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);

  const flush = useCallback(
    (v: string) => {
      window.clearTimeout(timer.current);
      if (v !== sent.current) {
        sent.current = v;
        commit(v);
      }
    },
    [commit],
  );

  const matches = useMemo(() => {
    const f = filter.toLowerCase();
    return variables.filter((v) => v.ref.toLowerCase().includes(f) || v.owner.toLowerCase().includes(f)).slice(0, 50);
  }, [variables, filter]);

  /** The "{{#partial" just before the caret, if the caret is inside an unfinished reference. */
  const partialAtCaret = (el: HTMLTextAreaElement): { start: number; partial: string } | null => {
    const before = el.value.slice(0, el.selectionStart);
    const at = before.lastIndexOf('{{#');
    if (at < 0) return null;
    const partial = before.slice(at + 3);
    return /^[A-Za-z0-9_.]*$/.test(partial) ? { start: at, partial } : null;
  };

  const insert = (v: Variable) => {
    const el = area.current;
    if (!el) return;
    const p = partialAtCaret(el);
    const start = p ? p.start : el.selectionStart;
    const end = el.selectionEnd;
    const next = el.value.slice(0, start) + v.ref + el.value.slice(end);
    setText(next);
    setOpen(false);
    flush(next);
    requestAnimationFrame(() => {
      el.focus();
      const caret = start + v.ref.length;
      el.setSelectionRange(caret, caret);
    });
  };

  const onChange = (e: React.ChangeEvent<HTMLTextAreaElement>) => {
    const v = e.target.value;
    setText(v);
    const p = partialAtCaret(e.target);
    if (p) {
      setFilter(p.partial);
      setActive(0);
      setOpen(true);
    } else if (open) {
      setOpen(false);
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => flush(v), 400);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.ctrlKey && e.code === 'Space') {
      e.preventDefault();
      setFilter('');
      setActive(0);
      setOpen(true);
      return;
    }
    if (!open) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if ((e.key === 'Enter' || e.key === 'Tab') && matches[active]) {
      e.preventDefault();
      insert(matches[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="weft-prompt">
      <div className="weft-prompt-top">
        <label htmlFor={id}>{label}</label>
        <button
          type="button"
          className="weft-prompt-insert"
          aria-label={`Insert variable into ${label}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            setFilter('');
            setActive(0);
            setOpen(!open);
            area.current?.focus();
          }}
        >
          {'{x}'} Insert variable
        </button>
      </div>
      <textarea
        id={id}
        ref={area}
        rows={rows}
        value={text}
        placeholder={placeholder}
        spellCheck={false}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={() => {
          window.setTimeout(() => setOpen(false), 150);
          flush(area.current?.value ?? text);
        }}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
      />
      {open && (
        <ul ref={list} className="weft-prompt-list" id={`${id}-list`} role="listbox" aria-label="Variables">
          {matches.length === 0 && <li className="weft-prompt-empty">No variable matches. Connect a node upstream to use its outputs.</li>}
          {matches.map((v, i) => (
            <li
              key={v.ref}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(v);
              }}
            >
              <span className="weft-prompt-owner">{v.owner}</span> <code>{v.label}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

class WeftPromptFieldElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [label] = hooks.useState<string>('label', '');
    const [value, setValue] = hooks.useState<string>('value', '');
    const [variables] = hooks.useState<Variable[]>('variables', []);
    const [rows] = hooks.useState<number>('rows', 4);
    const [placeholder] = hooks.useState<string>('placeholder', '');
    return (
      <Field label={label} value={value} variables={variables ?? []} rows={rows} placeholder={placeholder} commit={setValue} />
    );
  }
}

customElements.define('weft-prompt-field', WeftPromptFieldElement);

// Weft's chat bubble: put a config object on the page, then load this script.
//   <script>window.weftChatbotConfig = { token: '…', baseUrl: 'https://weft.example.com' }</script>
//   <script src="https://weft.example.com/embed.min.js" id="…token…" defer></script>
// Dify's window.difyChatbotConfig works too, as do data- attributes on the script tag (data-token,
// data-base-url, data-primary-color, data-position, data-draggable). Options: token, baseUrl, inputs
// (passed to the chat), primaryColor, position ('bottom-right' | 'bottom-left'), draggable, containerProps.style.
(() => {
  'use strict';
  const script = document.currentScript;
  const data = script ? script.dataset : {};
  const cfg = Object.assign({}, window.difyChatbotConfig || {}, window.weftChatbotConfig || {});
  const token = cfg.token || data.token || (script && script.id);
  if (!token || !/^[A-Za-z0-9]{16}$/.test(token)) {
    console.error('Weft chat bubble: the config needs the web app token (16 letters and digits)');
    return;
  }
  const scriptOrigin = script && script.src ? new URL(script.src).origin : location.origin;
  const baseUrl = String(cfg.baseUrl || data.baseUrl || scriptOrigin).replace(/\/+$/, '');
  const color = cfg.primaryColor || data.primaryColor || '#155EEF';
  const left = (cfg.position || data.position) === 'bottom-left';
  const draggable = cfg.draggable === true || data.draggable === 'true';
  const ids = {button: 'dify-chatbot-bubble-button', window: 'dify-chatbot-bubble-window'};
  if (document.getElementById(ids.button)) return;

  const query = new URLSearchParams();
  if (cfg.inputs && typeof cfg.inputs === 'object') {
    const bytes = new TextEncoder().encode(JSON.stringify(cfg.inputs));
    query.set('inputs', btoa(String.fromCharCode(...bytes)));
  }
  const src = baseUrl + '/chatbot/' + token + (query.toString() ? '?' + query : '');
  if (src.length > 2048) console.warn('Weft chat bubble: the chat URL is longer than 2048 characters');

  const frame = document.createElement('iframe');
  frame.id = ids.window;
  frame.title = 'Chat';
  frame.allow = 'fullscreen; microphone';
  frame.src = src;
  Object.assign(frame.style, {
    position: 'fixed', width: '24rem', height: '43.75rem', maxWidth: 'calc(100vw - 2rem)', maxHeight: 'calc(100vh - 6rem)',
    bottom: '5rem', border: '0', borderRadius: '0.75rem', boxShadow: '0 10px 30px rgba(0,0,0,.2)', zIndex: '2147483640',
    display: 'none', background: '#fff'
  });
  frame.style[left ? 'left' : 'right'] = '1rem';

  const button = document.createElement('button');
  button.id = ids.button;
  button.type = 'button';
  button.setAttribute('aria-label', 'Open chat');
  const openIcon = '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="white" stroke-width="2"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  const closeIcon = '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="white" stroke-width="2"><path d="M18 6 6 18M6 6l12 12"/></svg>';
  button.innerHTML = openIcon;
  Object.assign(button.style, {
    position: 'fixed', bottom: 'var(--dify-chatbot-bubble-button-bottom, 1rem)', width: 'var(--dify-chatbot-bubble-button-width, 48px)',
    height: 'var(--dify-chatbot-bubble-button-height, 48px)', borderRadius: 'var(--dify-chatbot-bubble-button-border-radius, 50%)',
    background: 'var(--dify-chatbot-bubble-button-bg-color, ' + color + ')', border: '0', cursor: 'pointer',
    boxShadow: 'var(--dify-chatbot-bubble-button-box-shadow, 0 4px 12px rgba(0,0,0,.25))', zIndex: '2147483647',
    display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0'
  });
  button.style[left ? 'left' : 'right'] = left ? 'var(--dify-chatbot-bubble-button-left, 1rem)' : 'var(--dify-chatbot-bubble-button-right, 1rem)';
  if (cfg.containerProps && cfg.containerProps.style && typeof cfg.containerProps.style === 'object') {
    Object.assign(button.style, cfg.containerProps.style);
  }

  let open = false;
  const toggle = show => {
    open = show === undefined ? !open : show;
    frame.style.display = open ? 'block' : 'none';
    button.innerHTML = open ? closeIcon : openIcon;
    button.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
  };
  let dragged = false;
  button.addEventListener('click', () => { if (!dragged) toggle(); dragged = false; });
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && open) toggle(false); });

  if (draggable) {
    let start = null;
    button.addEventListener('pointerdown', e => {
      const r = button.getBoundingClientRect();
      start = {x: e.clientX, y: e.clientY, left: r.left, top: r.top};
      button.setPointerCapture(e.pointerId);
    });
    button.addEventListener('pointermove', e => {
      if (!start) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      if (!dragged && Math.hypot(dx, dy) < 8) return;
      dragged = true;
      Object.assign(button.style, {left: (start.left + dx) + 'px', top: (start.top + dy) + 'px', right: 'auto', bottom: 'auto'});
    });
    button.addEventListener('pointerup', () => { start = null; });
  }

  const mount = () => { document.body.appendChild(frame); document.body.appendChild(button); };
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();

// Weft's safe Markdown for the web app pages: every character of the text is escaped first, then only a few
// Markdown constructs become tags Weft writes itself (code, bold, italics, lists, headings, paragraphs; links only
// for http and https). Nothing of the text can become an element, an attribute or a script.
window.WeftMarkdown = (() => {
  'use strict';

  const escapeHtml = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

  function inline(escaped) {
    return escaped
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
        .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer nofollow">$1</a>');
  }

  /** Markdown to HTML from text that is escaped before any tag is made. */
  function render(text) {
    const parts = String(text).split(/```/);
    let html = '';
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        html += '<pre><code>' + escapeHtml(part.replace(/^[^\n]*\n/, '')) + '</code></pre>';
        return;
      }
      for (const block of part.split(/\n{2,}/)) {
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

  return Object.freeze({escapeHtml, render});
})();

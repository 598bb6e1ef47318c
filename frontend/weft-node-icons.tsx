import React from 'react';

/* One small line icon and one colour per node type, drawn on a 24×24 grid with the current colour. */

const COLORS: Record<string, string> = {
  start: '#2563eb',
  end: '#dc6803',
  answer: '#dc6803',
  llm: '#6938ef',
  'knowledge-retrieval': '#039855',
  'question-classifier': '#0e9384',
  'if-else': '#0086c9',
  iteration: '#0086c9',
  'template-transform': '#2e90fa',
  'variable-aggregator': '#7a5af8',
  'variable-assigner': '#7a5af8',
  assigner: '#7a5af8',
  'parameter-extractor': '#16b364',
  'document-extractor': '#2e90fa',
  'list-operator': '#06aed4',
  'http-request': '#875bf7',
};

export function nodeColor(kind: string): string {
  return COLORS[kind] ?? '#667085';
}

const PATHS: Record<string, string> = {
  start: 'M7 4l12 8-12 8z',
  end: 'M6 4v16M6 5h11l-3 4 3 4H6',
  answer: 'M4 5h16v11H9l-5 4z',
  llm: 'M12 3l2.5 5.5L20 11l-5.5 2.5L12 19l-2.5-5.5L4 11l5.5-2.5z',
  'knowledge-retrieval': 'M5 4h10a3 3 0 013 3v13H8a3 3 0 01-3-3zM5 17a3 3 0 013-3h10',
  'question-classifier': 'M12 4v5M12 9l-6 6v5M12 9l6 6v5M4 20h4M16 20h4',
  'if-else': 'M6 4v6a4 4 0 004 4h8M14 10l4 4-4 4M6 20v-6',
  iteration: 'M4 12a8 8 0 0114-5.3M20 12a8 8 0 01-14 5.3M18 3v4h-4M6 21v-4h4',
  'template-transform': 'M8 4H6a2 2 0 00-2 2v4l-2 2 2 2v4a2 2 0 002 2h2M16 4h2a2 2 0 012 2v4l2 2-2 2v4a2 2 0 01-2 2h-2',
  'variable-aggregator': 'M4 5h6l4 7-4 7H4M14 12h6',
  'variable-assigner': 'M4 8h10M4 16h10M16 6l4 6-4 6',
  assigner: 'M4 8h10M4 16h10M16 6l4 6-4 6',
  'parameter-extractor': 'M4 4h10l6 6v10H4zM14 4v6h6M8 14h8M8 17h5',
  'document-extractor': 'M6 3h8l5 5v13H6zM14 3v5h5M9 13h7M9 17h7',
  'list-operator': 'M9 6h11M9 12h11M9 18h11M4 6h1M4 12h1M4 18h1',
  'http-request': 'M12 3a9 9 0 100 18 9 9 0 000-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
};

export function NodeIcon({ kind }: { kind: string }) {
  const d = PATHS[kind] ?? 'M5 5h14v14H5z';
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
      <path d={d} fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

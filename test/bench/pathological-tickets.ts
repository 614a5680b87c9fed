import { makeTicket, type Ticket } from '../../src/domain/ticket.js';

/**
 * Descriptions built to make a regular expression backtrack or a scanner go quadratic: about a megabyte
 * each of one thing repeated (spaces, one letter, `[`, backticks, "as a ", "so that", punctuation, mixed
 * scripts and emoji, nested list markers, unclosed code fences and links). Used by the hostile-text tests
 * (lint must finish and return a verdict) and by the lint benchmark's "pathological (1 MB)" row.
 */
export const PATHOLOGICAL_PIECES: Readonly<Record<string, string>> = {
  'spaces': ' ',
  'tabs and line breaks': '\t \n\r\n',
  'one letter': 'a',
  'one long word and a space': 'supercalifragilistic ',
  'open brackets': '[',
  'brackets and parentheses': '[](',
  'backticks': '`',
  'unclosed fences': '```\n',
  'unclosed Jira code blocks': '{code} ',
  '"as a "': 'as a ',
  '"so that"': 'so that ',
  '"as a user, I want ... so that"': 'As a user, I want so that because in order to ',
  'punctuation': '.,;:!?-—…"\'()',
  'sentence ends without spaces': 'a.b!c?',
  'mixed scripts and emoji': 'Exportação данных 数据导出 تصدير 🚀👩🏽‍💻 ',
  'combining marks': 'e\u0301\u0302\u0303 ',
  'nested list markers': '  - * + 1. ',
  'list markers on new lines': '\n- ',
  'headings': '\n### ',
  'urls': 'https://example.com/a?b=c ',
  'numbers and units': '2 s 50% 10x ',
  'placeholders': '{deliverable}{who}',
};

export const PATHOLOGICAL_BYTES = 1024 * 1024;

/** One ~1 MB piece repeated, behind a title that names a deliverable (so every detector runs). */
export function pathologicalTicket(name: string, piece: string, chars = PATHOLOGICAL_BYTES): Ticket {
  return makeTicket({
    id: `pathological-${name}`,
    title: `Add CSV export ${piece.slice(0, 40)}`,
    description: piece.repeat(Math.ceil(chars / piece.length)).slice(0, chars),
    kind: 'unknown',
  });
}

/** Every pathological description, once. */
export function pathologicalTickets(chars = PATHOLOGICAL_BYTES): Ticket[] {
  return Object.entries(PATHOLOGICAL_PIECES).map(([name, piece]) => pathologicalTicket(name, piece, chars));
}

/**
 * Jira wiki markup -> plain text for the lint engine. Jira Cloud webhooks carry `description` and
 * `comment.body` as wiki markup (https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa).
 * Markup goes, words stay; lists become `- item` lines, table cells are joined by ` | `.
 */

const SLOT_START = '\u{F0000}';
const SLOT_END = '\u{F0001}';
const SLOT = new RegExp(`${SLOT_START}(\\d+)${SLOT_END}`, 'gu');

/**
 * Text effects that wrap a phrase in the same character on both sides: *strong*, _emphasis_, ... Each
 * with the character it needs, so a line without it skips the regex.
 */
const EFFECTS = [['*', '\\*'], ['_', '_'], ['??', '\\?\\?'], ['-', '-'], ['+', '\\+'], ['^', '\\^'], ['~', '~']].map(([marker, m]) => ({
  marker: marker!,
  pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${m}(?=\\S)(.+?)(?<=\\S)${m}(?![\\p{L}\\p{N}])`, 'gu'),
}));

export function jiraWikiToPlainText(wiki: string): string {
  const slots: string[] = [];
  const keep = (text: string): string => `${SLOT_START}${slots.push(text) - 1}${SLOT_END}`;
  const protectedText = wiki
    .replace(/\r\n?/g, '\n')
    .replace(/\{(code|noformat)(?::[^}]*)?\}\n?([\s\S]*?)\n?\{\1\}/g, (_m, _kind: string, body: string) => keep(body))
    .replace(/\\\\/g, '\n')
    .replace(/\\([^\s\\])/g, (_m, ch: string) => keep(ch));
  const lines = protectedText.split('\n').map(lineToText);
  const text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.replace(SLOT, (_m, i: string) => slots[Number(i)] ?? '');
}

function lineToText(line: string): string {
  if (/^\s*-{4,}\s*$/.test(line)) return '';
  let text = line
    .replace(/^\s*h[1-6]\.\s+/, '')
    .replace(/^\s*bq\.\s+/, '')
    .replace(/^\s*([*#-]+)\s+/, (_m, markers: string) => `${'  '.repeat(markers.length - 1)}- `);
  if (/^\s*\|\|?/.test(text)) text = tableRowToText(text);
  return inlineToText(text).trimEnd();
}

function tableRowToText(row: string): string {
  return row.trim().replace(/^\|\|?/, '').replace(/\|\|?$/, '').split(/\|\|?/).map((cell) => cell.trim()).join(' | ');
}

function inlineToText(text: string): string {
  let out = text;
  // Each replacement only where its opening character appears: most lines of a description are words.
  if (out.includes('{')) out = out.replace(/\{\{(.+?)\}\}/g, '$1').replace(/\{[a-zA-Z]+(?::[^}]*)?\}/g, '');
  if (out.includes('!')) out = out.replace(/!([^\s!|]+)(\|[^!\n]*)?!/g, '');
  if (out.includes('[')) {
    out = out
      .replace(/\[~[^\]]+\]/g, '')
      .replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_m, label: string, target: string) => (label.trim() ? label : target))
      .replace(/\[[#^]?([^\]]+)\]/g, '$1');
  }
  for (const effect of EFFECTS) if (out.includes(effect.marker)) out = out.replace(effect.pattern, '$1$2');
  return out;
}

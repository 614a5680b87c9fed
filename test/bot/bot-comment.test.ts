import { makeTicket } from '../../src/domain/ticket.js';
import { clearedComment, MARKER, questionsComment, readsTheSame } from '../../src/bot/bot-comment.js';
import { containsMarker } from '../../src/bot/tracker.js';
import { lint } from '../../src/lint/lint.js';
import { loadPack } from '../../src/packs/load-pack.js';
import { adfToPlainText } from '../../src/providers/jira/adf-text.js';
import { markdownToAdf } from '../../src/providers/jira/markdown-adf.js';
import { BARE_EXPORT } from './ticket-events.js';

const pack = loadPack('product-sense');

function commentFor(title: string, description = ''): string {
  const ticket = makeTicket({ id: 't-1', title, description, kind: 'feature' });
  return questionsComment(ticket, lint(ticket, pack), pack);
}

describe('questionsComment', () => {
  const comment = commentFor(BARE_EXPORT.title);
  const lines = comment.split('\n');

  it('opens with one line that names the deliverable and what the ticket leaves out', () => {
    expect(lines[0]).toBe('This asks for **CSV export** but not who needs it or why.');
  });

  it('lists each question once, as a bullet with its topic in bold', () => {
    const bullets = lines.filter((line) => line.startsWith('- '));
    const questions = lint(makeTicket({ id: 't-1', title: BARE_EXPORT.title, kind: 'feature' }), pack).questions;
    expect(bullets).toHaveLength(questions.length);
    expect(bullets[0]).toBe(`- **Who and why:** ${questions[0]}`);
    expect(bullets.slice(1).map((b) => /^- \*\*[^*]+:\*\* /.test(b))).toEqual(questions.slice(1).map(() => true));
  });

  it('opens a bug report with what it leaves out, not with a deliverable', () => {
    const ticket = makeTicket({ id: 't-2', title: 'Search page is broken', kind: 'bug' });
    expect(questionsComment(ticket, lint(ticket, pack), pack).split('\n')[0])
      .toBe('This bug report does not say what goes wrong or what should happen instead.');
  });

  it('says why the questions matter, how to answer and how to mute, without a score', () => {
    expect(comment).toContain('helps the engineers build the right thing');
    expect(comment).toContain('reply in this thread, or edit the description');
    expect(comment).toContain('write `/ticketlint skip` and a reason, or add the label `no-ticketlint`');
    expect(comment).not.toMatch(/score/i);
  });

  it('quotes the words that made it speak, and where they are', () => {
    expect(comment).toContain('Flagged because the title says: "Add CSV export"');
  });

  it('escapes ticket words that would turn into markup', () => {
    const escaped = commentFor('Add *bulk* export_csv');
    expect(escaped).toContain('\\*bulk\\*');
    expect(escaped).not.toMatch(/[^\\]\*bulk\*/);
  });

  it('ends with the marker footer, which names the mute label', () => {
    expect(lines.at(-1)).toBe(`${MARKER} reply here · mute with /ticketlint skip or the label no-ticketlint`);
    expect(containsMarker(comment, MARKER)).toBe(true);
  });
});

describe('clearedComment', () => {
  it('says the ticket has what it needs, names the removed label and keeps the marker', () => {
    const cleared = clearedComment(pack);
    expect(cleared).toContain('now says what it needs to');
    expect(cleared).toContain('`needs-context`');
    expect(containsMarker(cleared, MARKER)).toBe(true);
  });
});

describe('readsTheSame', () => {
  const comment = commentFor(BARE_EXPORT.title);

  it('matches the plain text Jira hands back for the ADF of the comment', () => {
    const stored = adfToPlainText(markdownToAdf(comment));
    expect(stored).not.toBe(comment);
    expect(readsTheSame(stored, comment)).toBe(true);
  });

  it('ignores backslash escapes and other bullet characters a markdown round trip may add', () => {
    const reserialised = comment.replace(/^- /gm, '* ').replace(/\./g, '\\.');
    expect(readsTheSame(reserialised, comment)).toBe(true);
  });

  it('tells a comment with other questions apart', () => {
    expect(readsTheSame(commentFor('Add PDF export'), comment)).toBe(false);
  });
});

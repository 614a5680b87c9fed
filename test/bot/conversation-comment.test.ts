import { readAnswers, type Reply } from '../../src/bot/answers.js';
import { MARKER, questionsComment, readsTheSame } from '../../src/bot/bot-comment.js';
import { mutedComment, mutedFromComment, showsHelp, thankYouComment } from '../../src/bot/conversation-comment.js';
import { containsMarker } from '../../src/bot/tracker.js';
import { makeTicket } from '../../src/domain/ticket.js';
import { loadPack } from '../../src/packs/load-pack.js';
import { adfToPlainText } from '../../src/providers/jira/adf-text.js';
import { markdownToAdf } from '../../src/providers/jira/markdown-adf.js';

const strict = loadPack('strict');
const ticket = makeTicket({ id: 't-1', title: 'Add CSV export', kind: 'feature' });
const reply = (id: string, name: string, body: string): Reply => ({ id, author: { id: name, name, isBot: false }, body });
const WHO_AND_WHY = 'Our accountants retype every invoice into the ledger by hand at month end, which takes them two whole days.';
const MEASURE = 'Success: the month-end close takes under half a day.';

describe('the questions comment with answers', () => {
  const sheet = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY)], strict);
  const comment = questionsComment(ticket, sheet.asked, strict, { answers: sheet.answers });
  const bullets = comment.split('\n').filter((line) => line.startsWith('- '));

  it('ticks an answered question with the first words of the answer, quoted, and who gave it', () => {
    expect(bullets[0]).toBe('- ✓ **Who and why:** answered by Priya Raman: "Our accountants retype every invoice into the ledger by hand at month…"');
  });

  it('leaves an open question as the question', () => {
    const measure = bullets.find((b) => b.includes("How we'll know"));
    expect(measure).toBe(`- **How we'll know:** ${sheet.asked.questions.find((q) => q.startsWith('Once'))}`);
  });

  it('opens with what is still missing, not with what was answered', () => {
    expect(comment.split('\n')[0]).toBe('This asks for **CSV export** but not how we will know it worked.');
  });

  it('reads differently from the comment without answers, and the same after a Jira round trip', () => {
    const before = questionsComment(ticket, sheet.asked, strict);
    expect(readsTheSame(before, comment)).toBe(false);
    expect(readsTheSame(adfToPlainText(markdownToAdf(comment)), comment)).toBe(true);
  });
});

describe('thankYouComment', () => {
  const sheet = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY), reply('c-2', 'Tom Berg', MEASURE)], strict);
  const comment = thankYouComment(sheet, strict);

  it('thanks the people who answered and names the label change', () => {
    expect(comment.split('\n')[0]).toBe('Thanks, Priya Raman and Tom Berg! This ticket now has what it needs, so `needs-context` gives way to `context-complete`. What you told me:');
  });

  it('lists each collected answer with who gave it, and keeps the marker', () => {
    expect(comment).toContain('- **How we\'ll know:** answered by Tom Berg: "Success: the month-end close takes under half a day."');
    expect(comment).toContain('answered by Priya Raman: "Our accountants retype');
    expect(containsMarker(comment, MARKER)).toBe(true);
  });
});

describe('the muted comment', () => {
  const muted = { by: 'Lena Fischer', reason: 'a one-day spike, *no* spec needed', at: '2025-04-03T10:00:00.000Z' };
  const comment = mutedComment(muted);

  it('is one line that says who muted the bot and why, then the marker', () => {
    expect(comment.split('\n')[0]).toBe('Muted by Lena Fischer: a one-day spike, \\*no\\* spec needed');
    expect(containsMarker(comment, MARKER)).toBe(true);
  });

  it('can be read back into who muted it and why, after either tracker stored it', () => {
    expect(mutedFromComment(comment, muted.at)).toEqual(muted);
    expect(mutedFromComment(adfToPlainText(markdownToAdf(comment)), muted.at)).toEqual(muted);
  });

  it('says so when a comment is not a muted one', () => {
    const questions = questionsComment(ticket, readAnswers(ticket, [], strict).asked, strict);
    expect(mutedFromComment(questions, muted.at)).toBeNull();
  });

  it('shows the help section only when asked, and the help can be recognised again', () => {
    expect(showsHelp(comment)).toBe(false);
    expect(showsHelp(mutedComment(muted, true))).toBe(true);
  });
});

import { readAnswers } from '../../src/bot/answers.js';
import {
  CONTEXT_END, CONTEXT_START, contextSectionMarkdown, contextSectionOf, currentContextMarkdown, sameContext,
  withContextMarkdown, withoutContextSection, type ContextSection,
} from '../../src/bot/context-section.js';
import { makeTicket } from '../../src/domain/ticket.js';
import { loadPack } from '../../src/packs/load-pack.js';

const url = (id: string): string => `https://tracker.test/c/${id}`;

const ONE: ContextSection = {
  entries: [{ label: 'Who and why', quote: 'Dispatchers re-key *every* route by hand, which takes an hour.', by: 'Ana Costa', commentId: 'c-17' }],
};
const TWO: ContextSection = {
  entries: [...ONE.entries, { label: "How we'll know", quote: 'Target: routes planned in under 5 minutes.', by: 'Jo Park', commentId: 'c-18' }],
};

describe('contextSectionMarkdown', () => {
  it('renders a Context heading, the start marker, one bullet per answer with who and a link, and the end marker', () => {
    const markdown = contextSectionMarkdown(TWO, url);
    expect(markdown.split('\n\n')).toEqual([
      '## Context',
      CONTEXT_START,
      '- **Who and why:** "Dispatchers re-key \\*every\\* route by hand, which takes an hour." (Ana Costa, [comment](https://tracker.test/c/c-17))\n'
        + '- **How we\'ll know:** "Target: routes planned in under 5 minutes." (Jo Park, [comment](https://tracker.test/c/c-18))',
      CONTEXT_END,
    ]);
  });

  it('says an answer spread over several replies is answered across them, without a link', () => {
    const markdown = contextSectionMarkdown({ entries: [{ label: 'Alternatives', quote: null, by: null, commentId: null }] }, url);
    expect(markdown).toContain('- **Alternatives:** answered across the replies\n');
    expect(markdown).not.toContain('](');
  });
});

describe('withContextMarkdown', () => {
  const before = 'Add a *route* export.\n\n- one file per day\r\n  ';
  const section = contextSectionMarkdown(ONE, url);

  it('appends the section after a blank line, keeping the author text before it byte for byte', () => {
    const result = withContextMarkdown(before, section);
    expect(result.startsWith('Add a *route* export.\n\n- one file per day')).toBe(true);
    expect(result).toBe(`Add a *route* export.\n\n- one file per day\n\n${section}`);
  });

  it('is the section alone for an empty description', () => {
    expect(withContextMarkdown('  \n', section)).toBe(section);
  });

  it('replaces the section in place, keeping the text before and after it byte for byte, with no second section', () => {
    const head = 'Intro line with  two spaces.\n\n';
    const tail = '\n\n## Notes\nWritten *after* the bot\'s section.  \n';
    const first = `${head}${section}${tail}`;
    const updated = withContextMarkdown(first, contextSectionMarkdown(TWO, url));
    expect(updated).toBe(`${head}${contextSectionMarkdown(TWO, url)}${tail}`);
    expect(updated.split(CONTEXT_START)).toHaveLength(2);
  });

  it('finds the section again after the tracker rewrote its bullets, escapes and line breaks', () => {
    const stored = `Body.\n\n${section.replace('- **', '* **').replace('(Ana', '\\(Ana').replace(/\n\n/g, '\n')}`;
    expect(sameContext(currentContextMarkdown(stored)!, section)).toBe(true);
    expect(withContextMarkdown(stored, section)).toBe(`Body.\n\n${section}`);
  });

  it('ends a section whose end marker was deleted before the next heading, so the text under that heading stays', () => {
    const broken = `Body.\n\n## Context\n\n${CONTEXT_START}\n\n- old answer\n\n## Rollout\nShip on Monday.`;
    expect(withContextMarkdown(broken, section)).toBe(`Body.\n\n${section}\n## Rollout\nShip on Monday.`);
  });
});

describe('sameContext', () => {
  it('reads a section and its escaped, re-spaced twin as the same, and a changed answer as different', () => {
    const section = contextSectionMarkdown(ONE, url);
    expect(sameContext(section, section.replace(/\n\n/g, '\n').replace('(', '\\('))).toBe(true);
    expect(sameContext(section, section.replace('Ana Costa', 'Ana Costas'))).toBe(false);
    expect(sameContext(section, contextSectionMarkdown(TWO, url))).toBe(false);
  });
});

describe('withoutContextSection', () => {
  it('takes the section out of a plain-text description so the answers are not read as the author\'s', () => {
    const plain = `Add a route export.\n\nContext\n\n${CONTEXT_START}\n\n- Who and why: "They re-key routes."\n\n${CONTEXT_END}\n\nPS: by Friday.`;
    const ticket = makeTicket({ id: 't', title: 'Add route export', description: plain });
    expect(withoutContextSection(ticket).description).toBe('Add a route export.\n\nPS: by Friday.');
  });
});

describe('contextSectionOf', () => {
  const pack = loadPack('strict');
  const ticket = makeTicket({ id: 't', title: 'Add route export', description: '' });

  it('is null while no reply answers anything', () => {
    const sheet = readAnswers(ticket, [{ id: 'c-1', author: { id: 'u', name: 'Ana Costa', isBot: false }, body: 'Nice idea!' }], pack);
    expect(contextSectionOf(sheet, pack)).toBeNull();
  });

  it('lists each answered question with its label, the quote, who gave it and the comment id', () => {
    const reply = 'Our dispatchers retype every route into the planning sheet by hand each morning, which takes them an hour.';
    const sheet = readAnswers(ticket, [{ id: 'c-9', author: { id: 'u', name: 'Ana Costa', isBot: false }, body: reply }], pack);
    const section = contextSectionOf(sheet, pack);
    expect(section?.entries.length).toBeGreaterThan(0);
    expect(section?.entries[0]).toEqual({ label: expect.stringMatching(/^Who/), quote: reply, by: 'Ana Costa', commentId: 'c-9' });
  });
});

import { AdfDocumentSchema, type AdfNode } from '../../../src/providers/jira/adf.js';
import { adfToPlainText } from '../../../src/providers/jira/adf-text.js';
import { markdownToAdf } from '../../../src/providers/jira/markdown-adf.js';
import { jiraWikiToPlainText } from '../../../src/providers/jira/wiki-markup-text.js';

describe('jiraWikiToPlainText', () => {
  it('drops heading, quote and text-effect markup but keeps the words', () => {
    expect(jiraWikiToPlainText('h1. Why\nbq. Buyers *abandon* carts when _shipping_ is -hidden- +late+.'))
      .toBe('Why\nBuyers abandon carts when shipping is hidden late.');
  });

  it('turns bullet and numbered lists into "- " lines, nested ones indented', () => {
    expect(jiraWikiToPlainText('* first\n** inner\n# numbered')).toBe('- first\n  - inner\n- numbered');
  });

  it('keeps link labels, bare URLs and monospaced words, and drops images and mentions', () => {
    expect(jiraWikiToPlainText('See [the spec|https://x.example/spec], [https://y.example] and {{config.yml}} !chart.png|thumbnail! [~accountid:5d8f2a1c]'))
      .toBe('See the spec, https://y.example and config.yml');
  });

  it('keeps code and noformat blocks verbatim, markup characters included', () => {
    expect(jiraWikiToPlainText('Run:\n{code:bash}\nexport A=*x*\n{code}\n{noformat}_raw_{noformat}'))
      .toBe('Run:\nexport A=*x*\n_raw_');
  });

  it('strips panel and colour macros around their text', () => {
    expect(jiraWikiToPlainText('{panel:title=Note}Only for admins{panel} {color:red}urgent{color}')).toBe('Only for admins urgent');
  });

  it('joins table cells with a bar and drops rules', () => {
    expect(jiraWikiToPlainText('||Plan||Price||\n|Basic|10|\n----\nend')).toBe('Plan | Price\nBasic | 10\n\nend');
  });

  it('keeps hyphenated words, snake_case and escaped markup characters', () => {
    expect(jiraWikiToPlainText('A well-known user_id field costs 2 \\* 3')).toBe('A well-known user_id field costs 2 * 3');
  });

  it('turns a forced line break into a newline', () => {
    expect(jiraWikiToPlainText('first\\\\second')).toBe('first\nsecond');
  });
});

describe('adfToPlainText', () => {
  const doc = (...content: AdfNode[]): AdfNode => ({ type: 'doc', version: 1, content } as AdfNode);
  const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
  const t = (text: string, marks?: AdfNode['marks']): AdfNode => ({ type: 'text', text, ...(marks ? { marks } : {}) });

  it('separates paragraphs and headings by blank lines and drops marks', () => {
    expect(adfToPlainText(doc(
      { type: 'heading', attrs: { level: 2 }, content: [t('Why')] },
      p(t('Buyers '), t('abandon', [{ type: 'strong' }]), t(' carts.')),
    ))).toBe('Why\n\nBuyers abandon carts.');
  });

  it('renders lists as "- " lines with nested lists indented', () => {
    const item = (text: string, ...nested: AdfNode[]): AdfNode => ({ type: 'listItem', content: [p(t(text)), ...nested] });
    expect(adfToPlainText(doc({
      type: 'bulletList',
      content: [item('one', { type: 'orderedList', content: [item('one.a')] }), item('two')],
    }))).toBe('- one\n  - one.a\n- two');
  });

  it('reads mentions, emoji, links, dates, status and hard breaks as words', () => {
    expect(adfToPlainText(doc(p(
      { type: 'mention', attrs: { id: 'abc', text: '@Lena' } }, t(' see '),
      { type: 'inlineCard', attrs: { url: 'https://x.example/a' } }, { type: 'hardBreak' },
      { type: 'emoji', attrs: { shortName: ':tada:', text: '🎉' } }, t(' by '),
      { type: 'date', attrs: { timestamp: '1743552000000' } }, t(' '),
      { type: 'status', attrs: { text: 'BLOCKED', color: 'red' } },
    )))).toBe('@Lena see https://x.example/a\n🎉 by 2025-04-02 BLOCKED');
  });

  it('joins table cells with a bar, one row per line', () => {
    const cell = (text: string): AdfNode => ({ type: 'tableCell', content: [p(t(text))] });
    expect(adfToPlainText(doc({
      type: 'table',
      content: [{ type: 'tableRow', content: [cell('Plan'), cell('Price')] }, { type: 'tableRow', content: [cell('Basic'), cell('10')] }],
    }))).toBe('Plan | Price\nBasic | 10');
  });

  it('reads panels, quotes, expands and unknown nodes through to their text, and drops media and rules', () => {
    expect(adfToPlainText(doc(
      { type: 'panel', attrs: { panelType: 'info' }, content: [p(t('In a panel.'))] },
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x', type: 'file' } }] },
      { type: 'rule' },
      { type: 'expand', attrs: { title: 'Details' }, content: [p(t('Hidden words.'))] },
      { type: 'someFutureNode', content: [p(t('Still read.'))] },
    ))).toBe('In a panel.\n\nDetails\n\nHidden words.\n\nStill read.');
  });

  it('answers empty text for a missing document and survives absurd nesting', () => {
    expect(adfToPlainText(null)).toBe('');
    let deep: AdfNode = p(t('bottom'));
    for (let i = 0; i < 5000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(() => adfToPlainText(doc(deep))).not.toThrow();
  });
});

/** Every text node is non-empty and, outside code blocks, free of newlines. */
function textNodes(node: AdfNode, inCode = false): { text: string; inCode: boolean }[] {
  const own = node.type === 'text' ? [{ text: node.text ?? '', inCode }] : [];
  return [...own, ...(node.content ?? []).flatMap((child) => textNodes(child, inCode || node.type === 'codeBlock'))];
}

describe('markdownToAdf', () => {
  it('makes a valid ADF document of paragraphs, one per blank-line-separated block', () => {
    const adf = markdownToAdf('First paragraph.\n\nSecond paragraph.');
    expect(AdfDocumentSchema.parse(adf)).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First paragraph.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph.' }] },
      ],
    });
  });

  it('turns a single line break inside a paragraph into a hardBreak, never a newline in text', () => {
    const adf = markdownToAdf('line one\nline two');
    expect(adf.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'line one' }, { type: 'hardBreak' }, { type: 'text', text: 'line two' }],
    });
  });

  it('marks **bold**, *em*, ~~strike~~, `code` and links', () => {
    const [paragraph] = markdownToAdf('A **bold** and *soft* ~~old~~ `cfg` [docs](https://d.example) end').content;
    expect(paragraph!.content).toEqual([
      { type: 'text', text: 'A ' },
      { type: 'text', text: 'bold', marks: [{ type: 'strong' }] },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'soft', marks: [{ type: 'em' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'old', marks: [{ type: 'strike' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'cfg', marks: [{ type: 'code' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'docs', marks: [{ type: 'link', attrs: { href: 'https://d.example' } }] },
      { type: 'text', text: ' end' },
    ]);
  });

  it('makes bullet lists of listItems holding paragraphs, nested by indentation', () => {
    const adf = markdownToAdf('- who is the user?\n  - and their pain\n- how will we know?');
    expect(adf.content).toEqual([{
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'who is the user?' }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'and their pain' }] }] }] },
          ],
        },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'how will we know?' }] }] },
      ],
    }]);
  });

  it('makes ordered lists, headings, quotes, rules and code blocks', () => {
    const adf = markdownToAdf('## Questions\n1. one\n2. two\n\n> quoted\n\n---\n```ts\nconst a = 1;\nconst b = 2;\n```');
    expect(adf.content.map((b) => b.type)).toEqual(['heading', 'orderedList', 'blockquote', 'rule', 'codeBlock']);
    expect(adf.content[0]).toMatchObject({ attrs: { level: 2 } });
    expect(adf.content[4]).toEqual({ type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = 1;\nconst b = 2;' }] });
  });

  it('never makes empty text nodes or newlines in text outside code blocks', () => {
    const adf = markdownToAdf('**Why?**\n\n- \n-   **x**\n\n\n\ntrailing  \n  \n**** __ <!-- ticketlint:sticky -->\n# \n```\n```');
    const texts = textNodes(adf as AdfNode);
    expect(texts.length).toBeGreaterThan(0);
    for (const { text, inCode } of texts) {
      expect(text.length).toBeGreaterThan(0);
      if (!inCode) expect(text).not.toMatch(/\n/);
    }
    expect(JSON.stringify(adf)).not.toContain('ticketlint:sticky');
  });

  it('leaves snake_case, lone asterisks and escaped characters as literal text', () => {
    const [paragraph] = markdownToAdf('set max_retry_count to 2 * 3 and \\*keep\\* it').content;
    expect(paragraph!.content).toEqual([{ type: 'text', text: 'set max_retry_count to 2 * 3 and *keep* it' }]);
  });

  it('round-trips the words: markdown -> ADF -> plain text', () => {
    const markdown = 'Some questions before we build this:\n\n- **Who** is the user?\n- How will we *know* it worked?\n\nticketlint review';
    expect(adfToPlainText(markdownToAdf(markdown) as AdfNode))
      .toBe('Some questions before we build this:\n\n- Who is the user?\n- How will we know it worked?\n\nticketlint review');
  });
});

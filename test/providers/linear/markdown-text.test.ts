import { linearMarkdownToPlainText } from '../../../src/providers/linear/markdown-text.js';
import { linearKindFromLabels } from '../../../src/providers/linear/linear-ticket.js';

describe('linearMarkdownToPlainText', () => {
  it('drops headings, emphasis, strike and inline code markup but keeps the words', () => {
    expect(linearMarkdownToPlainText('## Why\nShoppers **abandon** carts when _shipping_ is ~~hidden~~ in `checkout`.'))
      .toBe('Why\nShoppers abandon carts when shipping is hidden in checkout.');
  });

  it('keeps link text, drops images, HTML tags and HTML comments', () => {
    expect(linearMarkdownToPlainText('See [the spec](https://x.example) ![shot](https://img.example/a.png) <br/>now<!-- hidden -->'))
      .toBe('See the spec  now');
  });

  it('writes every kind of bullet and task item as a "- " line', () => {
    expect(linearMarkdownToPlainText('* one\n+ two\n- [x] three\n  - nested')).toBe('- one\n- two\n- three\n  - nested');
  });

  it('keeps fenced code verbatim and drops quotes markers, rules and table separators', () => {
    expect(linearMarkdownToPlainText('> quoted *words*\n\n---\n\n```\nlet a = *b*;\n```\n| Plan | Price |\n| --- | --- |\n| Basic | 10 |'))
      .toBe('quoted words\n\nlet a = *b*;\nPlan | Price\n\nBasic | 10');
  });

  it('keeps snake_case, lone asterisks and escaped characters', () => {
    expect(linearMarkdownToPlainText('set max_retry_count to 2 * 3 and \\*keep\\* it')).toBe('set max_retry_count to 2 * 3 and *keep* it');
  });
});

describe('linearKindFromLabels', () => {
  it('maps the default Bug, Feature and Improvement labels, in any case', () => {
    expect(linearKindFromLabels(['bug'])).toBe('bug');
    expect(linearKindFromLabels(['Feature', 'frontend'])).toBe('feature');
    expect(linearKindFromLabels(['IMPROVEMENT'])).toBe('feature');
  });

  it('leaves the kind unknown without a kind label or when kind labels disagree', () => {
    expect(linearKindFromLabels(['frontend'])).toBe('unknown');
    expect(linearKindFromLabels(['Bug', 'Feature'])).toBe('unknown');
  });
});

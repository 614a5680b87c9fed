import { CONTEXT_END, CONTEXT_START, type ContextSection } from '../../../src/bot/context-section.js';
import type { AdfNode } from '../../../src/providers/jira/adf.js';
import { adfToPlainText } from '../../../src/providers/jira/adf-text.js';
import { contextSectionAdf, withContextAdf } from '../../../src/providers/jira/context-section-adf.js';
import { adfProblem } from '../../stubs/jira-stub.js';

const url = (id: string): string => `https://acme.test/browse/OPS-9?focusedCommentId=${id}`;

const SECTION: ContextSection = {
  entries: [
    { label: 'Who and why', quote: 'Night-shift operators restart\nthe queue by hand.', by: 'Ana Costa', commentId: '10071' },
    { label: 'Alternatives', quote: null, by: null, commentId: null },
  ],
};

function textNodes(nodes: readonly AdfNode[]): AdfNode[] {
  return nodes.flatMap((node) => [...(node.type === 'text' ? [node] : []), ...textNodes(node.content ?? [])]);
}

describe('contextSectionAdf', () => {
  const nodes = contextSectionAdf(SECTION, url);

  it('is a heading, the start marker, one list item per answer and the end marker', () => {
    const doc = { type: 'doc', version: 1, content: nodes };
    expect(nodes.map((n) => n.type)).toEqual(['heading', 'paragraph', 'bulletList', 'paragraph']);
    expect(adfToPlainText(doc)).toBe([
      'Context', CONTEXT_START,
      '- Who and why: "Night-shift operators restart the queue by hand." (Ana Costa, comment)\n- Alternatives: answered across the replies',
      CONTEXT_END,
    ].join('\n\n'));
  });

  it('holds no newline and no empty text in any text node, so Jira accepts it', () => {
    expect(textNodes(nodes).every((n) => (n.text ?? '').length > 0 && !n.text!.includes('\n'))).toBe(true);
    expect(adfProblem({ type: 'doc', version: 1, content: nodes })).toBeNull();
  });

  it('links each comment with a link mark, and the label in bold', () => {
    const texts = textNodes(nodes);
    expect(texts.find((n) => n.text === 'comment')?.marks).toEqual([{ type: 'link', attrs: { href: url('10071') } }]);
    expect(texts.find((n) => n.text === 'Who and why:')?.marks).toEqual([{ type: 'strong' }]);
    expect(texts.filter((n) => n.marks?.some((m) => m.type === 'link'))).toHaveLength(1);
  });
});

describe('withContextAdf', () => {
  const authorBefore = { type: 'paragraph', attrs: { localId: 'p-1' }, content: [{ type: 'text', text: 'Restart the queue automatically.' }] };
  const authorAfter = { type: 'panel', attrs: { panelType: 'note' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Added later.' }] }] };

  it('appends the section to a document, keeping its nodes as the very values that came in', () => {
    const doc = { type: 'doc', version: 1, content: [authorBefore] };
    const { doc: next, changed } = withContextAdf(doc, contextSectionAdf(SECTION, url));
    expect(changed).toBe(true);
    expect((next.content as unknown[])[0]).toBe(authorBefore);
    expect(JSON.stringify((next.content as unknown[])[0])).toBe(JSON.stringify(authorBefore));
    expect((next.content as unknown[]).slice(1)).toEqual(contextSectionAdf(SECTION, url));
  });

  it('starts a document when the description is empty', () => {
    expect(withContextAdf(null, contextSectionAdf(SECTION, url)).doc).toEqual({ type: 'doc', version: 1, content: contextSectionAdf(SECTION, url) });
  });

  it('replaces only the section nodes, in place, leaving the author nodes before and after untouched', () => {
    const old = contextSectionAdf({ entries: [SECTION.entries[1]!] }, url);
    const doc = { type: 'doc', version: 1, content: [authorBefore, ...old, authorAfter] };
    const { doc: next, changed } = withContextAdf(doc, contextSectionAdf(SECTION, url));
    expect(changed).toBe(true);
    expect(next.content).toEqual([authorBefore, ...contextSectionAdf(SECTION, url), authorAfter]);
    expect(JSON.stringify(next)).toContain('"localId":"p-1"');
  });

  it('sees no change when the stored section reads the same and links the same comments, whatever attributes Jira added', () => {
    const stored = contextSectionAdf(SECTION, url).map((node) => ({ ...node, attrs: { ...node.attrs, localId: 'x' } }));
    const doc = { type: 'doc', version: 1, content: [authorBefore, ...stored] };
    expect(withContextAdf(doc, contextSectionAdf(SECTION, url)).changed).toBe(false);
    const otherLink = contextSectionAdf(SECTION, (id) => `https://elsewhere.test/${id}`);
    expect(withContextAdf(doc, otherLink).changed).toBe(true);
  });
});

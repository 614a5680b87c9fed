import { flattenTicketEvent, plainTextOf } from '../../src/providers/plain-text.js';
import { TicketEventSchema, WebhookTicketEventSchema } from '../../src/domain/ticket-event.js';
import { jiraIssueEvent } from '../bot/ticket-events.js';

describe('plainTextOf', () => {
  it('leaves plain text as it is', () => {
    expect(plainTextOf('*not* markup here')).toBe('*not* markup here');
  });

  it('flattens each format with its own reader', () => {
    expect(plainTextOf({ format: 'markdown', source: '## Why\n**Support** answers [refunds](https://x.test)' })).toBe('Why\nSupport answers refunds');
    expect(plainTextOf({ format: 'jira-wiki', source: 'h2. Why\n*Support* answers [refunds|https://x.test]' })).toBe('Why\nSupport answers refunds');
    const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Support answers refunds', marks: [{ type: 'strong' }] }] }] };
    expect(plainTextOf({ format: 'adf', source: adf })).toBe('Support answers refunds');
  });

  it('throws for a source its format cannot hold', () => {
    expect(() => plainTextOf({ format: 'markdown', source: { type: 'doc' } })).toThrow(/markdown text must be a string/);
    expect(() => plainTextOf({ format: 'adf', source: 'words' })).toThrow();
    expect(() => plainTextOf({ format: 'adf', source: { content: [] } })).toThrow();
  });
});

describe('flattenTicketEvent', () => {
  it('flattens the description and the comment body and keeps everything else', () => {
    const event = jiraIssueEvent({ title: 'Export order history as PDF', description: '' });
    const queued = WebhookTicketEventSchema.parse({
      ...event,
      ticket: { ...event.ticket, description: { format: 'jira-wiki', source: '* one page per order' } },
      comment: { id: 'c-1', body: { format: 'jira-wiki', source: '_Who_ asked?' }, parentId: null, author: { id: 'u', name: 'U', isBot: false } },
    });

    const flat = TicketEventSchema.parse(flattenTicketEvent(queued));

    expect(flat).toEqual({ ...event, ticket: { ...event.ticket, description: '- one page per order' }, comment: { id: 'c-1', body: 'Who asked?', parentId: null, author: { id: 'u', name: 'U', isBot: false } } });
  });

  it('takes a TicketEvent, whose text is plain already, as it is', () => {
    const event = jiraIssueEvent({ title: 'Export order history as PDF', description: '*kept* as written' });
    expect(flattenTicketEvent(event)).toEqual(event);
  });
});

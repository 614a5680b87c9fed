import { pino } from 'pino';
import { makeTicket, type Ticket } from '../../../src/domain/ticket.js';
import { LlmJudge } from '../../../src/judges/llm/llm-judge.js';
import { judgeRequest } from '../../../src/lint/judge/judge-request.js';
import { loadPack } from '../../../src/packs/load-pack.js';
import { CHARS_PER_TOKEN, csvExportVerdict, estimateTokens, inputTokensOf, promptChars, repliesVerdict, startLlmStub, type LlmStub } from '../../stubs/llm-stub.js';

/**
 * What one call costs, measured on the requests the judge sends (the README's "Cost" figures come from
 * here): the characters the model reads (system prompt, message, JSON schema) and the tokens the stub
 * counts for them at CHARS_PER_TOKEN, for "Add CSV export" and a few typical tickets, and for a reading of replies.
 * The output is the stub's answer: the verdict with four questions, about the size a model writes.
 */

const pack = loadPack('product-sense');

const TYPICAL: readonly Ticket[] = [
  makeTicket({ id: 'csv', title: 'Add CSV export', description: '' }),
  makeTicket({
    id: 'paragraph', title: 'Let admins bulk-invite teammates',
    description: 'Admins of larger workspaces invite people one by one from the members page. A team of 40 takes most of an afternoon, and support gets a ticket a week about it. Allow pasting a list of e-mail addresses into the invite dialog.',
  }),
  makeTicket({
    id: 'story', title: 'Saved filters on the orders list',
    description: [
      'As a warehouse lead I want to save the filters I use on the orders list, so that I do not rebuild them every morning.',
      '',
      '## Background',
      'Leads filter the list by carrier, cut-off time and zone before each wave. They do it five or six times a shift and get it wrong now and then, which sends parcels to the wrong dock.',
      '',
      '## Acceptance criteria',
      '- A lead can save the current filters under a name.',
      '- Saved filters show in a menu beside the filter bar and apply in one click.',
      '- A saved filter can be renamed and deleted.',
      '- Filters are per user; sharing is out of scope for now.',
      '',
      '## Notes',
      'We considered remembering the last filters used, but leads switch between three or four sets during a shift.',
    ].join('\n'),
  }),
];

/** The figures the README quotes for "Add CSV export"; this test fails when the prompt's size drifts from them by more than 3%. */
const README_CSV_EXPORT = { tokensIn: 1839, tokensOut: 150 };

describe('what one call to the model sends, measured', () => {
  let stub: LlmStub;
  const rows: string[] = [];

  beforeAll(async () => { stub = await startLlmStub(csvExportVerdict()); });
  afterAll(async () => {
    await stub.close();
    console.log([`tokens at ${CHARS_PER_TOKEN} characters each`, '| request | characters in | tokens in | tokens out |', '|---|---|---|---|', ...rows].join('\n'));
  });

  const judge = (): LlmJudge => new LlmJudge({
    settings: { provider: 'openai', baseUrl: stub.url, apiKey: null, model: 'stub-mini', timeoutMs: 2000, redact: true, maxCallsPerHour: 0, maxCallsPerDay: 0 },
    log: pino({ level: 'silent' }),
  });
  const measure = (name: string): { chars: number; tokensIn: number; tokensOut: number } => {
    const call = stub.completions().at(-1)!;
    const figures = { chars: promptChars(call.body), tokensIn: inputTokensOf(call), tokensOut: estimateTokens(stub.contentFor(call).length) };
    rows.push(`| ${name} | ${figures.chars} | ${figures.tokensIn} | ${figures.tokensOut} |`);
    return figures;
  };

  it.each(TYPICAL.map((ticket) => [ticket.id, ticket] as const))('sends the prompt, the schema and the ticket "%s"', async (_id, ticket) => {
    await judge().read(judgeRequest(ticket, pack));
    const figures = measure(`ticket: ${ticket.title} (${ticket.description.length} characters of description)`);
    expect(figures.chars).toBeGreaterThan(ticket.title.length + ticket.description.length);
    if (ticket.id === 'csv') {
      expect(Math.abs(figures.tokensIn - README_CSV_EXPORT.tokensIn) / README_CSV_EXPORT.tokensIn).toBeLessThan(0.03);
      expect(Math.abs(figures.tokensOut - README_CSV_EXPORT.tokensOut) / README_CSV_EXPORT.tokensOut).toBeLessThan(0.03);
    }
  });

  it('sends less for the replies to "Add CSV export" than for the ticket itself', async () => {
    stub.replies = repliesVerdict({ user: { answered: true, quote: 'Hannah in payroll', confidence: 0.8 } });
    const ticket = TYPICAL[0]!;
    await judge().readReplies(ticket, [
      { signal: 'user', question: 'Which team will open the CSV export, and what will they do with the file?' },
      { signal: 'outcome', question: 'What goes wrong today without a CSV export, and for whom?' },
    ], ['Hannah in payroll pastes the totals into the bank portal every Friday.', 'It takes her about an hour.']);
    const figures = measure('replies: two short replies to two questions on "Add CSV export"');
    expect(figures.tokensIn).toBeLessThan(README_CSV_EXPORT.tokensIn);
  });
});


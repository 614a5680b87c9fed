import { makeTicket, type TicketInput } from '../../src/domain/ticket.js';
import { lint } from '../../src/lint/lint.js';
import { compilePack } from '../../src/lint/pack/compile-pack.js';
import { parsePackYaml } from '../../src/lint/pack/parse-pack.js';

// Every rule here is a bare-bug-report on a ticket the tracker calls a bug and that has no body:
// it fires whatever the detectors read, so these tests are about lint() alone.
const pack = compilePack([{ file: 'lint-test.yaml', pack: parsePackYaml(`
name: lint-test
exempt: { labels: [no-lint], authors: [release-bot] }
rules:
  bare-bug:
    kind: bare-bug-report
    level: warn
    message: "{title} says too little."
    question: What goes wrong in "{title}"?
  payments-bug:
    kind: bare-bug-report
    level: error
    question: What goes wrong in "{title}"?
    when: { labels: [payments] }
  platform-bug:
    kind: bare-bug-report
    question: Which service is affected?
    when: { teams: [Platform] }
  feature-bug:
    kind: bare-bug-report
    when: { kinds: [feature] }
  silenced:
    kind: bare-bug-report
    level: off
    question: Never asked?
`, 'lint-test.yaml') }]);

const bug = (input: Partial<TicketInput> = {}) => makeTicket({ id: 'BUG-1', title: 'Login page is broken', kind: 'bug', ...input });

describe('lint', () => {
  it('reports a finding per rule that fires, with its level and rendered message', () => {
    const verdict = lint(bug(), pack);
    expect(verdict.findings).toEqual([
      { rule: 'bare-bug', level: 'warn', message: 'Login page is broken says too little.', question: 'What goes wrong in "Login page is broken"?', evidence: ['Login page is broken'] },
    ]);
    expect(verdict).toMatchObject({ id: 'BUG-1', exemptBecause: null, outputOnly: verdict.analysis.outputOnly });
  });

  it('uses the kind default message when the rule sets none', () => {
    const verdict = lint(bug({ team: 'platform' }), pack);
    expect(verdict.findings.find((f) => f.rule === 'platform-bug')?.message)
      .toBe('A bare bug report: it does not say what goes wrong or what should happen instead.');
  });

  it('never reports a rule that is off', () => {
    expect(lint(bug(), pack).findings.map((f) => f.rule)).not.toContain('silenced');
  });

  it('runs a rule with a label filter only on tickets with one of its labels, in any case', () => {
    expect(lint(bug({ labels: ['Payments'] }), pack).findings.map((f) => f.rule)).toEqual(['bare-bug', 'payments-bug']);
    expect(lint(bug({ labels: ['search'] }), pack).findings.map((f) => f.rule)).toEqual(['bare-bug']);
  });

  it('runs a rule with a team filter only on tickets of those teams', () => {
    expect(lint(bug({ team: 'Platform' }), pack).findings.map((f) => f.rule)).toEqual(['bare-bug', 'platform-bug']);
    expect(lint(bug({ team: 'Growth' }), pack).findings.map((f) => f.rule)).toEqual(['bare-bug']);
  });

  it('runs a rule with a kind filter only on tickets the engine reads as that kind', () => {
    expect(lint(bug({ labels: ['payments'], team: 'platform' }), pack).findings.map((f) => f.rule)).not.toContain('feature-bug');
  });

  it('asks each question once, in rule order', () => {
    expect(lint(bug({ labels: ['payments'], team: 'platform' }), pack).questions).toEqual([
      'What goes wrong in "Login page is broken"?',
      'Which service is affected?',
    ]);
  });

  it('gives an exempt-labelled ticket no findings and says why', () => {
    const verdict = lint(bug({ labels: ['payments', 'No-Lint'] }), pack);
    expect(verdict).toMatchObject({ exemptBecause: 'label "No-Lint"', findings: [], questions: [] });
  });

  it('gives a ticket by an exempt author no findings and says why', () => {
    const verdict = lint(bug({ author: 'release-bot' }), pack);
    expect(verdict).toMatchObject({ exemptBecause: 'author "release-bot"', findings: [], questions: [] });
  });
});

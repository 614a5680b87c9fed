import { explanationSection } from '../../src/bot/explain-section.js';
import { makeTicket } from '../../src/domain/ticket.js';
import type { JudgeReading } from '../../src/lint/judge/judge.js';
import { lint } from '../../src/lint/lint.js';
import { withCueEngineOnly } from '../../src/lint/pack/rule-pack.js';
import { loadPack } from '../../src/packs/load-pack.js';

const pack = loadPack('product-sense');
const ticket = makeTicket({ id: 'T-1', title: 'Add CSV export', description: 'Finance admins retype every invoice by hand at month end.' });
const absent = { present: false, quotes: [], confidence: 0.85 };
const modelReading: JudgeReading = {
  judge: 'llm', version: 'stub-mini prompt-v3', fallback: null, kind: 'feature', outputOnly: false,
  signals: { user: { present: true, quotes: ['Finance admins'], confidence: 0.92 }, outcome: { present: true, quotes: ['retype every invoice by hand'], confidence: 0.8 }, successMeasure: absent, alternatives: absent },
  questions: {},
};

describe('the explanation section', () => {
  it('names the offline judgement and its model, and per signal the quote or the question, with the probability it is there', () => {
    const verdict = lint(ticket, pack);
    const text = explanationSection({ verdict }, pack);
    expect(text.split('\n')[0]).toBe('**How I read this ticket** (you asked with /ticketlint explain):');
    expect(text).toMatch(/^- \*\*Judged by:\*\* the offline judgement \(the learned model `learned-[^`]+`\)\.$/m);
    expect(text).toMatch(/^- \*\*Kind:\*\* feature \(probability 0\.\d\d\), asking for "CSV export"\.$/m);
    expect(text).toMatch(/^- ✗ \*\*How we'll know:\*\* nothing in the ticket says it, so a question above asks \(probability it is there 0\.\d\d\)$/m);
    expect(text.split('\n')).toHaveLength(7);
  });

  it('quotes what the language model found, with its confidence, and names the model and prompt', () => {
    const verdict = lint(ticket, pack, modelReading);
    const text = explanationSection({ verdict, reading: modelReading }, pack);
    expect(text).toContain('- **Judged by:** the language model `stub-mini prompt-v3`.');
    expect(text).toContain('- ✓ **Who needs it:** "Finance admins" (the model\'s confidence 0.92)');
    expect(text).toContain('- ✗ **Alternatives:** nothing in the ticket says it, so a question above asks (the model\'s confidence 0.85)');
  });

  it('says in plain words why the offline judgement answered for the model, and who read the replies', () => {
    const fellBack: JudgeReading = { ...modelReading, judge: 'offline', version: null, fallback: 'llm: timeout' };
    const text = explanationSection({ verdict: lint(ticket, pack), reading: fellBack, replyReading: { judge: 'offline', version: null, fallback: 'llm: budget', answers: {} } }, pack);
    expect(text).toMatch(/Judged by:\*\* the offline judgement \(the learned model `[^`]+`\), because the language model did not answer in time \(`llm: timeout`\)\./);
    expect(text).toContain("- **Replies read by:** the offline judgement, because this workspace's calls to the language model for the hour or the day are spent (`llm: budget`).");
  });

  it('gives no figure for the cue rules, which have none, and says when the pack does not ask about a signal', () => {
    const cues = { ...withCueEngineOnly(pack), rules: pack.rules.filter((rule) => rule.options.signal !== 'alternatives') };
    const text = explanationSection({ verdict: lint({ ...ticket, description: '' }, cues) }, cues);
    expect(text).toContain('the offline judgement (the cue rules).');
    expect(text).toMatch(/✗ \*\*Alternatives:\*\* nothing in the ticket says it; this pack does not ask about it here$/m);
    expect(text).not.toMatch(/probability/);
  });
});

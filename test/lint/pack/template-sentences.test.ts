import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { makeTicket } from '../../../src/domain/ticket.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { lint } from '../../../src/lint/lint.js';
import type { RulePack } from '../../../src/lint/pack/rule-pack.js';
import { renderTemplate } from '../../../src/lint/pack/template.js';
import { deliverableProfileFor } from '../../../src/lint/pack/deliverable-profile.js';
import { templateValuesFor } from '../../../src/lint/pack/template-values.js';
import { BUNDLED_RULES_DIR, loadPack } from '../../../src/packs/load-pack.js';
import { sentenceProblems } from './template-sentences.js';

const TITLES = readFileSync(new URL('../../fixtures/titles/varied-titles.txt', import.meta.url), 'utf8')
  .split('\n').map((line) => line.trim()).filter((line) => line.length > 0 && !line.startsWith('#'));
const PACKS: RulePack[] = readdirSync(BUNDLED_RULES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => loadPack(f.replace(/\.yaml$/, '')));
const productSense = PACKS.find((p) => p.name === 'product-sense')!;
const FEATURE_RULES = new Set(['output-only', 'missing-user', 'missing-success-measure', 'missing-alternatives']);

/** Every sentence every template of `pack` would say about a ticket with this title, filled for it. */
function everySentence(pack: RulePack, title: string, body = ''): { deliverable: string; sentences: string[] } {
  const ticket = makeTicket({ id: 'T', title, description: body });
  const values = templateValuesFor(ticket, analyseTicket(ticket, pack.vocabulary), pack);
  const templates = [
    ...pack.rules.flatMap((rule) => [rule.message, rule.question ?? '']),
    pack.defaultWho,
    ...pack.deliverables.map((profile) => profile.who ?? ''),
  ].filter((t) => t.length > 0);
  return { deliverable: values.deliverable, sentences: templates.map((t) => renderTemplate(renderTemplate(t, values), values)) };
}

function problemsOf(pack: RulePack, title: string, body = ''): string[] {
  const { deliverable, sentences } = everySentence(pack, title, body);
  return sentences.flatMap((s) => sentenceProblems(s, deliverable).map((p) => `${p}: ${s}`));
}

function question(title: string, rule: string, body = ''): string | null | undefined {
  return lint(makeTicket({ id: 'T', title, description: body }), productSense).findings.find((f) => f.rule === rule)?.question;
}

function message(title: string, rule: string, body = ''): string | undefined {
  return lint(makeTicket({ id: 'T', title, description: body }), productSense).findings.find((f) => f.rule === rule)?.message;
}

describe('the questions the bot posts read as English', () => {
  it('has a few hundred titles and every bundled pack to read them with', () => {
    expect(TITLES.length).toBeGreaterThanOrEqual(250);
    expect(PACKS.map((p) => p.name).sort()).toEqual(expect.arrayContaining(['product-sense', 'strict']));
  });

  it.each(PACKS.map((p) => [p.name, p] as const))('fills every template of %s into English for every title', (_name, pack) => {
    const problems = TITLES.flatMap((title) => problemsOf(pack, title).map((p) => `"${title}" → ${p}`));
    expect(problems).toEqual([]);
  });

  it('asks "a way for customers to pay by bank transfer", not "a way to customers pay"', () => {
    expect(question('Let customers pay by bank transfer', 'missing-user')).toBe(
      'Who needs a way for customers to pay by bank transfer, and what problem does it solve for them?',
    );
  });

  it('reads "Warn customers before …" as asking for a way to warn them, not as a thing called "Warn customers"', () => {
    expect(question('Warn customers before they hit their usage limit', 'missing-user')).toMatch(/^Who (?:needs a way to warn customers before they hit their usage limit|gets notified)/);
    expect(message('Warn customers before they hit their usage limit', 'missing-user')).toBe(
      'It does not say who needs a way to warn customers before they hit their usage limit.',
    );
  });

  it('finds "Okta SSO" in a problem statement instead of quoting its start', () => {
    expect(message("Our enterprise customers can't roll us out without Okta SSO", 'missing-success-measure')).toBe(
      'Nothing says how we will know Okta SSO worked.',
    );
  });

  it('asks about "a way to bulk edit tags", not "edit tags"', () => {
    expect(message('Bulk edit tags', 'output-only')).toBe(
      'This reads as an output without a why: it asks for a way to bulk edit tags but not what problem it solves.',
    );
  });

  it('does not offer an e-mail sequence "a webhook they can route themselves"', () => {
    for (const title of ['Onboarding e-mail sequence for new trials', 'Email sequence for trial users']) {
      expect(question(title, 'missing-alternatives')).not.toMatch(/webhook/);
      expect(question(title, 'missing-alternatives')).toMatch(/in-app checklist/);
    }
  });

  it('never asks a slow-dashboard report whether "Dashboard takes 12s to load" is what they need', () => {
    // A bug to some readers, a feature to the labelling guide ("speed that the product's users notice"),
    // an internal speed-up to the many Jira tickets that ask for one; the model gives each about a third.
    // Whichever it reads, the 12 s is the pain: never output-only, never a question that quotes the title.
    const verdict = lint(makeTicket({ id: 'T', title: 'Dashboard takes 12s to load' }), productSense);
    expect(verdict.analysis.kind).not.toBe('other');
    expect(verdict.outputOnly).toBe(false);
    expect(verdict.questions.join(' ')).not.toMatch(/Dashboard takes|"[^"]*" what they need/);
  });

  it('never asks a bug report the feature questions', () => {
    const bugs = TITLES.filter((title) => lint(makeTicket({ id: 'T', title }), productSense).analysis.kind === 'bug');
    expect(bugs.length).toBeGreaterThan(20);
    for (const title of bugs) {
      const rules = lint(makeTicket({ id: 'T', title }), productSense).findings.map((f) => f.rule);
      expect({ title, rules: rules.filter((r) => FEATURE_RULES.has(r)) }).toEqual({ title, rules: [] });
    }
  });

  it('picks the profile by what the title asks for, not by a word it mentions', () => {
    const profileOf = (title: string): string | undefined => {
      const ticket = makeTicket({ id: 'T', title });
      return deliverableProfileFor(analyseTicket(ticket, productSense.vocabulary), productSense)?.name;
    };
    expect(profileOf('Slack notification when a deploy finishes')).toBe('notification');
    expect(profileOf('Build a dashboard for CSV exports')).toBe('dashboard');
    expect(profileOf('Export the dashboard as PDF')).toBe('export');
    expect(profileOf('Support for SAML')).toBe('sign-in');
    expect(profileOf('Email sequence for trial users')).toBe('email sequence');
    expect(profileOf('Fix the CSV export')).toBeUndefined();
    expect(profileOf('Dashboard takes 12s to load')).toBeUndefined();
  });

  it('says "this change" when the title gives no clean noun phrase', () => {
    expect(message('Search should match partial words', 'missing-user')).toBe('It does not say who needs this change.');
    expect(message('Why is the export so slow?', 'missing-user') ?? 'It does not say who needs this change.').toBe('It does not say who needs this change.');
  });

  it('reads titles of marks and letters as English too (cases fast-check found)', () => {
    for (const title of ['is<A', '0<hAs', '"I', '0!J J']) for (const pack of PACKS) expect(problemsOf(pack, title)).toEqual([]);
    // "is<A" opens with a verb glued to a mark: no noun phrase to quote.
    expect(message('is<A', 'missing-user')).toBe('It does not say who needs this change.');
  });

  it('quotes no foreign title in an English ticket\'s questions', () => {
    const body = 'Finance admins retype every invoice into their accounting tool each month.';
    expect(message('CSV-Export für Rechnungen', 'missing-success-measure', body)).toBe('Nothing says how we will know this change worked.');
  });
});

/** Titles built from the shapes people write, with words that trip naive slot filling. */
const word = (words: string[]) => fc.constantFrom(...words);
const verbs = word(['Add', 'add', 'Support', 'Allow', 'Let', 'Enable', 'Build', 'Export', 'Warn', 'Notify', 'Bulk', 'Improve', 'Show', 'Import', 'Search', 'Email', 'Make', 'Create', 'Fix', 'Refactor']);
const things = word(['CSV export', 'dark mode', 'Okta SSO', 'the the export', 'export export', 'edit tags', 'a webhook', 'Dashboard', 'weekly report', 'Our admins', 'I', 'for invoices', 'to', '', '{who}', 'customers pay by bank transfer', 'Warn customers', 'usage limits', 'für Rechnungen', '12s to load', 'tags', 'Rechnungen']);
const people = word(['customers', 'admins', 'finance admins', 'me', 'us', 'the user', 'guests', 'Customers']);
const actions = word(['pay by bank transfer', 'export invoices', 'edit tags', 'archive projects', 'see totals', 'exporting reports', 'to export', 'the the export', 'Warn customers']);
const tails = word(['', ' for admins', ' when a deploy finishes', ' so that finance can reconcile', ' before they hit their usage limit', '?', '.', ' - urgent', ' (beta)', ' takes 12s to load', ' should load faster']);
const titles = fc.oneof(
  fc.tuple(verbs, things, tails).map(([v, t, tail]) => `${v} ${t}${tail}`),
  fc.tuple(word(['Allow', 'Let', 'Enable', 'Permit']), people, word([' to ', ' ']), actions, tails).map(([v, p, to, a, tail]) => `${v} ${p}${to}${a}${tail}`),
  fc.tuple(things, word(['should', 'takes', 'is', 'needs', 'can\'t work without']), things, tails).map(([a, v, b, tail]) => `${a} ${v} ${b}${tail}`),
  fc.tuple(word(['As a finance admin, I want to', 'I would like', 'We need', 'Can we', 'Is it possible to', 'Please']), verbs, things, tails).map(([o, v, t, tail]) => `${o} ${v} ${t}${tail}`),
  fc.array(fc.oneof(verbs, things, people, actions), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')),
  fc.string({ maxLength: 60 }),
);

describe('the slots, for any title', () => {
  it.each(PACKS.map((p) => [p.name, p] as const))('never put a verb in the wrong place, a doubled word, a capital mid-sentence or an empty slot in %s', (_name, pack) => {
    fc.assert(fc.property(titles, (title) => {
      expect(problemsOf(pack, title)).toEqual([]);
    }), { numRuns: 400 });
  });
});

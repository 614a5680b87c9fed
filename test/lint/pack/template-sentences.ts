/**
 * What a filled template must never read like, checked on its own words (not with the engine's
 * lists, so a mistake in those does not hide here): a slot left empty or unfilled, a doubled word
 * ("the the", "export export"), a verb where a thing belongs ("Who needs Warn customers", "it asks
 * for edit tags"), or a capitalised word mid-sentence ("how we will know Our enterprise customers").
 */

/** Verbs that are never a thing: after "Who needs" or "it asks for" they start no noun phrase. */
const VERB_ONLY = new Set([
  'add', 'allow', 'let', 'enable', 'implement', 'create', 'provide', 'introduce', 'warn', 'notify', 'send', 'make',
  'edit', 'delete', 'remove', 'improve', 'prevent', 'include', 'generate', 'integrate', 'customize', 'customise',
  'configure', 'give', 'keep', 'choose', 'pay', 'see', 'get', 'sync', 'allows', 'lets', 'takes', 'is', 'are', 'can',
  'should', 'would', 'will', 'does', 'do', 'has', 'have', 'was', 'were', 'i', 'we',
]);
/** The places in the bundled templates where the deliverable goes, with the words before it. */
const SLOT_OPENERS = [/\bwho needs (\S+)/i, /\basks for (\S+)/i, /\bwill know (\S+)/i, /\bonce (\S+)/i, /^is (\S+)/i];
/**
 * Common words that are never capitalised mid-sentence. A capitalised noun may be a name ("the
 * Dashboard", "Acme Cloud"), so only verbs, function words and people are listed.
 */
const COMMON = new Set([
  ...VERB_ONLY, 'the', 'a', 'an', 'this', 'that', 'for', 'of', 'to', 'in', 'on', 'with', 'without', 'and', 'or', 'but',
  'your', 'their', 'its', 'they', 'it', 'our', 'my', 'users', 'customers', 'admins', 'people', 'members',
]);

export function sentenceProblems(sentence: string, deliverable: string): string[] {
  const problems: string[] = [];
  if (deliverable.trim().length === 0) problems.push('empty deliverable');
  if (/\{[a-z]*\}/i.test(sentence)) problems.push('unfilled placeholder');
  if (/\s{2,}|\s[,.?]/.test(sentence)) problems.push('empty slot');
  const doubled = /\b(\p{L}+)\s+\1\b/iu.exec(sentence);
  if (doubled) problems.push(`doubled word "${doubled[0]}"`);
  for (const part of sentence.split(/(?<=[.?!])\s+/)) {
    for (const opener of SLOT_OPENERS) {
      const word = opener.exec(part)?.[1]?.replace(/[^\p{L}']/gu, '').toLowerCase();
      if (word && VERB_ONLY.has(word)) problems.push(`verb "${word}" after "${opener.source}"`);
    }
    const words = part.split(/\s+/).slice(1);
    for (const w of words) {
      if (/^["'“‘]/.test(w)) continue; // a quoted label keeps its capital: the "Export" button
      // A token with marks inside ("A|n", "is<A") is the title's own text quoted as it stands, not a word.
      if (/[^\p{L}'’-]/u.test(w.replace(/^[("]+|[)",.?!;:]+$/gu, ''))) continue;
      const bare = w.replace(/[^\p{L}']/gu, '');
      if (/^\p{Lu}\p{Ll}+$/u.test(bare) && COMMON.has(bare.toLowerCase())) problems.push(`capitalised "${bare}" mid-sentence`);
    }
  }
  return problems;
}

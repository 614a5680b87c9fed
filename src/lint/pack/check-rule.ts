import { RULE_KIND_IDS, RULE_KINDS } from '../kinds/rule-kinds.js';
import type { RuleKind } from '../kinds/rule-kind.js';
import { describeIssue, knownKeysAt } from './describe-issue.js';
import { PackError, dottedPath } from './pack-error.js';
import { RULE_FIELDS, type RawRule } from './pack-schema.js';

/** The keys of a rule that are options of its kind: everything but the fields every rule has. */
export function ruleOptions(rule: RawRule): Record<string, unknown> {
  const fields: readonly string[] = RULE_FIELDS;
  return Object.fromEntries(Object.entries(rule).filter(([key]) => !fields.includes(key)));
}

/**
 * The kind a rule names and its options, validated by the kind's own schema. `file` is the pack
 * file the rule's fields came from and `at` where the rules are in it (`overrides.0.rules`), for the error.
 */
export function checkRule(file: string, id: string, rule: RawRule, at = 'rules'): { kind: RuleKind; options: Record<string, unknown> } {
  const kind = rule.kind === undefined ? undefined : RULE_KINDS.get(rule.kind);
  if (!kind) {
    const missing = rule.kind === undefined ? ' (missing)' : '';
    throw new PackError(file, dottedPath([at, id, 'kind']), `expected ${RULE_KIND_IDS.join(' | ')}${missing}`);
  }
  const options = ruleOptions(rule);
  const parsed = kind.meta.optionsSchema.safeParse(options);
  if (parsed.success) return { kind, options };
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
    const known = [...RULE_FIELDS, ...knownKeysAt(kind.meta.optionsSchema, [])];
    throw new PackError(file, dottedPath([at, id, issue.keys[0] ?? '']), `expected a known key: ${known.join(', ')}`);
  }
  const text = describeIssue(issue, kind.meta.optionsSchema, options);
  const path = text.path === '(root)' ? [at, id] : [at, id, text.path];
  throw new PackError(file, path.join('.'), text.expected);
}

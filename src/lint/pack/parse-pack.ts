import { parseDocument } from 'yaml';
import { checkRule } from './check-rule.js';
import { describeIssue } from './describe-issue.js';
import { PackError } from './pack-error.js';
import { RawPackSchema, type RawPack, type RawRule } from './pack-schema.js';
import { PLACEHOLDERS, describeAllowedPlaceholders, findUnknownPlaceholder } from './template.js';

/** Lower-case words joined by dashes, as ESLint and Vale name their rules. */
const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * One pack file's YAML, validated: schema, rule ids, the kind and options of every rule that names
 * its kind, and the placeholders of every template. Pure: the caller reads the file. Throws PackError.
 */
export function parsePackYaml(text: string, file: string): RawPack {
  const data = readYaml(text, file);
  const parsed = RawPackSchema.safeParse(data);
  if (!parsed.success) {
    const { path, expected } = describeIssue(parsed.error.issues[0]!, RawPackSchema, data);
    throw new PackError(file, path, expected);
  }
  checkRules(parsed.data, file);
  checkTemplates(parsed.data, file);
  return parsed.data;
}

function readYaml(text: string, file: string): unknown {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const summary = error.message.split(/ at line \d+/)[0]!.trim();
    throw new PackError(file, at ? `${at.line}:${at.col}` : '(root)', `expected valid YAML (${summary})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (cause) {
    // An alias with no anchor, or aliases that would expand without bound (a "billion laughs").
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PackError(file, '(root)', `expected valid YAML aliases (${reason})`);
  }
}

function checkRules(pack: RawPack, file: string): void {
  for (const [id, rule] of Object.entries(pack.rules ?? {})) {
    if (!RULE_ID.test(id)) {
      throw new PackError(file, `rules.${id}`, 'expected a rule id in lower-case words joined by dashes, like missing-user');
    }
    if (rule.kind !== undefined) checkRule(file, id, rule);
  }
  pack.overrides?.forEach((override, index) => {
    if (!override.teams && !override.projects && !override.kinds && !override.labels) {
      throw new PackError(file, `overrides.${index}`, 'expected teams, projects, kinds or labels: an override for every ticket belongs in rules');
    }
    for (const [id, rule] of Object.entries(override.rules)) {
      // An override changes fields of a rule; the rule's kind, and which tickets it applies to, stay the rule's own.
      for (const key of ['kind', 'when'] as const) {
        if (rule[key] !== undefined) {
          throw new PackError(file, `overrides.${index}.rules.${id}.${key}`, `expected no ${key} in an override: it changes a rule's level, message, question or options`);
        }
      }
    }
  });
}

/** The pack's rule maps with where each sits: `rules`, then `overrides.0.rules`, ... */
function ruleSections(pack: RawPack): [string, Record<string, RawRule>][] {
  return [['rules', pack.rules ?? {}], ...(pack.overrides ?? []).map((o, i): [string, Record<string, RawRule>] => [`overrides.${i}.rules`, o.rules])];
}

/** `who` texts are themselves placeholders' values, so they may not use `{who}`. */
const WHO_PLACEHOLDERS = PLACEHOLDERS.filter((p) => p !== 'who');

function checkTemplates(pack: RawPack, file: string): void {
  const check = (template: string | null | undefined, path: string, allowed: readonly string[] = PLACEHOLDERS): void => {
    if (!template) return;
    const unknown = findUnknownPlaceholder(template, allowed);
    if (unknown) throw new PackError(file, path, `expected only the placeholders ${describeAllowedPlaceholders(allowed)}; found ${unknown}`);
  };
  for (const [at, rules] of ruleSections(pack)) {
    for (const [id, rule] of Object.entries(rules)) {
      check(rule.message, `${at}.${id}.message`);
      check(rule.question, `${at}.${id}.question`);
    }
  }
  pack.deliverables?.forEach((profile, index) => check(profile.who, `deliverables.${index}.who`, WHO_PLACEHOLDERS));
  check(pack.defaultWho, 'defaultWho', WHO_PLACEHOLDERS);
}

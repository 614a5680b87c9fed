import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import type { CompiledRule, RuleChange, RulePack } from './rule-pack.js';
import { matchesFilter } from './ticket-filter.js';

/**
 * The pack's rules as they stand for one ticket: each override that matches it, in pack order,
 * changes the fields it names (later wins), as ESLint's `overrides` do. The pack's own rules when
 * no override matches, so a pack without overrides costs nothing here.
 */
export function rulesFor(pack: RulePack, ticket: Ticket, kind: Analysis['kind']): readonly CompiledRule[] {
  if (pack.overrides.length === 0) return pack.rules;
  const matching = pack.overrides.filter((override) => matchesFilter(override.filter, ticket, kind));
  if (matching.length === 0) return pack.rules;
  return pack.rules.map((rule) => matching.reduce((changed, override) => applyChange(changed, override.rules.get(rule.id)), rule));
}

function applyChange(rule: CompiledRule, change: RuleChange | undefined): CompiledRule {
  if (!change) return rule;
  return { ...rule, ...change, options: change.options ? { ...rule.options, ...change.options } : rule.options };
}

import { ruleKind, type RuleKind } from './rule-kind.js';
import * as outputOnly from './output-only.js';
import * as missingSignal from './missing-signal.js';
import * as bareBugReport from './bare-bug-report.js';

/** Every rule kind a pack may name, by id. Adding a kind means adding its module here. */
export const RULE_KINDS: ReadonlyMap<string, RuleKind> = new Map(
  [ruleKind(outputOnly), ruleKind(missingSignal), ruleKind(bareBugReport)].map((kind) => [kind.meta.id, kind]),
);

export const RULE_KIND_IDS: readonly string[] = [...RULE_KINDS.keys()];

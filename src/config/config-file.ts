import { parseDocument } from 'yaml';
import { z } from 'zod';
import { JUDGE_NAMES, type JudgeName } from '../lint/judge/judge.js';
import { describeIssue } from '../lint/pack/describe-issue.js';

/** A bundled pack's name (`strict`) or a path to a pack file, relative to the config file. */
const PackRef = z.string().min(1);
/** Jira refuses labels with spaces, and the same names are used on both trackers. */
const LabelName = z.string().regex(/^\S+$/, { error: 'expected a label name without spaces (Jira refuses them)' });
/** Per team or project: whether the bot keeps a Context section in the description; unlisted ones follow `enrich`. */
const EnrichByKey = z.record(z.string().min(1), z.boolean());
/** Which judge reads a ticket: the offline judgement (no data leaves the deployment) or the language model of the LLM_* settings. */
const JudgeChoice = z.enum(JUDGE_NAMES);
/** Per team or project: its judge; unlisted ones follow `judge`. */
const JudgeByKey = z.record(z.string().min(1), JudgeChoice);

/**
 * The file TICKETLINT_CONFIG names: which pack lints which Linear team and Jira project, the label
 * names the bot sets, dry run, and where the bot enriches descriptions. Every section is optional; an absent file means the default pack
 * for everything. Team and project keys are matched without regard to case.
 */
export const ConfigFileSchema = z.strictObject({
  /** The pack for any team or project not listed below. */
  defaultPack: PackRef.default('product-sense'),
  /** Lint and log the comment without writing anything to the tracker (DRY_RUN=1 also switches it on). */
  dryRun: z.boolean().default(false),
  /** Keep a Context section with the replies' answers in ticket descriptions; on when left out. */
  enrich: z.boolean().optional(),
  /** The judge of every team and project not listed under linear.judge or jira.judge; offline when left out. */
  judge: JudgeChoice.optional(),
  /** Replace the packs' label names (needs-context, context-complete) for every pack. */
  labels: z.strictObject({ needsContext: LabelName.optional(), contextComplete: LabelName.optional() }).default({}),
  linear: z.strictObject({ teams: z.record(z.string().min(1), PackRef).default({}), enrich: EnrichByKey.optional(), judge: JudgeByKey.optional() }).default({ teams: {} }),
  jira: z.strictObject({ projects: z.record(z.string().min(1), PackRef).default({}), enrich: EnrichByKey.optional(), judge: JudgeByKey.optional() }).default({ projects: {} }),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** What ticketlint uses when TICKETLINT_CONFIG is not set. */
export const DEFAULT_CONFIG: ConfigFile = ConfigFileSchema.parse({});

/**
 * Whether the bot enriches descriptions for a Linear team or Jira project (`key`, matched without regard
 * to case): the team's or project's own setting, else the top-level `enrich`, else on.
 */
export function enrichFor(config: ConfigFile, provider: 'linear' | 'jira', key: string | null): boolean {
  return ownSetting(provider === 'linear' ? config.linear.enrich : config.jira.enrich, key) ?? config.enrich ?? true;
}

/** The judge of a Linear team or Jira project: its own `judge`, else the top-level one, else offline. */
export function judgeFor(config: ConfigFile, provider: 'linear' | 'jira', key: string | null): JudgeName {
  return ownSetting(provider === 'linear' ? config.linear.judge : config.jira.judge, key) ?? config.judge ?? 'offline';
}

/** Whether any team or project, or the default, uses the language model: then the LLM_* settings must be complete. */
export function usesJudge(config: ConfigFile, judge: JudgeName): boolean {
  return [config.judge, ...Object.values(config.linear.judge ?? {}), ...Object.values(config.jira.judge ?? {})].includes(judge);
}

function ownSetting<T>(byKey: Readonly<Record<string, T>> | undefined, key: string | null): T | undefined {
  const wanted = key?.trim().toLowerCase();
  return Object.entries(byKey ?? {}).find(([name]) => name.trim().toLowerCase() === wanted)?.[1];
}

/**
 * The config file's text, validated: the config, or one `file: path: expected` line per problem
 * (`ticketlint.yaml: linear.teams.ENG: expected text`), as pack errors read.
 */
export function parseConfigFile(text: string, file: string): { config: ConfigFile | null; problems: string[] } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      config: null,
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0];
        const summary = error.message.split(/ at line \d+/)[0]!.trim();
        return `${file}: ${at ? `${at.line}:${at.col}` : '(root)'}: expected valid YAML (${summary})`;
      }),
    };
  }
  const data = (doc.toJS({ maxAliasCount: 100 }) as unknown) ?? {};
  const parsed = ConfigFileSchema.safeParse(data);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return {
    config: null,
    problems: parsed.error.issues.map((issue) => {
      const { path, expected } = describeIssue(issue, ConfigFileSchema, data);
      return `${file}: ${path}: ${expected}`;
    }),
  };
}

import type { Provider } from '../domain/ticket-event.js';
import { PackError } from '../lint/pack/pack-error.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import { loadPack, packFileOf, type LoadPackOptions } from '../packs/load-pack.js';
import type { ConfigFile } from './config-file.js';
import { SettingsError } from './settings-error.js';

/**
 * The packs the config file names, loaded once at start (a broken pack stops the process before it
 * takes a webhook, not on the first ticket of that team), each with the config's label names.
 */
export class PackDirectory {
  private constructor(
    private readonly defaultPack: RulePack,
    private readonly linearTeams: ReadonlyMap<string, RulePack>,
    private readonly jiraProjects: ReadonlyMap<string, RulePack>,
  ) {}

  /**
   * Loads every pack of `config`; pack paths are relative to `configDir`. Throws one SettingsError
   * listing every pack that does not load.
   */
  static load(config: ConfigFile, configDir: string, options: Pick<LoadPackOptions, 'rulesDir'> = {}): PackDirectory {
    const loaded = new Map<string, RulePack>();
    const problems: string[] = [];
    const packFor = (ref: string, where: string): RulePack | null => {
      const cached = loaded.get(ref);
      if (cached) return cached;
      try {
        const pack = withLabels(loadPack(ref, { cwd: configDir, ...options }), config.labels);
        loaded.set(ref, pack);
        return pack;
      } catch (error) {
        if (!(error instanceof PackError)) throw error;
        // The file tried, absolute: a path in the config is relative to the config file, not to where the process runs.
        problems.push(`${where}: the pack "${ref}" (${packFileOf(ref, { cwd: configDir, ...options })}) does not load: ${error.message}`);
        return null;
      }
    };
    const defaultPack = packFor(config.defaultPack, 'defaultPack');
    const keyed = (entries: Record<string, string>, section: string) => new Map(
      Object.entries(entries).map(([key, ref]) => [key.toUpperCase(), packFor(ref, `${section}.${key}`)] as const),
    );
    const teams = keyed(config.linear.teams, 'linear.teams');
    const projects = keyed(config.jira.projects, 'jira.projects');
    if (problems.length > 0 || !defaultPack) throw new SettingsError(problems);
    return new PackDirectory(defaultPack, teams as Map<string, RulePack>, projects as Map<string, RulePack>);
  }

  /** Every pack loaded, each once, the default first. */
  all(): readonly RulePack[] {
    return [...new Set([this.defaultPack, ...this.linearTeams.values(), ...this.jiraProjects.values()])];
  }

  /** The pack for a Linear team key (`ENG`) or Jira project key (`SHOP`); the default pack for others or null. */
  packFor(provider: Provider, teamOrProjectKey: string | null): RulePack {
    if (!teamOrProjectKey) return this.defaultPack;
    const table = provider === 'linear' ? this.linearTeams : this.jiraProjects;
    return table.get(teamOrProjectKey.toUpperCase()) ?? this.defaultPack;
  }
}

function withLabels(pack: RulePack, labels: ConfigFile['labels']): RulePack {
  if (!labels.needsContext && !labels.contextComplete) return pack;
  return {
    ...pack,
    labels: {
      needsContext: labels.needsContext ?? pack.labels.needsContext,
      contextComplete: labels.contextComplete ?? pack.labels.contextComplete,
    },
  };
}

/**
 * The team (Linear) or project (Jira) of a ticket: the ticket's own field when the event carried
 * the ticket, else the prefix of its key, since both trackers key tickets as `<TEAM>-<number>`.
 */
export function teamOrProjectKeyOf(team: string | null | undefined, ticketKey: string | null): string | null {
  if (team) return team;
  const match = ticketKey ? /^([A-Za-z][A-Za-z0-9_]*)-\d+$/.exec(ticketKey) : null;
  return match ? match[1]! : null;
}

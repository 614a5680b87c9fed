/**
 * Everything wrong with the settings at once, so an operator fixes the `.env` in one pass instead of
 * one restart per mistake. Each problem names the setting (or `file: path`) and what was expected;
 * values are never echoed, since most settings are secrets.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(readonly problems: readonly string[]) {
    const count = problems.length === 1 ? 'one setting is' : `${problems.length} settings are`;
    super(`ticketlint cannot start: ${count} missing or invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

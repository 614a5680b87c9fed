import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { SettingsError } from './settings-error.js';

/** The file the README's quick start writes (`cp .env.example .env`), read from the working directory. */
export const ENV_FILE_NAME = '.env';

export interface EnvWithFile {
  /** The environment with the file's variables added. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The file read (absolute), or null when there is none. */
  readonly file: string | null;
  /** How many of the file's variables were used; the others were already set in the environment, which wins. */
  readonly used: number;
}

/**
 * `env` with `<cwd>/.env` under it, read by Node's own parser (node:util parseEnv, the same as
 * `node --env-file-if-exists`): a variable already in `env`, even set blank, is kept, so docker
 * compose's `environment:` and a shell's `PORT=4000 npm start` beat the file. No file is no error; a
 * file that exists but cannot be read stops the start with a SettingsError. Values are never echoed.
 */
export function withEnvFile(env: Readonly<Record<string, string | undefined>>, cwd: string): EnvWithFile {
  const file = resolve(cwd, ENV_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { env, file: null, used: 0 };
    throw new SettingsError([`${file}: expected a readable env file (NAME=value lines); it cannot be read (${code ?? String(error)})`]);
  }
  const fromFile = Object.entries(parseEnv(text)).filter(([name]) => env[name] === undefined);
  return { env: { ...Object.fromEntries(fromFile), ...env }, file, used: fromFile.length };
}

/** The start-up log line that says where the settings came from. */
export function envFileMessage(reading: Pick<EnvWithFile, 'file' | 'used'>, cwd: string): string {
  return reading.file
    ? `Reads settings from ${reading.file} (${reading.used} used; variables already set in the environment win)`
    : `Reads no ${ENV_FILE_NAME} file (none in ${cwd}); settings come from the environment only`;
}

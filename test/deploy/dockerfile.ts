import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';

/**
 * The Dockerfile as instructions per stage, enough for the deployment test to do by hand what
 * `docker build` would do: which files each COPY takes, which commands each RUN runs, what CMD starts.
 * Only the instructions our Dockerfile uses are read (FROM, WORKDIR, COPY, RUN, CMD); `\` line
 * continuations are joined and comments dropped.
 */
export interface DockerStage {
  readonly name: string | null;
  readonly image: string;
  readonly workdir: string;
  /** COPY lines: `from` is the stage they copy out of, or null for the build context. */
  readonly copies: { readonly from: string | null; readonly sources: string[]; readonly destination: string }[];
  /** RUN lines, each split into its `&&`-joined commands. */
  readonly runs: string[][];
  /** The exec-form CMD, if any. */
  readonly cmd: string[] | null;
}

export function parseDockerfile(text: string): DockerStage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const stages: { name: string | null; image: string; workdir: string; copies: DockerStage['copies']; runs: string[][]; cmd: string[] | null }[] = [];
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (instruction === 'FROM') {
      const [image = '', , name] = rest;
      stages.push({ name: name ?? null, image, workdir: '/', copies: [], runs: [], cmd: null });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`the Dockerfile has ${instruction} before any FROM`);
    if (instruction === 'WORKDIR') stage.workdir = args;
    else if (instruction === 'RUN') stage.runs.push(args.split('&&').map((command) => command.trim()));
    else if (instruction === 'CMD') stage.cmd = JSON.parse(args) as string[];
    else if (instruction === 'COPY') {
      const from = rest.find((word) => word.startsWith('--from='))?.slice('--from='.length) ?? null;
      const paths = rest.filter((word) => !word.startsWith('--'));
      stage.copies.push({ from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' });
    }
  }
  return stages;
}

/** What a stage's COPY lines read from: the build context, and the folders of earlier stages by name. */
export interface CopySources {
  readonly context: string;
  readonly stages: Readonly<Record<string, string>>;
}

/**
 * Does a stage's COPY lines into `dir` (its WORKDIR) as Docker would: a folder's contents go into the
 * destination folder, several sources or a destination ending in `/` go into it by name. A path out of
 * an earlier stage is taken relative to that stage's WORKDIR.
 */
export function copyInto(stage: DockerStage, dir: string, from: CopySources, earlier: readonly DockerStage[]): void {
  for (const copy of stage.copies) {
    const into = join(dir, copy.destination);
    const intoFolder = copy.sources.length > 1 || copy.destination.endsWith('/');
    for (const source of copy.sources) {
      const origin = copy.from === null ? join(from.context, source) : stagePath(copy.from, source, from, earlier);
      if (!existsSync(origin)) throw new Error(`COPY ${source}: there is no ${origin}`);
      const target = intoFolder ? join(into, basename(source)) : into;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(origin, target, { recursive: true, verbatimSymlinks: true });
    }
  }
}

function stagePath(stageName: string, source: string, from: CopySources, earlier: readonly DockerStage[]): string {
  const stage = earlier.find((s) => s.name === stageName);
  const root = from.stages[stageName];
  if (!stage || !root) throw new Error(`COPY --from=${stageName}: no such earlier stage`);
  return join(root, relative(stage.workdir, source));
}

/** Bare package names a built JavaScript file imports (`bullmq`, `@linear/sdk`), Node's own modules left out. */
export function packagesImportedBy(code: string): string[] {
  // tsc writes each static import on a line of its own; dynamic ones may be anywhere.
  const statics = [...code.matchAll(/^(?:import|export)\b[^'"\n]*\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm)];
  const dynamics = [...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  const specifiers = [...statics, ...dynamics].map((m) => (m[1] ?? m[2])!);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !isBuiltin(s))
    .map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
}

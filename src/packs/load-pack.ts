import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePack, type PackLayer } from '../lint/pack/compile-pack.js';
import { didYouMean } from '../lint/pack/did-you-mean.js';
import { PackError } from '../lint/pack/pack-error.js';
import { parsePackYaml } from '../lint/pack/parse-pack.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import { shippedJudgement } from './shipped-judgement.js';

export const DEFAULT_PACK_NAME = 'product-sense';

/**
 * The repository's rules/ folder. This module runs from src/packs (ts-jest) and from
 * dist/src/packs (after `tsc`), so the repository root is two or three folders up.
 */
export const BUNDLED_RULES_DIR: string = (() => {
  const twoUp = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(basename(twoUp) === 'dist' ? dirname(twoUp) : twoUp, 'rules');
})();

export interface LoadPackOptions {
  /** Where a path ref is relative to, and what error messages show file names relative to; default process.cwd(). */
  cwd?: string;
  /** Where a name ref (`product-sense`) is looked up, as `<rulesDir>/<name>.yaml`; default BUNDLED_RULES_DIR. */
  rulesDir?: string;
  /** Give a `learned` pack the shipped model (default true); training reads the cues alone, before a model exists. */
  learnedJudgement?: boolean;
}

interface Place {
  readonly cwd: string;
  readonly rulesDir: string;
}

/**
 * Loads a pack by name or path with everything it extends, recursively (later wins), and compiles
 * it. Throws PackError for a missing file, a broken file or a cycle of `extends`.
 */
export function loadPack(ref: string, options: LoadPackOptions = {}): RulePack {
  const place: Place = { cwd: options.cwd ?? process.cwd(), rulesDir: options.rulesDir ?? BUNDLED_RULES_DIR };
  const file = packFileOf(ref, options);
  if (!isPathRef(ref) && !existsSync(file)) {
    throw new PackError(display(file, place), '(file)', `expected the name of a pack or a path to one; ${noSuchPack(ref, place)}`);
  }
  const layers: PackLayer[] = [];
  readLayers(file, place, [], layers);
  const pack = compilePack(layers);
  return pack.judgement.engine === 'learned' && options.learnedJudgement !== false ? { ...pack, judgement: { ...pack.judgement, model: shippedJudgement() } } : pack;
}

/** The absolute file `ref` names: a path relative to `cwd`, or a bundled pack's name in `rulesDir`. */
export function packFileOf(ref: string, options: LoadPackOptions = {}): string {
  return isPathRef(ref) ? resolve(options.cwd ?? process.cwd(), ref) : resolve(options.rulesDir ?? BUNDLED_RULES_DIR, `${ref}.yaml`);
}

/** A ref with a slash or a YAML extension is a path; anything else names a pack in the rules folder. */
function isPathRef(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

/** Appends `file`'s layers, base first, to `layers`; `chain` is the files extending it, to catch cycles. */
function readLayers(file: string, place: Place, chain: readonly string[], layers: PackLayer[]): void {
  const shown = display(file, place);
  const pack = parsePackYaml(readPackFile(file, shown), shown);
  pack.extends?.forEach((ref, index) => {
    const parent = isPathRef(ref) ? resolve(dirname(file), ref) : resolve(place.rulesDir, `${ref}.yaml`);
    const path = `extends.${index}`;
    if (parent === file || chain.includes(parent)) {
      const cycle = [...chain.slice(chain.indexOf(parent)), file, parent].map((f) => display(f, place));
      throw new PackError(shown, path, `expected no cycle of extends; found ${cycle.join(' -> ')}`);
    }
    if (!layers.some((l) => l.file === display(parent, place))) {
      if (!existsSync(parent)) {
        const missing = isPathRef(ref) ? `there is no file ${display(parent, place)}` : noSuchPack(ref, place);
        throw new PackError(shown, path, `expected an existing pack; ${missing}`);
      }
      readLayers(parent, place, [...chain, file], layers);
    }
  });
  layers.push({ file: shown, pack });
}

/** What to say about a pack name with no file: the nearest names in the rules folder, and all of them. */
function noSuchPack(name: string, place: Place): string {
  return `there is no pack ${name}: ${didYouMean(name, packNames(place.rulesDir), 'packs')}`;
}

/** The packs a bare name can refer to: the YAML files of the rules folder, by name. */
export function packNames(rulesDir: string = BUNDLED_RULES_DIR): string[] {
  try {
    return readdirSync(rulesDir).filter((f) => /\.ya?ml$/i.test(f)).map((f) => f.replace(/\.ya?ml$/i, '')).sort();
  } catch {
    return [];
  }
}

function readPackFile(file: string, shown: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? 'unreadable');
    throw new PackError(shown, '(file)', `expected a readable pack file; found ${why}`);
  }
}

/** File names in messages: relative to cwd when inside it (`rules/acme.yaml`), else absolute. */
function display(file: string, place: Place): string {
  const rel = relative(place.cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

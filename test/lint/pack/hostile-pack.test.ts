import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { compilePack } from '../../../src/lint/pack/compile-pack.js';
import { PackError } from '../../../src/lint/pack/pack-error.js';
import { parsePackYaml } from '../../../src/lint/pack/parse-pack.js';
import { BUNDLED_RULES_DIR } from '../../../src/packs/load-pack.js';

/**
 * Fixed seed (HOSTILE_SEED overrides it, HOSTILE_RUNS the number of cases), so CI runs the same cases
 * and a failure reproduces; fast-check prints the seed and the shrunk counterexample.
 */
const RUNS = { seed: Number(process.env.HOSTILE_SEED ?? 4_2025), numRuns: Number(process.env.HOSTILE_RUNS ?? 100) };
const FILE = 'rules/hostile.yaml';

/** Parses and compiles; returns 'ok', or the PackError. Any other throw fails the property. */
function outcome(text: string): 'ok' | PackError {
  try {
    compilePack([{ file: FILE, pack: parsePackYaml(text, FILE) }]);
    return 'ok';
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
}

function expectOkOrExplained(text: string): void {
  const result = outcome(text);
  if (result === 'ok') return;
  expect(result.message).toMatch(/^rules\/hostile\.yaml: .*: expected /s);
  expect(result.message).toBe(`${FILE}: ${result.path}: ${result.expected}`);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const bundled = parseDocument(readFileSync(`${BUNDLED_RULES_DIR}/strict.yaml`, 'utf8')).toJS() as Record<string, Json>;
const productSense = parseDocument(readFileSync(`${BUNDLED_RULES_DIR}/product-sense.yaml`, 'utf8')).toJS() as Record<string, Json>;
/** strict.yaml over product-sense.yaml, without its extends: a full pack in one file. */
const { extends: _parent, ...VALID } = { ...productSense, ...bundled };

function pathsOf(value: Json, at: readonly (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const)
    : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  return [...(at.length ? [[...at]] : []), ...children.flatMap(([k, v]) => pathsOf(v, [...at, k]))];
}

function withValueAt(value: Json, path: readonly (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<string | number, Json>;
  copy[path[0]!] = withValueAt(copy[path[0]!] ?? null, path.slice(1), replacement);
  return copy as Json;
}

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, '', 0, -1, true, [], {}, [null], [''], { kind: 1 }, 'off', 'nope', '{unknown}', '{deliverable'),
);

describe('a rule pack built by an attacker or a typo', () => {
  it('is random text: it loads, or fails with a PackError naming the file, the place and what was expected', () => {
    const yamlish = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: fc.constantFrom(...':-[]{}&*!|>\'"%@`#, \n\ta1'), maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(fc.property(yamlish, expectOkOrExplained), RUNS);
  });

  it('is any JSON value written as YAML: it loads, or fails with a PackError', () => {
    fc.assert(fc.property(anyValue, (value) => expectOkOrExplained(stringify(value))), RUNS);
  });

  it('is a real pack with any one field given a value of another type or shape: it loads, or fails with a PackError', () => {
    fc.assert(fc.property(fc.constantFrom(...pathsOf(VALID)), anyValue, (path, value) => {
      expectOkOrExplained(stringify(withValueAt(VALID, path, value)));
    }), RUNS);
  });

  it('is a real pack with a random top-level section: it loads, or fails with a PackError', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20 }), anyValue, (key, value) => {
      expectOkOrExplained(stringify({ ...VALID, [key]: value }));
    }), RUNS);
  });

  /*
   * yaml's toJS throws a ReferenceError for an alias with no anchor and for more aliases than
   * maxAliasCount; readYaml turns it into a PackError, so `ticketlint validate` and the server's start
   * show `file: path: expected ...` rather than a stack trace.
   */
  it('uses YAML aliases to blow up in memory (a billion laughs): it fails with a PackError', () => {
    const level = (i: number): string => String.fromCharCode(97 + i);
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...Array.from({ length: 8 }, (_, i) => `${level(i + 1)}: &${level(i + 1)} [${Array(9).fill(`*${level(i)}`).join(',')}]`)].join('\n');
    expect(outcome(laughs)).toBeInstanceOf(PackError);
  });

  it('uses an alias without an anchor: it fails with a PackError', () => {
    expect(outcome('name: *nowhere')).toBeInstanceOf(PackError);
  });
});

import type { z } from 'zod';
import { dottedPath } from './pack-error.js';

/** Where in the YAML a zod issue points and what was expected there, in words a PM reads. */
export interface IssueText {
  readonly path: string;
  readonly expected: string;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
  number: 'a number',
  boolean: 'true or false',
};

/**
 * `schema` is the one the issue came from (to list the known keys when a key is unknown) and
 * `input` the value it parsed (to tell a missing field from a wrong one).
 */
export function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, input: unknown): IssueText {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'invalid_type': {
      const expected = `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
      return { path: dottedPath(path), expected: valueAt(input, path) === undefined ? `${expected} (missing)` : expected };
    }
    case 'invalid_value':
      return { path: dottedPath(path), expected: `expected ${issue.values.map(String).join(' | ')}` };
    case 'unrecognized_keys':
      return {
        path: dottedPath([...path, issue.keys[0] ?? '']),
        expected: `expected a known key: ${knownKeysAt(schema, path).join(', ')}`,
      };
    case 'too_small':
      return { path: dottedPath(path), expected: issue.origin === 'array' ? 'expected at least one item' : 'expected some text' };
    default:
      return { path: dottedPath(path), expected: issue.message };
  }
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

interface SchemaDef {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly out?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
}

/** The keys the object schema at `path` declares, walking through lists, maps and wrappers. */
export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let def = unwrap(schema);
  for (const key of path) {
    const next = def.type === 'object' ? def.shape?.[String(key)] : def.element ?? def.valueType;
    if (!next) return [];
    def = unwrap(next);
  }
  return def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.ZodType): SchemaDef {
  let def = schema.def as SchemaDef;
  for (let inner = def.innerType ?? def.out; inner; inner = def.innerType ?? def.out) def = inner.def as SchemaDef;
  return def;
}

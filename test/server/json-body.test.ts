import { HttpError } from '../../src/server/http-error.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonBody } from '../../src/server/json-body.js';

const nested = (levels: number): string => `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`;

function refusal(body: Buffer): HttpError {
  try {
    parseJsonBody(body);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('parseJsonBody', () => {
  it('parses a body nested exactly as deep as allowed', () => {
    // Each level of `nested` is an object and an array: two nestings.
    const levels = MAX_JSON_DEPTH / 2;
    expect(parseJsonBody(Buffer.from(nested(levels)))).toHaveProperty('a');
  });

  it('refuses a body one nesting deeper than allowed with 400 invalid_payload', () => {
    const body = Buffer.from(`[${nested(MAX_JSON_DEPTH / 2)}]`);
    expect(refusal(body)).toMatchObject({ status: 400, reason: 'invalid_payload' });
  });

  it('refuses a megabyte of opening brackets without overflowing the stack', () => {
    const depth = 500_000;
    expect(refusal(Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`))).toMatchObject({ status: 400, reason: 'invalid_payload' });
  });

  it('does not count brackets inside strings', () => {
    const body = Buffer.from(JSON.stringify({ title: '['.repeat(10_000), description: '{'.repeat(10_000) }));
    expect(parseJsonBody(body)).toMatchObject({ title: '['.repeat(10_000) });
  });

  it('refuses bytes that are not UTF-8, and text that is not JSON, as malformed_json', () => {
    expect(refusal(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toMatchObject({ status: 400, reason: 'malformed_json' });
    expect(refusal(Buffer.from('{"title": '))).toMatchObject({ status: 400, reason: 'malformed_json' });
  });
});

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [1, 2, { b: 'x' }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, 2, { b: 'x' }] }, 2)).toBe(true);
  });

  it('finds the deep branch among wide shallow ones', () => {
    const wide = Array.from({ length: 1000 }, (_, n) => ({ n }));
    expect(nestsDeeperThan([...wide, [[[[1]]]]], 4)).toBe(true);
    expect(nestsDeeperThan([...wide, [[[[1]]]]], 5)).toBe(false);
  });
});

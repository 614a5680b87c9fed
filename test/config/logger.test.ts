import { Writable } from 'node:stream';
import { createLogger } from '../../src/config/logger.js';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON lines at the configured level', () => {
    const { lines, stream } = capture();
    const log = createLogger({ logLevel: 'warn' }, stream);
    log.info('not written');
    log.warn({ provider: 'linear' }, 'Refuses a request');
    expect(lines).toEqual([expect.objectContaining({ level: 40, provider: 'linear', msg: 'Refuses a request', service: 'ticketlint' })]);
  });

  it('redacts credentials, secrets and signature headers wherever a log call puts them', () => {
    const { lines, stream } = capture();
    const log = createLogger({ logLevel: 'info' }, stream);
    log.info({
      apiKey: 'lin_api_1', settings: { webhookSecret: 'wh_2', redisUrl: 'redis://:pw@redis:6379' },
      credentials: { accessToken: 'oauth_3', auth: { basic: { email: 'e', apiToken: 'atl_4' } } },
      req: { headers: { authorization: 'Bearer 5', 'linear-signature': 'abc6', 'content-type': 'application/json' } },
    }, 'Starts');
    const text = JSON.stringify(lines);
    for (const secret of ['lin_api_1', 'wh_2', ':pw@', 'oauth_3', 'atl_4', 'Bearer 5', 'abc6']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ req: { headers: { 'content-type': 'application/json', authorization: '[redacted]' } } });
  });

  it('redacts one level down without touching the objects the caller logged', () => {
    const { lines, stream } = capture();
    const log = createLogger({ logLevel: 'info' }, stream);
    const settings = { port: 8080, linear: { apiKey: 'lin_api_7', team: 'web' } };
    const context = { linear: settings.linear, list: [{ token: 'not-an-object-field' }] };
    log.info(context, 'Starts');
    expect(lines[0]).toMatchObject({ linear: { apiKey: '[redacted]', team: 'web' } });
    expect(settings.linear.apiKey).toBe('lin_api_7');
    expect(context.linear).toBe(settings.linear);
  });

  it('keeps an error an error when it redacts a credential the error carries', () => {
    const { lines, stream } = capture();
    const log = createLogger({ logLevel: 'info' }, stream);
    const err = Object.assign(new Error('the tracker refused the call'), { token: 'tok_8' });
    log.error({ err }, 'Fails');
    expect(JSON.stringify(lines)).not.toContain('tok_8');
    expect(lines[0]).toMatchObject({ err: { type: 'Error', message: 'the tracker refused the call', token: '[redacted]', stack: expect.stringContaining('Error') } });
    expect(err.token).toBe('tok_8');
  });
});

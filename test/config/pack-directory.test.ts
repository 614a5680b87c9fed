import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigFile, type ConfigFile } from '../../src/config/config-file.js';
import { PackDirectory, teamOrProjectKeyOf } from '../../src/config/pack-directory.js';
import { SettingsError } from '../../src/config/settings-error.js';

function config(yaml: string): ConfigFile {
  const { config: parsed, problems } = parseConfigFile(yaml, 'ticketlint.yaml');
  if (!parsed) throw new Error(problems.join('\n'));
  return parsed;
}

describe('PackDirectory', () => {
  let dir: string;

  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ticketlint-packs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the default pack to every team when the config names none', () => {
    const packs = PackDirectory.load(config(''), dir);
    expect(packs.packFor('linear', 'ENG').name).toBe('product-sense');
    expect(packs.packFor('jira', null).name).toBe('product-sense');
  });

  it('gives a Linear team and a Jira project the pack the config names, matching keys in any case', () => {
    const packs = PackDirectory.load(config('linear: { teams: { growth: strict } }\njira: { projects: { SHOP: strict } }'), dir);
    expect(packs.packFor('linear', 'GROWTH').name).toBe('strict');
    expect(packs.packFor('jira', 'shop').name).toBe('strict');
    expect(packs.packFor('linear', 'SHOP').name).toBe('product-sense');
  });

  it('lists every pack it loaded once, the default first (the worker lints with each at start)', () => {
    const packs = PackDirectory.load(config('linear: { teams: { growth: strict, ops: strict } }\njira: { projects: { SHOP: product-sense } }'), dir);
    expect(packs.all().map((pack) => pack.name)).toEqual(['product-sense', 'strict']);
  });

  it('loads a pack file named by a path relative to the config file', () => {
    writeFileSync(join(dir, 'platform.yaml'), 'name: platform\nextends: [product-sense]\n');
    const packs = PackDirectory.load(config('defaultPack: ./platform.yaml'), dir);
    expect(packs.packFor('linear', 'ANY').name).toBe('platform');
  });

  it('puts the config label names on every pack', () => {
    const packs = PackDirectory.load(config('labels: { needsContext: needs-why }\nlinear: { teams: { ENG: strict } }'), dir);
    expect(packs.packFor('linear', 'ENG').labels).toEqual({ needsContext: 'needs-why', contextComplete: 'context-complete' });
    expect(packs.packFor('jira', null).labels.needsContext).toBe('needs-why');
  });

  it('lists every pack that does not load, with where the config names it', () => {
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nrules: { output-only: { level: loud } }\n');
    const load = () => PackDirectory.load(config('linear: { teams: { ENG: ./broken.yaml, OPS: no-such-pack } }'), dir);
    expect(load).toThrow(SettingsError);
    try { load(); } catch (error) {
      expect((error as SettingsError).problems).toEqual([
        expect.stringMatching(/^linear\.teams\.ENG: the pack "\.\/broken\.yaml" \(.*\/broken\.yaml\) does not load: broken\.yaml: rules\.output-only\.level: expected off \| info \| warn \| error$/),
        expect.stringMatching(/^linear\.teams\.OPS: the pack "no-such-pack" \(.*\/rules\/no-such-pack\.yaml\) does not load: .*no-such-pack\.yaml: \(file\): expected the name of a pack or a path to one; there is no pack no-such-pack: known packs: /),
      ]);
    }
  });

  it('names the file it tried for a missing pack, resolved against the config file, not where the process runs', () => {
    const configDir = join(dir, 'etc');
    const load = () => PackDirectory.load(config('linear: { teams: { GROWTH: ./packs/growth.yaml } }'), configDir);
    expect(load).toThrow(`linear.teams.GROWTH: the pack "./packs/growth.yaml" (${join(configDir, 'packs', 'growth.yaml')}) does not load`);
  });
});

describe('teamOrProjectKeyOf', () => {
  it('takes the ticket team when the event carried the ticket', () => {
    expect(teamOrProjectKeyOf('GROWTH', 'ENG-4')).toBe('GROWTH');
  });

  it('reads the team out of a ticket key when it did not', () => {
    expect(teamOrProjectKeyOf(null, 'SHOP-214')).toBe('SHOP');
    expect(teamOrProjectKeyOf(undefined, null)).toBeNull();
    expect(teamOrProjectKeyOf(null, 'not a key')).toBeNull();
  });
});

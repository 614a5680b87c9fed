import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackError } from '../../src/lint/pack/pack-error.js';
import { BUNDLED_RULES_DIR, DEFAULT_PACK_NAME, loadPack } from '../../src/packs/load-pack.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/packs/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const inFixtures = { cwd: FIXTURES, rulesDir: FIXTURES };

function loadError(ref: string, options = inFixtures): PackError {
  try {
    loadPack(ref, options);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error(`expected ${ref} to fail to load`);
}

describe('loadPack', () => {
  it('finds the bundled rules folder of the repository', () => {
    expect(BUNDLED_RULES_DIR).toBe(join(REPO, 'rules'));
    expect(existsSync(join(BUNDLED_RULES_DIR, `${DEFAULT_PACK_NAME}.yaml`))).toBe(true);
  });

  it('loads a pack by name from the rules folder', () => {
    expect(loadPack('park-base', inFixtures)).toMatchObject({ name: 'park-base', file: 'park-base.yaml', files: ['park-base.yaml'] });
  });

  it('loads a pack by path relative to cwd', () => {
    expect(loadPack('test/fixtures/packs/park-base.yaml', { cwd: REPO }).file).toBe('test/fixtures/packs/park-base.yaml');
  });

  it('merges a pack over the pack it extends by name', () => {
    const pack = loadPack('park-child', inFixtures);
    expect(pack.files).toEqual(['park-base.yaml', 'park-child.yaml']);
    expect(pack.rules).toEqual([expect.objectContaining({ id: 'bare-bug', level: 'error', message: 'Bare bug in {title}.' })]);
    expect(pack.vocabulary.personas).toEqual(['ranger', 'park visitor']);
    expect(pack.exempt.labels).toEqual(['skip-lint', 'wip']);
    expect(pack.description).toBe('Base pack of the park service.');
  });

  it('resolves a relative extends from the extending file', () => {
    const pack = loadPack('nested/park-relative.yaml', inFixtures);
    expect(pack.files).toEqual(['park-base.yaml', 'nested/park-relative.yaml']);
    expect(pack.rules[0]?.level).toBe('warn');
  });

  it('reads a pack extended twice once, and lets the later parent win', () => {
    const pack = loadPack('park-diamond', inFixtures);
    expect(pack.files).toEqual(['park-base.yaml', 'park-child.yaml', 'nested/park-relative.yaml', 'park-diamond.yaml']);
    expect(pack.rules[0]?.level).toBe('warn');
  });

  it('says which file is missing', () => {
    expect(loadError('./no-such-pack.yaml').message).toBe('no-such-pack.yaml: (file): expected a readable pack file; found no such file');
  });

  it('asks "did you mean" for a misspelt pack name and lists the packs there are', () => {
    expect(loadError('park-bse').message).toMatch(
      /^park-bse\.yaml: \(file\): expected the name of a pack or a path to one; there is no pack park-bse: did you mean park-base\? known packs: .*park-base, park-child/,
    );
  });

  it('asks "did you mean" for a misspelt pack name in extends', () => {
    const pack = { cwd: FIXTURES, rulesDir: FIXTURES };
    expect(loadError('typo-extends', pack).message).toMatch(/^typo-extends\.yaml: extends\.0: expected an existing pack; there is no pack park-bas: did you mean park-base\? known packs: /);
  });

  it('points at the extends entry that names a missing pack', () => {
    expect(loadError('extends-missing').message)
      .toMatch(/^extends-missing\.yaml: extends\.1: expected an existing pack; there is no pack no-such-pack: known packs: broken-level, /);
  });

  it('names the whole cycle when packs extend each other', () => {
    expect(loadError('cycle-a').message)
      .toBe('cycle-b.yaml: extends.0: expected no cycle of extends; found cycle-a.yaml -> cycle-b.yaml -> cycle-a.yaml');
  });

  it('blames the broken parent, not the pack that extends it', () => {
    expect(loadError('broken-parent-child').message).toBe('broken-level.yaml: rules.bare-bug.level: expected off | info | warn | error');
  });

  it('shows a file outside cwd by its absolute path', () => {
    const error = loadError('park-missing', { cwd: join(FIXTURES, 'nested'), rulesDir: FIXTURES });
    expect(error.file).toBe(join(FIXTURES, 'park-missing.yaml'));
  });
});

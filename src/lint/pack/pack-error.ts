/**
 * What is wrong with a rule pack, where, and what was expected, in one line a PM can act on:
 * `rules/acme.yaml: rules.missing-user.level: expected off | info | warn | error`.
 * `path` is the dotted path inside the YAML (array indexes as numbers), `line:col` for a YAML
 * syntax error, `(root)` for the document itself and `(file)` when the file cannot be read.
 */
export class PackError extends Error {
  override readonly name = 'PackError';

  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file}: ${path}: ${expected}`);
  }
}

/** The dotted form of a path inside the YAML: `examples.flagged.0.title`; `(root)` when empty. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

import { ALL_SYMBOLS, symbolsOf } from './opening-symbols.js';

/**
 * Where a match of a regular expression can open: every way its first few characters can look.
 * The cue scan only runs a cue's pattern where the text opens one of these ways, so the analysis
 * must over-approximate: every non-empty match of the pattern starts with one of the openings.
 * Look-arounds, `$` and `\B` are ignored (they only narrow the matches), repetitions are unrolled
 * only as far as the opening length, and anything this reader does not follow ends an opening
 * early, which lets any character follow. A pattern it cannot read at all gets null.
 */
export interface Opening {
  /** One symbol mask (opening-symbols.ts) per character, 1 to `length` of them; any character may follow. */
  readonly symbols: readonly number[];
  /** A `\b` stands before the first character. */
  readonly boundary: boolean;
  /** A `^` stands before the first character: without the `m` flag, only the start of the text. */
  readonly atTextStart: boolean;
}

/** Flags that keep the meaning this reader gives to `.`, `^`, `$`, `\w` and escapes. */
const READABLE_FLAGS = /^[gyid]*$/;
/** How many steps the enumeration may take before it settles for shorter openings. */
const STEP_BUDGET = 200_000;
/** How many distinct openings a pattern may have before shorter ones are used. */
const OPENING_BUDGET = 20_000;

export function openingsOf(source: string, flags = '', length = 3): Opening[] | null {
  if (!READABLE_FLAGS.test(flags)) return null;
  let tree: Node;
  try {
    tree = new Parser(source, flags.includes('i')).parse();
  } catch {
    return null;
  }
  for (let n = length; n >= 1; n--) {
    const openings = enumerate(tree, n);
    if (openings !== undefined) return openings;
  }
  return null;
}

// ---- the pattern as a tree ------------------------------------------------------------------------

type Node =
  | { readonly type: 'chars'; readonly mask: number }
  | { readonly type: 'sequence'; readonly items: readonly Node[] }
  | { readonly type: 'choice'; readonly options: readonly Node[] }
  | { readonly type: 'repeat'; readonly body: Node; readonly min: number; readonly max: number }
  | { readonly type: 'boundary' }
  | { readonly type: 'text-start' }
  /** Any other assertion: look-arounds, `$`, `\B`. */
  | { readonly type: 'assertion' }
  /** Something this reader does not follow (a back-reference): the opening ends here. */
  | { readonly type: 'unknown' };

const ASSERTION: Node = { type: 'assertion' };
const UNKNOWN: Node = { type: 'unknown' };

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const DIGITS = range(48, 57);
const WORD = [...DIGITS, ...range(65, 90), 95, ...range(97, 122)];
const SPACES = [9, 10, 11, 12, 13, 32];
const ASCII = range(0, 127);
const LINE_ENDS = [10, 13];

/** A character set while it is read: its ASCII members and whether it holds anything beyond ASCII. */
class CharSet {
  readonly ascii = new Set<number>();
  beyondAscii = false;

  add(codes: readonly number[]): this {
    for (const c of codes) {
      if (c < 128) this.ascii.add(c);
      else this.beyondAscii = true;
    }
    return this;
  }

  addRange(from: number, to: number): this {
    for (let c = from; c <= Math.min(to, 127); c++) this.ascii.add(c);
    if (to >= 128) this.beyondAscii = true;
    return this;
  }

  addComplement(codes: readonly number[]): this {
    this.add(ASCII.filter((c) => !codes.includes(c)));
    this.beyondAscii = true;
    return this;
  }

  complement(): CharSet {
    return new CharSet().addComplement([...this.ascii]);
  }

  mask(ignoreCase: boolean): number {
    if (ignoreCase) {
      for (const c of [...this.ascii]) {
        if (c >= 65 && c <= 90) this.ascii.add(c + 32);
        else if (c >= 97 && c <= 122) this.ascii.add(c - 32);
      }
    }
    return symbolsOf(this.ascii, this.beyondAscii);
  }
}

/** `\d`, `\w`, `\s` and their capitals as sets (non-`u` meaning; `\s` also holds Unicode spaces). */
function classEscape(letter: string): CharSet | null {
  switch (letter) {
    case 'd': return new CharSet().add(DIGITS);
    case 'D': return new CharSet().addComplement(DIGITS);
    case 'w': return new CharSet().add(WORD);
    case 'W': return new CharSet().addComplement(WORD);
    case 's': { const s = new CharSet().add(SPACES); s.beyondAscii = true; return s; }
    case 'S': return new CharSet().addComplement(SPACES);
    default: return null;
  }
}

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, v: 11, f: 12 };
const QUANTIFIER = /^\{(\d+)(?:(,)(\d*))?\}/;

class SyntaxTrouble extends Error {}

/** A recursive-descent reader for the regular expressions of the cues (JavaScript syntax, no `u` flag). */
class Parser {
  private at = 0;

  constructor(private readonly source: string, private readonly ignoreCase: boolean) {}

  parse(): Node {
    const node = this.choice();
    if (this.at !== this.source.length) throw new SyntaxTrouble(`unexpected ${this.source[this.at]} at ${this.at}`);
    return node;
  }

  private choice(): Node {
    const options = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { type: 'choice', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { type: 'sequence', items };
  }

  private quantified(atom: Node): Node {
    const c = this.source[this.at];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{' && QUANTIFIER.test(this.source.slice(this.at))) {
      const m = QUANTIFIER.exec(this.source.slice(this.at))!;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.at += m[0].length - 1;
    } else return atom;
    this.at++;
    if (this.source[this.at] === '?') this.at++;
    return { type: 'repeat', body: atom, min, max };
  }

  private atom(): Node {
    const c = this.source[this.at++]!;
    switch (c) {
      case '(': return this.group();
      case '[': return this.characterClass();
      case '.': return this.chars(new CharSet().addComplement([...LINE_ENDS]));
      case '^': return { type: 'text-start' };
      case '$': return ASSERTION;
      case '\\': return this.escape();
      case '*': case '+': case '?': throw new SyntaxTrouble(`nothing to repeat at ${this.at - 1}`);
      case '{':
        if (QUANTIFIER.test(this.source.slice(this.at - 1))) throw new SyntaxTrouble(`nothing to repeat at ${this.at - 1}`);
        return this.literal(c.charCodeAt(0));
      default: return this.literal(c.charCodeAt(0));
    }
  }

  private group(): Node {
    let assertion = false;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (this.source.startsWith('?=', this.at) || this.source.startsWith('?!', this.at)) [this.at, assertion] = [this.at + 2, true];
    else if (this.source.startsWith('?<=', this.at) || this.source.startsWith('?<!', this.at)) [this.at, assertion] = [this.at + 3, true];
    else if (this.source.startsWith('?<', this.at)) {
      const close = this.source.indexOf('>', this.at);
      if (close === -1) throw new SyntaxTrouble('unterminated group name');
      this.at = close + 1;
    } else if (this.source[this.at] === '?') throw new SyntaxTrouble(`unknown group at ${this.at}`);
    const inner = this.choice();
    if (this.source[this.at] !== ')') throw new SyntaxTrouble('unterminated group');
    this.at++;
    return assertion ? ASSERTION : inner;
  }

  private escape(): Node {
    const c = this.source[this.at++];
    if (c === undefined) throw new SyntaxTrouble('\\ at end of pattern');
    if (c === 'b') return { type: 'boundary' };
    if (c === 'B') return ASSERTION;
    const set = classEscape(c);
    if (set) return this.chars(set);
    const code = this.simpleEscape(c);
    return code === null ? UNKNOWN : this.literal(code);
  }

  /** The character an escape stands for, or null for back-references and escapes this reader leaves alone. */
  private simpleEscape(c: string): number | null {
    if (c in CONTROL_ESCAPES) return CONTROL_ESCAPES[c]!;
    if (/[0-9ckxu]/.test(c)) return null;
    return c.charCodeAt(0);
  }

  private characterClass(): Node {
    const negated = this.source[this.at] === '^';
    if (negated) this.at++;
    const set = new CharSet();
    let unknown = false;
    while (this.source[this.at] !== ']') {
      if (this.at >= this.source.length) throw new SyntaxTrouble('unterminated character class');
      const from = this.classAtom();
      if (this.source[this.at] === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        this.at++;
        const to = this.classAtom();
        if (typeof from === 'number' && typeof to === 'number') {
          if (to < from) throw new SyntaxTrouble('range out of order');
          set.addRange(from, to);
          continue;
        }
        // Annex B: a range next to a class escape is the two ends and a hyphen.
        for (const end of [from, to]) {
          if (end === 'unknown') unknown = true;
          else if (typeof end === 'number') set.add([end]);
          else set.add([...end.ascii]).beyondAscii ||= end.beyondAscii;
        }
        set.add([45]);
        continue;
      }
      if (from === 'unknown') unknown = true;
      else if (typeof from === 'number') set.add([from]);
      else set.add([...from.ascii]).beyondAscii ||= from.beyondAscii;
    }
    this.at++;
    if (unknown) return this.chars(new CharSet().addComplement([]));
    return this.chars(negated ? set.complement() : set);
  }

  /** One member of a character class: a character, a class escape, or something left alone. */
  private classAtom(): number | CharSet | 'unknown' {
    const c = this.source[this.at++]!;
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.source[this.at++];
    if (e === undefined) throw new SyntaxTrouble('\\ at end of pattern');
    if (e === 'b') return 8;
    const set = classEscape(e);
    if (set) return set;
    return this.simpleEscape(e) ?? 'unknown';
  }

  private literal(code: number): Node {
    return this.chars(new CharSet().add([code]));
  }

  private chars(set: CharSet): Node {
    return { type: 'chars', mask: set.mask(this.ignoreCase) };
  }
}

// ---- enumerating the openings ---------------------------------------------------------------------

/** What is left to match, as a linked list, so that branches share their tails. */
interface Continuation {
  readonly node: Node;
  readonly next: Continuation | null;
}

interface Path {
  readonly symbols: readonly number[];
  readonly boundary: boolean;
  readonly atTextStart: boolean;
}

class OverBudget extends Error {}

/** The openings of length `length` (or shorter where the pattern ends), or undefined when over budget. */
function enumerate(tree: Node, length: number): Opening[] | undefined {
  const found = new Map<string, Opening>();
  let steps = 0;
  let unreadable = false;

  const emit = (path: Path): void => {
    // A path that consumed nothing is an empty match, which a cue never counts; unless this reader
    // stopped there, in which case it cannot say where the pattern opens.
    if (path.symbols.length === 0) return;
    const key = `${path.symbols.join(',')}|${+path.boundary}|${+path.atTextStart}`;
    if (!found.has(key)) found.set(key, path);
    if (found.size > OPENING_BUDGET) throw new OverBudget();
  };

  const walk = (rest: Continuation | null, path: Path): void => {
    if (++steps > STEP_BUDGET) throw new OverBudget();
    if (path.symbols.length === length || rest === null) return emit(path);
    const { node, next } = rest;
    const atStart = path.symbols.length === 0;
    switch (node.type) {
      case 'chars':
        if (node.mask !== 0) walk(next, { ...path, symbols: [...path.symbols, node.mask] });
        return;
      case 'sequence': {
        let cont = next;
        for (let i = node.items.length - 1; i >= 0; i--) cont = { node: node.items[i]!, next: cont };
        return walk(cont, path);
      }
      case 'choice':
        for (const option of node.options) walk({ node: option, next }, path);
        return;
      case 'repeat': {
        // More than `length` + 1 rounds never change the first `length` characters.
        const cap = length + 1;
        const min = Math.min(node.min, cap);
        const max = Math.min(node.max, cap);
        if (max === 0) return walk(next, path);
        const again: Node = { type: 'repeat', body: node.body, min: Math.max(0, min - 1), max: max - 1 };
        if (min === 0) walk(next, path);
        return walk({ node: node.body, next: { node: again, next } }, path);
      }
      case 'boundary':
        return walk(next, atStart ? { ...path, boundary: true } : path);
      case 'text-start':
        return walk(next, atStart ? { ...path, atTextStart: true } : path);
      case 'assertion':
        return walk(next, path);
      case 'unknown':
        if (atStart) unreadable = true;
        return emit(path);
    }
  };

  try {
    walk({ node: tree, next: null }, { symbols: [], boundary: false, atTextStart: false });
  } catch (e) {
    if (e instanceof OverBudget) return undefined;
    throw e;
  }
  if (unreadable) return [{ symbols: [ALL_SYMBOLS], boundary: false, atTextStart: false }];
  return [...found.values()];
}

// JavaScript's regular expressions backtrack, and a rule such as `(a+)+$` takes exponential time on
// a line of a's: one such rule hangs `code auto`. V8 offers no time limit, so rules are checked
// when a framework is loaded and refused when a quantified group holds a quantifier of its own
// (nested quantifiers) or when a group's alternatives under a quantifier can match the same text
// in several ways that this check cannot rule out (a quantified group with `|` whose branches
// share a first character). The check is conservative: it reads the pattern's structure, never runs it.

interface Group {
  /** The group holds a quantifier that can repeat (`*`, `+`, `{n,}`, `{n,m}` with m > 1). */
  repeats: boolean;
  /** The first characters of its alternatives, for the overlap test. */
  branchHeads: string[];
  atBranchStart: boolean;
}

const REPEATING = /^(?:[*+]|\{\d+,\d*\})/;

/** Why a regex rule could take exponential time, or undefined when its structure is safe. */
export function unsafeRegex(source: string): string | undefined {
  const stack: Group[] = [{ repeats: false, branchHeads: [], atBranchStart: true }];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const top = stack.at(-1)!;
    if (ch === '\\') {
      if (top.atBranchStart) top.branchHeads.push(source.slice(i, i + 2));
      top.atBranchStart = false;
      i++;
      continue;
    }
    if (ch === '[') {
      const end = classEnd(source, i);
      if (top.atBranchStart) top.branchHeads.push(source.slice(i, end + 1));
      top.atBranchStart = false;
      i = end;
      continue;
    }
    if (ch === '(') {
      stack.push({ repeats: false, branchHeads: [], atBranchStart: true });
      if (source[i + 1] === '?') i += source[i + 2] === '<' && /[=!]/.test(source[i + 3] ?? '') ? 3 : source[i + 2] === '<' ? source.indexOf('>', i) : 2;
      continue;
    }
    if (ch === '|') {
      top.atBranchStart = true;
      continue;
    }
    if (ch === ')' && stack.length > 1) {
      const group = stack.pop()!;
      const parent = stack.at(-1)!;
      const quantified = REPEATING.exec(source.slice(i + 1));
      if (quantified) {
        if (group.repeats) return `nested quantifiers: the group ending at column ${i + 1} repeats, and so does something inside it (like (a+)+); rewrite it without the inner repetition`;
        const heads = group.branchHeads;
        if (heads.length > 1 && new Set(heads).size < heads.length) return `a repeated group at column ${i + 1} has alternatives that start alike (like (a|ab)*); make the alternatives distinct`;
        parent.repeats = true;
      }
      if (group.repeats) parent.repeats = true;
      parent.atBranchStart = false;
      continue;
    }
    if (top.atBranchStart && !'*+?{'.includes(ch)) top.branchHeads.push(ch);
    if (REPEATING.test(source.slice(i))) top.repeats = true;
    top.atBranchStart = false;
  }
  return undefined;
}

/** The index of the `]` closing the character class that opens at `start`. */
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > start + 1) return i;
  }
  return source.length - 1;
}

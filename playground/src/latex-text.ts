// The proof's notes are LaTeX text-mode source (src/proof: prose escaped, math in `$…$`): split
// into prose to show as text and math to render. Pure: unit-tested in test/playground/latex-text.test.ts.

export interface Piece {
  readonly math: boolean;
  readonly text: string;
}

const UNESCAPE: Readonly<Record<string, string>> = { '\\textbackslash{}': '\\', '\\textasciitilde{}': '~', '\\textasciicircum{}': '^' };

/** Undo src/proof/fill.ts `latexProse`. */
export function prose(latex: string): string {
  return latex.replace(/\\textbackslash\{\}|\\textasciitilde\{\}|\\textasciicircum\{\}|\\([{}&%#_])/g, (m, c: string | undefined) => c ?? UNESCAPE[m]!);
}

export function pieces(source: string): Piece[] {
  return source.split('$').map((text, i) => ({ math: i % 2 === 1, text: i % 2 === 1 ? text : prose(text) })).filter((p) => p.text !== '');
}

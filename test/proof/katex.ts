// Every piece of LaTeX a renderer emits, pulled out so a test can feed each to KaTeX.

import katex from 'katex';

/** Render in strict mode; throws on anything KaTeX would not accept. */
export function strictKatex(latex: string, displayMode: boolean): string {
  return katex.renderToString(latex, { throwOnError: true, strict: 'error', displayMode });
}

/** The math of a LaTeX or Markdown document: display environments and `$$…$$` blocks, and inline `$…$`. */
export function mathPieces(doc: string): { display: string[]; inline: string[] } {
  const display: string[] = [];
  let rest = doc.replace(/\$\$([\s\S]*?)\$\$/g, (_m, body: string) => { display.push(body.trim()); return ''; });
  rest = rest.replace(/\\begin\{align\*\}[\s\S]*?\\end\{align\*\}/g, (m) => { display.push(m); return ''; });
  const inline = [...rest.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]!);
  return { display, inline };
}

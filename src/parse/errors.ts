// One error class for everything the parser rejects. It carries a position
// and a short message, and formats itself as one line plus the source line
// with carets under the offending text (never nearley's rule dump).

export class ParseError extends Error {
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column of the offending text. */
  readonly column: number;

  constructor(
    message: string,
    /** 0-based offset of the offending text in the source. */
    readonly offset: number,
    /** Length of the offending text (0 at the end of the input). */
    readonly length: number,
    source: string,
  ) {
    // One line, whatever the offending text holds (an unknown command `\` before a line break).
    super(message.replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t'));
    this.name = 'ParseError';
    const { line, column } = lineAndColumn(source, offset);
    this.line = line;
    this.column = column;
  }

  /** `message (line:col)`, the source line, and `^^^` under the offending text. */
  format(source: string): string {
    const lines = source.split(/\r?\n/);
    const text = lines[this.line - 1] ?? '';
    const width = Math.max(1, Math.min(this.length, text.length - (this.column - 1)));
    return `${this.message} (${this.line}:${this.column})\n${text}\n${' '.repeat(this.column - 1)}${'^'.repeat(width)}`;
  }
}

export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

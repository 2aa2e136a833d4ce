// The ```ts blocks of a Markdown page: ts-blocks.test.ts runs them, test/package/pack.test.ts the README's first.

export interface Block {
  readonly page: string;
  readonly line: number;
  readonly code: string;
}

/** The ```ts blocks of a Markdown page. */
export function tsBlocks(page: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    blocks.push({ page, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

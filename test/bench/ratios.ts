// A ratio table at the end of a bench file, so a run can be quoted as ratios
// rather than raw times (which move with the machine's load).
//
// vitest's bench runner calls no afterAll hooks, so each bench gets a
// tinybench `teardown` that picks up its task's result (set right after
// teardown, in the same tick) and, when the last expected bench has reported,
// prints the table. Ratios use the minimum time per call, the figure least
// disturbed by other processes, and the median-like p75 next to it.

export interface Timing {
  readonly min: number;
  readonly p75: number;
  readonly mean: number;
}

interface TaskLike {
  readonly name: string;
  readonly result?: { readonly min?: number; readonly p75?: number; readonly mean?: number };
}

export class RatioTable {
  private readonly timings = new Map<string, Timing>();
  private printed = false;

  /**
   * @param title heading of the printed table
   * @param rows  [label, numerator bench, denominator bench]: "label: numerator / denominator"
   * @param times benches whose time itself is printed (a budget, such as compile time)
   */
  constructor(
    private readonly title: string,
    private readonly rows: readonly (readonly [string, string, string])[],
    private readonly times: readonly string[] = [],
    /** Floating-point operations per call, by bench id: a GFLOP/s column (by min) for the rows whose benches have it. */
    private readonly flops: Readonly<Record<string, number>> = {},
  ) {}

  /**
   * Bench options that report this bench's timing under `id`; a bench that does `count` items per
   * call (a batch of formulas) reports the time per item.
   */
  options(id: string, extra: Record<string, unknown> = {}, count = 1): Record<string, unknown> {
    return {
      ...extra,
      teardown: (task: TaskLike, mode: string) => {
        if (mode !== 'run') return;
        queueMicrotask(() => {
          const r = task.result;
          if (r?.min !== undefined && r.p75 !== undefined && r.mean !== undefined) {
            this.timings.set(id, { min: r.min / count, p75: r.p75 / count, mean: r.mean / count });
          }
          this.maybePrint();
        });
      },
    };
  }

  private maybePrint(): void {
    const needed = new Set([...this.rows.flatMap(([, a, b]) => [a, b]), ...this.times]);
    if (this.printed || ![...needed].every((id) => this.timings.has(id))) return;
    this.printed = true;
    console.log(this.format());
  }

  format(): string {
    const ms = (x: number) => (x >= 1 ? `${x.toFixed(2)} ms` : `${(x * 1000).toFixed(2)} µs`);
    const gflops = Object.keys(this.flops).length > 0;
    const rate = (id: string, t: Timing) => (this.flops[id] === undefined ? '–' : (this.flops[id]! / (t.min * 1e6)).toFixed(2));
    const lines = [
      `\n${this.title}`, '',
      `| ratio | by min | by p75 | numerator min / p75 | denominator min / p75 |${gflops ? ' GFLOP/s (by min) |' : ''}`,
      `|---|---|---|---|---|${gflops ? '---|' : ''}`,
    ];
    for (const [label, a, b] of this.rows) {
      const x = this.timings.get(a)!;
      const y = this.timings.get(b)!;
      const g = gflops ? ` ${rate(a, x)} / ${rate(b, y)} |` : '';
      lines.push(`| ${label} | ${(x.min / y.min).toFixed(2)}× | ${(x.p75 / y.p75).toFixed(2)}× | ${ms(x.min)} / ${ms(x.p75)} | ${ms(y.min)} / ${ms(y.p75)} |${g}`);
    }
    for (const id of this.times) {
      const t = this.timings.get(id)!;
      const rate = Math.round(1000 / t.mean).toLocaleString('en-US');
      lines.push(`| ${id} (time per call) | | | ${ms(t.min)} / ${ms(t.p75)} (mean ${ms(t.mean)}, ${rate}/s) | |`);
    }
    return lines.join('\n');
  }
}

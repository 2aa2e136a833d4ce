// The page's side of the worker: at most one request in flight, only the newest waiting
// request kept (typing fast sends one derivation, not one per key), and a request that runs
// longer than the timeout stopped by terminating the worker and starting a fresh one.
// Pure over an injected worker factory and timers: unit-tested in test/playground/session.test.ts.

export interface WorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export type Outcome<R> =
  | { readonly kind: 'done'; readonly response: R }
  /** A newer request replaced this one before it was sent. */
  | { readonly kind: 'superseded' }
  /** It ran longer than the timeout: the worker was restarted. */
  | { readonly kind: 'timeout'; readonly ms: number }
  /** The worker itself failed (an error outside the request's handling). */
  | { readonly kind: 'crashed'; readonly message: string };

interface Job<Q, R> {
  readonly request: Q;
  readonly resolve: (o: Outcome<R>) => void;
}

export class Session<Q, R> {
  private worker: WorkerLike;
  private running: (Job<Q, R> & { id: number; timer: unknown }) | null = null;
  private waiting: Job<Q, R> | null = null;
  private nextId = 1;

  constructor(private readonly spawn: () => WorkerLike, private readonly timeoutMs: number, private readonly timers: Timers) {
    this.worker = this.start();
  }

  /** Send `request` (after the one in flight, replacing any still waiting). */
  request(request: Q): Promise<Outcome<R>> {
    return new Promise((resolve) => {
      this.waiting?.resolve({ kind: 'superseded' });
      this.waiting = { request, resolve };
      if (this.running === null) this.next();
    });
  }

  private start(): WorkerLike {
    const w = this.spawn();
    w.onmessage = (e) => {
      const { id, response } = e.data as { id: number; response: R };
      if (this.running === null || this.running.id !== id) return;
      this.finish({ kind: 'done', response });
    };
    w.onerror = (e) => {
      if (this.running === null) return;
      this.restart();
      this.finish({ kind: 'crashed', message: e.message ?? 'the worker failed' });
    };
    return w;
  }

  private restart(): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = this.start();
  }

  private finish(outcome: Outcome<R>): void {
    const job = this.running!;
    this.timers.clear(job.timer);
    this.running = null;
    job.resolve(outcome);
    this.next();
  }

  private next(): void {
    const job = this.waiting;
    if (job === null) return;
    this.waiting = null;
    const id = this.nextId++;
    const timer = this.timers.set(() => {
      if (this.running?.id !== id) return;
      this.restart();
      this.finish({ kind: 'timeout', ms: this.timeoutMs });
    }, this.timeoutMs);
    this.running = { ...job, id, timer };
    this.worker.postMessage({ id, request: job.request });
  }
}

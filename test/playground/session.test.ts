import { describe, expect, it } from 'vitest';
import { type Outcome, Session, type Timers, type WorkerLike } from '../../playground/src/session.js';

/** A worker that answers only when told to, and records what it was sent. */
class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  sent: { id: number; request: string }[] = [];
  terminated = false;
  postMessage(m: unknown): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(m as { id: number; request: string });
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answer the i-th message received (echoing its request, upper-cased). */
  answer(i = this.sent.length - 1): void {
    const m = this.sent[i]!;
    this.onmessage?.({ data: { id: m.id, response: m.request.toUpperCase() } });
  }
}

/** Timers that fire only when the test advances the clock. */
class FakeTimers implements Timers {
  now = 0;
  private pending: { at: number; fn: () => void; live: boolean }[] = [];
  set(fn: () => void, ms: number): unknown {
    const t = { at: this.now + ms, fn, live: true };
    this.pending.push(t);
    return t;
  }
  clear(h: unknown): void {
    (h as { live: boolean }).live = false;
  }
  advance(ms: number): void {
    this.now += ms;
    for (const t of this.pending.filter((p) => p.live && p.at <= this.now)) {
      t.live = false;
      t.fn();
    }
  }
  get live(): number {
    return this.pending.filter((p) => p.live).length;
  }
}

function setup(timeout = 1000) {
  const workers: FakeWorker[] = [];
  const timers = new FakeTimers();
  const session = new Session<string, string>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, timeout, timers);
  const outcomes: Outcome<string>[] = [];
  const send = (r: string) => void session.request(r).then((o) => outcomes.push(o));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { workers, timers, outcomes, send, settle };
}

describe('playground worker session', () => {
  it('delivers the response to its request, and clears its timer', async () => {
    const { workers, timers, outcomes, send, settle } = setup();
    send('a');
    expect(workers[0]!.sent.map((m) => m.request)).toEqual(['a']);
    workers[0]!.answer();
    await settle();
    expect(outcomes).toEqual([{ kind: 'done', response: 'A' }]);
    expect(timers.live).toBe(0);
  });

  it('keeps only the newest waiting request while one runs: typing sends one derivation, not one per key', async () => {
    const { workers, outcomes, send, settle } = setup();
    send('a');
    send('ab');
    send('abc');
    expect(workers[0]!.sent.map((m) => m.request)).toEqual(['a']);
    await settle();
    expect(outcomes).toEqual([{ kind: 'superseded' }]);
    workers[0]!.answer(0);
    expect(workers[0]!.sent.map((m) => m.request)).toEqual(['a', 'abc']);
    workers[0]!.answer(1);
    await settle();
    expect(outcomes.slice(1)).toEqual([{ kind: 'done', response: 'A' }, { kind: 'done', response: 'ABC' }]);
  });

  it('stops a runaway request: terminates the worker, starts a fresh one, and goes on with the next', async () => {
    const { workers, timers, outcomes, send, settle } = setup(1000);
    send('slow');
    timers.advance(999);
    send('next');
    await settle();
    expect(outcomes).toEqual([]);
    timers.advance(1);
    await settle();
    expect(outcomes).toEqual([{ kind: 'timeout', ms: 1000 }]);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    // The waiting request went to the new worker; a late answer of the old one is ignored.
    expect(workers[1]!.sent.map((m) => m.request)).toEqual(['next']);
    workers[0]!.onmessage?.({ data: { id: workers[0]!.sent[0]!.id, response: 'LATE' } });
    workers[1]!.answer();
    await settle();
    expect(outcomes.slice(1)).toEqual([{ kind: 'done', response: 'NEXT' }]);
    // Its timer was cleared: advancing past it restarts nothing.
    timers.advance(5000);
    expect(workers).toHaveLength(2);
  });

  it('ignores an answer to an id it is not waiting for', async () => {
    const { workers, outcomes, send, settle } = setup();
    send('a');
    workers[0]!.onmessage?.({ data: { id: 999, response: 'X' } });
    await settle();
    expect(outcomes).toEqual([]);
  });

  it('reports a crashed worker and replaces it', async () => {
    const { workers, outcomes, send, settle } = setup();
    send('a');
    workers[0]!.onerror?.({ message: 'out of memory' });
    await settle();
    expect(outcomes).toEqual([{ kind: 'crashed', message: 'out of memory' }]);
    expect(workers[0]!.terminated).toBe(true);
    send('b');
    expect(workers[1]!.sent.map((m) => m.request)).toEqual(['b']);
  });
});

// The intern table holds nodes weakly: hash-consing stays exact for live
// nodes, dead ones leave the table, and a process that keeps deriving new
// formulas holds a bounded number of nodes.

import { describe, expect, test } from 'vitest';
import { add, mul, num, store, variable } from '../../src/core/ast.js';
import { Store } from '../../src/core/store.js';
import { derive } from '../../src/derive/index.js';
import { parse } from '../../src/parse/index.js';
import { toLatex } from '../../src/print/index.js';
import { collectGarbage, distinctFormulas } from '../memory.js';

describe('Store', () => {
  test('an equal key gives the live node; a new key makes a node with the next id', () => {
    const s = new Store<{ id: number; key: string }>();
    const a = s.intern('a', (id) => ({ id, key: 'a' }));
    expect(s.intern('a', () => { throw new Error('made twice'); })).toBe(a);
    const b = s.intern('b', (id) => ({ id, key: 'b' }));
    expect(b.id).toBe(a.id + 1);
    expect(s.stats()).toEqual({ entries: 2, created: 2 });
  });

  test('a node nobody references leaves the table; built again, it is a new node with a new id', async () => {
    const name = 'unreferenced_node_of_this_test';
    const first = new WeakRef(mul([num(7), variable(name)]));
    const firstId = first.deref()!.id;
    const before = store.stats().entries;
    await collectGarbage();
    expect(first.deref()).toBeUndefined();
    expect(store.stats().entries).toBeLessThan(before);
    const again = mul([num(7), variable(name)]);
    expect(again.id).toBeGreaterThan(firstId);
    expect(mul([num(7), variable(name)])).toBe(again);
  });

  test('a referenced node survives collection and stays the one its structure gives', async () => {
    const kept = add([variable('kept_by_this_test'), num(3)]);
    await collectGarbage();
    expect(add([variable('kept_by_this_test'), num(3)])).toBe(kept);
  });
});

describe('state stays bounded', () => {
  test('live nodes after 1,600 distinct derivations are about those after 400', async () => {
    const x = variable('x');
    const formulas = distinctFormulas(1600, 8, 2);
    const deriveSome = async (count: number) => {
      for (let n = 0; n < count; n++) {
        toLatex(derive(parse(formulas.next().value!), x).result);
        if (n % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await deriveSome(400);
    await collectGarbage();
    const early = store.stats();
    await deriveSome(1200);
    await collectGarbage();
    const late = store.stats();
    const madeBetween = late.created - early.created;
    // Unbounded, the table would have grown by every node made in between (about 20,000).
    expect(madeBetween).toBeGreaterThan(10_000);
    expect(late.entries - early.entries).toBeLessThan(madeBetween / 100);
  }, 30_000);
});

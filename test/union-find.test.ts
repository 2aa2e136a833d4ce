import { describe, expect, it } from 'vitest';
import { UnionFind } from '../src/core/union-find.js';

describe('UnionFind', () => {
  it('groups transitively, names the smallest member, and lists every joined name', () => {
    const u = new UnionFind();
    u.union('k', '#w/2/1');
    u.union('b', '#w/2/1');
    u.union('x', 'y');
    expect(u.find('b')).toBe(u.find('k'));
    expect(u.find('k')).toBe('#w/2/1');
    expect(u.find('x')).not.toBe(u.find('k'));
    expect(u.find('lonely')).toBe('lonely');
    expect([...u.names()].sort()).toEqual(['#w/2/1', 'b', 'k', 'x', 'y']);
  });
});

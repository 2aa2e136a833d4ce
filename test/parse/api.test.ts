// The parser's API: syntax detection, several formulas, error formatting, size.

import { describe, expect, test } from 'vitest';
import { detectSyntax, parse, parseAll, ParseError, parseFormulas } from '../../src/parse/index.js';
import { add, equation, type Expr, num, sum, v } from './helpers.js';

describe('detectSyntax', () => {
  test.each([
    ['\\frac{a}{b}', 'latex'],
    ['x_j', 'latex'],
    ['{a}', 'latex'],
    ['w[j,k] * o[j]', 'text'],
    ['sum(j, x[j])', 'text'],
    ['a + b', 'text'],
  ] as const)('%s is %s', (input, syntax) => expect(detectSyntax(input)).toBe(syntax));

  test('auto picks the grammar: `xy` is one name in text, a product in LaTeX', () => {
    expect(parse('xy')).toBe(v('xy'));
    expect(parse('x y_1')).toBe(parse('x y_1', { syntax: 'latex' }));
    expect(parse('xy', { syntax: 'latex' })).toEqual(parse('x y', { syntax: 'latex' }));
  });
});

describe('parseFormulas', () => {
  const [a, b, c] = [v('a'), v('b'), v('c')];
  test.each([
    ['a; b; c', [a, b, c]],
    ['a, b, c', [a, b, c]],
    ['a \\quad b \\qquad c', [a, b, c]],
    ['a \\\\ b \\\\ c', [a, b, c]],
    ['a\nb\r\nc', [a, b, c]],
    ['\n a = 1;\n\n b = 2 ;\n', [equation(a, num(1)), equation(b, num(2))]],
    ['w_{j,k}, x', [parse('w_{j,k}'), v('x')]],
    ['sum(j, x[j]), y', [sum('j', v('x', 'j')), v('y')]],
  ] as [string, Expr[]][])('%j', (input, expected) => {
    expect(parseFormulas(input)).toEqual(expected);
    expect(parseFormulas(input).every((e, i) => e === expected[i])).toBe(true);
  });

  test('no formula at all is an error at the end of the input', () => {
    expect(() => parseFormulas('  ')).toThrow(ParseError);
    expect(() => parseFormulas(';;')).toThrow('unexpected end of input');
  });
});

describe('ParseError', () => {
  const formatted = (input: string): string => {
    try {
      parse(input);
    } catch (e) {
      if (e instanceof ParseError) return e.format();
      throw e;
    }
    throw new Error('expected an error');
  };

  test('one line of message, the source line, and carets under the offending text', () => {
    expect(formatted('\\sigm(x) + 1')).toBe(['unknown command \\sigm; did you mean \\sigma? (1:1)', '\\sigm(x) + 1', '^^^^^'].join('\n'));
    expect(formatted('a_1 + }')).toBe(["unmatched '}' (1:7)", 'a_1 + }', '      ^'].join('\n'));
    expect(formatted('\\frac{1}{')).toBe(["unexpected end of input: '{' is not closed (1:10)", '\\frac{1}{', '         ^'].join('\n'));
  });

  test('positions on later lines', () => {
    expect(formatted('(a +\n b +)')).toBe(["unexpected ')' (2:5)", ' b +)', '    ^'].join('\n'));
  });

  test('carries offset and length', () => {
    try {
      parse('x + \\foo');
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).offset).toBe(4);
      expect((e as ParseError).length).toBe(4);
    }
    expect.assertions(3);
  });
});

describe('size', () => {
  test('a sum of 1000 terms parses into one flat add, with one parse', () => {
    const latex = Array.from({ length: 1000 }, (_, i) => `x_{${i + 1}}`).join(' + ');
    const text = Array.from({ length: 1000 }, (_, i) => `x[${i + 1}]`).join(' + ');
    const expected = add(Array.from({ length: 1000 }, (_, i) => v('x', Number(String(i + 1)[0]), ...[...String(i + 1).slice(1)].map(Number))));
    expect(parseAll(latex)).toHaveLength(1);
    expect(parse(latex)).toBe(expected);
    const e = parse(text);
    expect(e.kind === 'add' && e.terms.length).toBe(1000);
  });

  test('deep nesting: 200 parentheses', () => {
    const input = `${'('.repeat(200)}x${')'.repeat(200)}`;
    expect(parse(input)).toBe(v('x'));
  });
});

# Plain-text formulas → Kronecker AST (docs/notation.md is the reference).
#
# Same shape as grammar/latex.ne: unambiguous, left-recursive lists, thunks
# from src/parse/build.ts. Calls, reductions and derivatives always parenthesise
# their argument, so there is no scope rule to decide.

@preprocessor typescript

@{%
import moo from 'moo';
import * as b from './build.js';
import * as v from './vectors.js';
import * as m from './matrix.js';
import { once, TokenStream } from './tokens.js';
import { TEXT_RULES, refineText } from './text-tokens.js';

export const lexer = new TokenStream(once(() => moo.compile(TEXT_RULES)), refineText);
%}

@lexer lexer

Formulas   -> Formula                       {% ([f]) => b.list(f) %}
            | Formulas %sep Formula         {% ([l, , f]) => b.push(l, f) %}

Formula    -> Sum                           {% id %}
            | Relation                      {% ([c]) => b.relation(c) %}

Relation   -> Sum RelOp Sum                 {% ([x, op, y]) => ({ ops: b.list(op), args: b.push(b.list(x), y) }) %}
            | Relation RelOp Sum            {% ([c, op, y]) => ({ ops: b.push(c.ops, op), args: b.push(c.args, y) }) %}

RelOp      -> %eq                           {% () => '=' %}
            | %rel                          {% ([t]) => b.RELATIONS[t.value] %}

Sum        -> Terms                         {% ([l]) => b.terms(l) %}
Terms      -> Term                          {% ([t]) => b.list(t) %}
            | Terms %plus Term              {% ([l, , t]) => b.push(l, t) %}
            | Terms %minus Term             {% ([l, , t]) => b.push(l, b.negate(t)) %}

Term       -> Product                       {% id %}
            | %minus Term                   {% ([, t]) => b.negate(t) %}
            | %plus Term                    {% ([, t]) => t %}

Product    -> Factors                       {% ([l]) => b.factors(l) %}
Factors    -> Unit                          {% ([u]) => b.list(u) %}
            | Factors Unit                  {% ([l, u]) => b.push(l, u) %}
            | Factors %times Unit           {% ([l, , u]) => b.push(l, u) %}
            | Factors %slash Unit           {% ([l, , u]) => b.list(b.quotient(b.factors(l), u)) %}

# `^` is right-associative and its exponent may be negated: `x^-1`, `x^2^3`.
Unit       -> Atom                          {% id %}
            | Atom %caret Exponent          {% ([a, , e]) => b.power(a, e) %}
Exponent   -> Atom                          {% id %}
            | %minus Exponent               {% ([, e]) => b.negate(e) %}
            | Atom %caret Exponent          {% ([a, , e]) => b.power(a, e) %}

Atom       -> Variable                      {% ([v]) => b.varValue(v) %}
            | %int                          {% ([t]) => b.constant(t.value) %}
            | %num                          {% ([t]) => b.constant(t.value) %}
            | Group                         {% id %}
            | Group %primes                 {% ([g, p]) => b.primeOf(g, Number(p.value), "'") %}
            | %lbrack Relation %rbrack      {% ([, c]) => b.bracket(b.relation(c)) %}
            | %fnApplied %lparen Sum %rparen
                                            {% ([f, , s]) => b.apply(f.fn, s, f.spelling) %}
            # Functions as textbooks write them (issue 9): `\max(a, b)`, `\min(a, b, c)`.
            | %fnMany %lparen Arguments %rparen
                                            {% ([f, , l]) => b.applyMany(f.fn, l, f.spelling) %}
            # `sum(j, …)`: the keyword of a reduction (src/core/reductions.ts) is a `reduceKw` token, its operator the value.
            | %reduceKw %lparen IndexVar %comma Sum %rparen
                                            {% ([r, , i, , body]) => b.reduction(r.value, [i.name], body, null, null) %}
            | %reduceKw %lparen IndexVar %eq Bound %dots Bound %comma Sum %rparen
                                            {% ([r, , i, , lo, , hi, , body]) => b.reduction(r.value, [i.name], body, lo, hi) %}
            # Conditions under a reduction (issue 9): `sum(i != j, …)`, `sum(j=1..n, j != i, …)`, as `\sum_{i \ne j}` in LaTeX.
            | %reduceKw %lparen IndexVar %rel CondSide %comma Sum %rparen
                                            {% ([r, , i, op, y, , body]) => b.reduction(r.value, [i.name], b.conditioned(r, b.condition(i, i, op, y), body), null, null) %}
            | %reduceKw %lparen IndexVar %eq Bound %dots Bound %comma IndexVar %rel CondSide %comma Sum %rparen
                                            {% ([r, , i, , lo, , hi, , j, op, y, , body]) => b.reduction(r.value, [i.name], b.conditioned(r, b.condition(i, j, op, y), body), lo, hi) %}
            | %dd Variable %lparen Sum %rparen
                                            {% ([, wrt, , body]) => b.derivative(body, wrt, 'operator', 'partial') %}
            | %hash IndexVar                {% ([, i]) => b.count(i.name) %}
            # Function definitions (issue 9): `f(2y)`, `f'(x)`, `L(w, b)` call a function defined in the input (a `userFn` token).
            | %userFn %lparen CallArgs %rparen
                                            {% ([f, , l]) => b.applyDefined(f, l) %}

Group      -> %lparen Sum %rparen           {% ([, s]) => s %}
            | %lbrack Sum %rbrack           {% ([, s]) => s %}

Variable   -> %name                         {% ([t]) => b.parts(t.value) %}
            | %name %primes                 {% ([t, p]) => b.parts(t.value, Number(p.value)) %}
            | %name %lindex Indices %rbrack {% ([t, , l]) => b.parts(t.value, 0, b.toArray(l)) %}
            | %name %primes %lindex Indices %rbrack
                                            {% ([t, p, , l]) => b.parts(t.value, Number(p.value), b.toArray(l)) %}

# Decorated names (issue 9): `hat(y)`, `hat(y)[n]`, `hat(bar(x))'` (src/parse/text-tokens.ts, `decorated`).
Variable   -> %decorated                    {% ([t]) => b.parts(b.marked(t.value, t.marks, t.label)) %}
            | %decorated %primes            {% ([t, p]) => b.parts(b.marked(t.value, t.marks, t.label), Number(p.value)) %}
            | %decorated %lindex Indices %rbrack
                                            {% ([t, , l]) => b.parts(b.marked(t.value, t.marks, t.label), 0, b.toArray(l)) %}
            | %decorated %primes %lindex Indices %rbrack
                                            {% ([t, p, , l]) => b.parts(b.marked(t.value, t.marks, t.label), Number(p.value), b.toArray(l)) %}

Indices    -> Index                         {% ([i]) => b.list(i) %}
            | Indices %comma Index          {% ([l, , i]) => b.push(l, i) %}

Index      -> IndexVar                      {% id %}
            | IndexVar %plus %int           {% ([i, , n]) => b.indexVar(i.name, null, 1, n.value) %}
            | IndexVar %minus %int          {% ([i, , n]) => b.indexVar(i.name, null, -1, n.value) %}
            | %int                          {% ([t]) => b.wholeIndex(t.value) %}
Bound      -> Index                         {% id %}
CondSide   -> IndexVar                      {% id %}
            | %int                          {% ([t]) => b.wholeIndex(t.value) %}

# Index arithmetic (issue 9): `x[i+k]`, `x[i-j+1]`, `I[i+m,j+n]` — two or more index variables
# added or subtracted, then integers; a coefficient (`x[2*i+k]`) is refused by a token pass
# (src/parse/index-arithmetic.ts).
Index      -> IndexSum                      {% id %}
IndexSum   -> IndexVar IndexSign IndexVar   {% ([i, s, j]) => b.indexPlus(i, s, j) %}
            | IndexSum IndexSign IndexVar   {% ([l, s, j]) => b.indexPlus(l, s, j) %}
            | IndexSum IndexSign %int       {% ([l, s, n]) => b.indexPlus(l, s, b.wholeIndex(n.value)) %}
IndexSign  -> %plus                         {% id %}
            | %minus                        {% id %}

IndexVar   -> %name                         {% ([t]) => b.indexVar(t.value, null) %}
            | %name %primes                 {% ([t, p]) => b.indexVar(t.value, "'".repeat(Number(p.value))) %}

# Functions as textbooks write them (issue 9): the arguments of `\max(a, b, …)`, two or more.
Arguments  -> Sum %comma Sum                {% ([x, , y]) => b.push(b.list(x), y) %}
            | Arguments %comma Sum          {% ([l, , y]) => b.push(l, y) %}

# Norms, inner products, softmax and trace (issue 9): src/parse/vectors.ts reads them, as in
# grammar/latex.ne: `norm(x)`, `norm(x, 1)`, `norm(W, F)`, `norm(x)^2`, `inner(a, b)`, `softmax(z)[k]`, `tr(X)`.
Unit       -> Norm                          {% ([n]) => v.norm(n, null) %}
            | Norm %caret Exponent          {% ([n, , e]) => v.norm(n, e) %}
Norm       -> %normKw %lparen Sum %rparen   {% ([o, , s]) => ({ at: o, arg: s, kind: '2' }) %}
            | %normKw %lparen Sum %comma NormKind %rparen
                                            {% ([o, , s, , k]) => ({ at: o, arg: s, kind: k.value }) %}
NormKind   -> %int                          {% id %}
            | %name                         {% id %}
Atom       -> %innerKw %lparen Sum %comma Sum %rparen
                                            {% ([o, , a, , c]) => v.inner(o, a, c) %}
            | %softmax %lparen Sum %rparen %lbrack Index %rbrack
                                            {% ([o, , s, , , i]) => v.softmax(o, s, [i]) %}
            | %trace %lparen Variable %rparen
                                            {% ([o, , x]) => v.trace(o, b.varValue(x)) %}
# The inverse and the determinant of a matrix name (issue 11), as the text printer writes them:
# `inv(X)[a, b]`, `det(X)` (the text syntax has no matrix notation: these are index notation).
            | %invKw %lparen Variable %rparen %lbrack Index %comma Index %rbrack
                                            {% ([o, , x, , , i, , j]) => m.inverseEntry(o, b.varValue(x), [i, j]) %}
            | %detKw %lparen Variable %rparen
                                            {% ([o, , x]) => m.determinantOfName(o, b.varValue(x)) %}
# Function definitions (issue 9): the arguments of a user-defined function's call, one or more.
CallArgs   -> Sum                           {% ([x]) => b.list(x) %}
            | Arguments                     {% id %}

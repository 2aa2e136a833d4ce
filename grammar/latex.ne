# LaTeX formulas → Kronecker AST (docs/notation.md is the reference).
#
# The grammar is unambiguous (exactly one parse per input) and uses only
# left-recursive lists, so Earley parses it in linear time. Lookahead decisions
# (is `\sigma` applied? is `d` a differential? does `|` open or close?) are
# taken by the token passes in src/parse/latex-tokens.ts. Postprocessors return
# thunks (src/parse/build.ts); the AST is built once, from the final parse.

@preprocessor typescript

@{%
import moo from 'moo';
import * as b from './build.js';
import * as v from './vectors.js';
import * as m from './matrix.js';
import { once, TokenStream } from './tokens.js';
import { LATEX_RULES, refineLatex } from './latex-tokens.js';

export const lexer = new TokenStream(once(() => moo.compile(LATEX_RULES)), refineLatex);
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

# Unary minus binds looser than a product: `-2 x` is -(2x), `-x^2` is -(x^2).
Term       -> Product                       {% id %}
            | Entrywise                     {% id %}
            | %minus Term                   {% ([, t]) => b.negate(t) %}
            | %plus Term                    {% ([, t]) => t %}

# A reduction (`\sum`, every operator of src/core/reductions.ts), `\frac{\partial}{\partial x}`
# and an unparenthesised function head take the whole product to their right.
Product    -> Factors                       {% ([l]) => b.factors(l) %}
            | Factors Prefixed              {% ([l, p]) => b.factors(b.push(l, p)) %}
            | Factors %times Prefixed       {% ([l, , p]) => b.factors(b.push(l, p)) %}
            | Factors %slash Prefixed       {% ([l, , p]) => b.quotient(b.factors(l), p) %}
            | Prefixed                      {% id %}

Prefixed   -> %reduce Limits Product        {% ([r, h, body]) => b.reduction(r.value, h.indices, b.conditioned(r, h.cond, body), h.lower, h.upper) %}
            | %frac %lbrace %dOp %rbrace %lbrace %dOp Variable %rbrace Product
                                            {% ([, , op, , , , wrt, , body]) => b.derivative(body, wrt, 'operator', op.value === 'd' ? 'd' : 'partial') %}
            | %fnCmd Product                {% ([f, arg]) => b.apply(f.fn, arg, f.spelling) %}
            | %fnName Product               {% ([f, arg]) => b.apply(f.fn, arg, f.spelling) %}
            # Functions as textbooks write them (issue 9): `\sin^2 x` is (\sin x)^2.
            | %fnPow %caret Script Product  {% ([f, , s, arg]) => b.power(b.apply(f.fn, arg, f.spelling), s) %}
            # A function name with nothing to apply to is just a name: `\text{sigmoid}`.
            | %fnName                       {% ([f]) => b.varValue(b.parts(f.value)) %}
            # Derivative notation (issue 9): `\frac{\partial^2}{\partial x \partial y} f`, `\partial_x f`, `\partial_{w_{jk}} E`.
            | %frac %lbrace %dOp %caret Order %rbrace %lbrace Wrts %rbrace Product
                                            {% ([, , op, , , , , ws, , body]) => b.higherDerivative(body, ws, 'operator', op.value === 'd' ? 'd' : 'partial') %}
            | %dOp %underscore PartialSub Product
                                            {% ([, , wrt, body]) => b.derivative(body, wrt, 'operator', 'partial') %}
            # The gradient (issue 9): `\nabla_w L`, `\nabla_{\mathbf{w}} E` is one entry, `\frac{\partial L}{\partial w_j}`.
            | %nabla %underscore PartialSub Product
                                            {% ([t, , wrt, body]) => b.gradient(t, body, wrt) %}

Factors    -> Unit                          {% ([u]) => b.list(u) %}
            | Factors Unit                  {% ([l, u]) => b.push(l, u) %}
            | Factors %times Unit           {% ([l, , u]) => b.push(l, u) %}
            | Factors %slash Unit           {% ([l, , u]) => b.list(b.quotient(b.factors(l), u)) %}

Unit       -> Atom                          {% id %}
            | Atom %caret Script            {% ([a, , s]) => b.power(a, s) %}
            | %expE %caret Script           {% ([, , s]) => b.apply('exp', s, 'e^') %}
            # Functions as textbooks write them (issue 9): `\tanh^2(z)` is (\tanh(z))^2.
            | %fnPowApplied %caret Script %lparen Sum %rparen
                                            {% ([f, , s, , arg]) => b.power(b.apply(f.fn, arg, f.spelling), s) %}

Script     -> %lbrace Sum %rbrace           {% ([, s]) => s %}
            | %int                          {% ([t]) => b.constant(t.value) %}
            | VarName                       {% ([n]) => b.varValue(b.parts(n)) %}

Atom       -> Variable                      {% ([v]) => b.varValue(v) %}
            | %int                          {% ([t]) => b.constant(t.value) %}
            | %num                          {% ([t]) => b.constant(t.value) %}
            | Group                         {% id %}
            | Group %primes                 {% ([g, p]) => b.primeOf(g, Number(p.value), p.text.startsWith('^') ? '^\\prime' : "'") %}
            | %lbrack Bracketed             {% ([, x]) => x %}
            | %frac Fraction                {% ([, f]) => f %}
            | %sqrt %lbrace Sum %rbrace     {% ([, , s]) => b.apply('sqrt', s) %}
            | %fnApplied %lparen Sum %rparen
                                            {% ([f, , s]) => b.apply(f.fn, s, f.spelling) %}
            # Functions as textbooks write them (issue 9): `\sqrt[3]{x}`.
            | %root %lbrace Sum %rbrace     {% ([f, , s]) => b.apply(f.fn, s, f.spelling) %}
            # Functions as textbooks write them (issue 9): `\max(a, b)`, `\min(a, b, c)`.
            | %fnMany %lparen Arguments %rparen
                                            {% ([f, , l]) => b.applyMany(f.fn, l, f.spelling) %}
            | %barOpen Sum %barClose        {% ([, s]) => b.apply('abs', s, '|') %}
            # Function definitions (issue 9): `f(2y)`, `f'(x)`, `L(w, b)` call a function defined in the input (a `userFn` token).
            | %userFn %lparen CallArgs %rparen
                                            {% ([f, , l]) => b.applyDefined(f, l) %}
            | %hash IndexVar                {% ([, i]) => b.count(i.name) %}

Group      -> %lparen Sum %rparen           {% ([, s]) => s %}
            | %lset Sum %rset               {% ([, s]) => s %}
            | %lbrace Sum %rbrace           {% ([, s]) => s %}

# `[ ]` around a relation is an Iverson bracket, around anything else a group.
Bracketed  -> Sum %rbrack                   {% id %}
            | Relation %rbrack              {% ([c]) => b.bracket(b.relation(c)) %}

Fraction   -> %lbrace Sum %rbrace %lbrace Sum %rbrace
                                            {% ([, n, , , d]) => b.quotient(n, d) %}
            | %lbrace %dOp Sum %rbrace %lbrace %dOp Variable %rbrace
                                            {% ([, op, body, , , , wrt]) => b.derivative(body, wrt, 'fraction', op.value === 'd' ? 'd' : 'partial') %}
            # Derivative notation (issue 9): `\frac{\partial^2 E}{\partial w_{jk}^2}`, `\frac{\partial^2 f}{\partial x_j \partial x_k}`.
            | %lbrace %dOp %caret Order Sum %rbrace %lbrace Wrts %rbrace
                                            {% ([, op, , , body, , , ws]) => b.higherDerivative(body, ws, 'fraction', op.value === 'd' ? 'd' : 'partial') %}

# A prime belongs to the name, before or after the subscript: `w'_{jk}`, `w_{jk}'`.
# (The suffix is its own rule so that it is only predicted after a name.)
Variable   -> VarName                       {% ([n]) => b.parts(n) %}
            | VarName VarSuffix             {% ([n, s]) => b.parts(n, s.primes, s.indices, s.comma, s.sup ?? null) %}
VarSuffix  -> %primes                       {% ([p]) => ({ primes: Number(p.value), indices: [], comma: false }) %}
            | Subscript                     {% ([s]) => ({ primes: 0, indices: s.indices, comma: s.comma }) %}
            | %primes Subscript             {% ([p, s]) => ({ primes: Number(p.value), indices: s.indices, comma: s.comma }) %}
            | Subscript %primes             {% ([s, p]) => ({ primes: Number(p.value), indices: s.indices, comma: s.comma }) %}
            | %primes Subscript %primes     {% ([p, s, q]) => ({ primes: Number(p.value) + Number(q.value), indices: s.indices, comma: s.comma }) %}
            # Superscript indices: `x^{(i)}`, `y^{(n)}_k`, `a_j^{[l]}` (the token pass makes `^{(i)}` one
            # `supIndex` token, its value the bracket). The superscript index is the first slot.
            | %supIndex                     {% ([u]) => ({ primes: 0, indices: [u.index], comma: false, sup: u.value }) %}
            | %supIndex Subscript           {% ([u, s]) => ({ primes: 0, indices: [u.index, ...s.indices], comma: s.comma, sup: u.value }) %}
            | Subscript %supIndex           {% ([s, u]) => ({ primes: 0, indices: [u.index, ...s.indices], comma: s.comma, sup: u.value }) %}

VarName    -> %letter                       {% ([t]) => t.value %}
            | %greek                        {% ([t]) => t.value %}
            | %name                         {% ([t]) => t.value %}

# Decorated names (issue 9): `\hat{y}`, `\mathbf{x}`, `\boldsymbol{\theta}`, `\hat{\bar{x}}` are one
# `decorated` token (src/parse/latex-tokens.ts, `decoratedNames`); they take primes and indices as names do.
VarName    -> %decorated                    {% ([t]) => b.marked(t.value, t.marks, t.label) %}

# Unbraced, a subscript is one token, as in TeX: in `o_j'` the prime belongs to `o`, not to `j`.
Subscript  -> %underscore %letter           {% ([, t]) => ({ indices: [b.indexVar(t.value, null)], comma: false }) %}
            | %underscore %greek            {% ([, t]) => ({ indices: [b.indexVar(t.value, null)], comma: false }) %}
            | %underscore %int              {% ([, t]) => ({ indices: b.digits(t.value), comma: false }) %}
            | %underscore %lbrace IndexRun %rbrace
                                            {% ([, , l]) => ({ indices: b.toArray(l).flat(), comma: false }) %}
            | %underscore %lbrace IndexList %rbrace
                                            {% ([, , l]) => ({ indices: b.toArray(l), comma: true }) %}

# `w_{jk}`, `w_{12}`, `x_{i+1}`: letters and digits are separate indices; a braced number is one
# index, `x_{{10}}` (renders as x_{10}; the printers write a multi-digit index so, docs/notation.md).
IndexRun   -> RunItem                       {% ([i]) => b.list(i) %}
            | IndexRun RunItem              {% ([l, i]) => b.push(l, i) %}
RunItem    -> Index                         {% ([i]) => [i] %}
            | %int                          {% ([t]) => b.digits(t.value) %}
            | %lbrace %int %rbrace          {% ([, t]) => [b.wholeIndex(t.value)] %}

# `w_{j,k}`, `w_{10,2}`: comma-separated, a number is one index.
IndexList  -> ListItem %comma ListItem      {% ([i, , j]) => b.push(b.list(i), j) %}
            | IndexList %comma ListItem     {% ([l, , j]) => b.push(l, j) %}
ListItem   -> Index                         {% id %}
            | %int                          {% ([t]) => b.wholeIndex(t.value) %}

Index      -> IndexVar                      {% id %}
            | IndexVar %plus %int           {% ([i, , n]) => b.indexVar(i.name, null, 1, n.value) %}
            | IndexVar %minus %int          {% ([i, , n]) => b.indexVar(i.name, null, -1, n.value) %}

# Index arithmetic (issue 9): `x_{i+k}`, `x_{i-j}`, `x_{i+k-1}`, `I_{i+m,j+n}` — two or more index
# variables added or subtracted, then integers; a coefficient (`x_{2i+k}`) is refused by a token pass
# (src/parse/index-arithmetic.ts).
Index      -> IndexSum                      {% id %}
IndexSum   -> IndexVar IndexSign IndexVar   {% ([i, s, j]) => b.indexPlus(i, s, j) %}
            | IndexSum IndexSign IndexVar   {% ([l, s, j]) => b.indexPlus(l, s, j) %}
            | IndexSum IndexSign %int       {% ([l, s, n]) => b.indexPlus(l, s, b.wholeIndex(n.value)) %}
IndexSign  -> %plus                         {% id %}
            | %minus                        {% id %}

IndexVar   -> %letter                       {% ([t]) => b.indexVar(t.value, null) %}
            | %greek                        {% ([t]) => b.indexVar(t.value, null) %}
            | %letter %primes               {% ([t, p]) => b.indexVar(t.value, "'".repeat(Number(p.value))) %}

# A reduction's limits: `\sum_j`, `\sum_{j}`, `\sum_{j=1}^{n}`, `\sum^{n}_{j=1}`, `\sum_{j,k}`.
Limits     -> Below                         {% id %}
            | Below %caret Bound            {% ([s, , u]) => ({ ...s, upper: u }) %}
            | %caret Bound Below            {% ([, u, s]) => ({ ...s, upper: u }) %}

Below      -> %underscore IndexVar          {% ([, i]) => ({ indices: [i.name], lower: null, upper: null }) %}
            | %underscore %lbrace IndexVar %rbrace
                                            {% ([, , i]) => ({ indices: [i.name], lower: null, upper: null }) %}
            | %underscore %lbrace IndexVar %eq ListItem %rbrace
                                            {% ([, , i, , lo]) => ({ indices: [i.name], lower: lo, upper: null }) %}
            | %underscore %lbrace Binders %rbrace
                                            {% ([, , l]) => ({ indices: b.names(l), lower: null, upper: null }) %}
            # Conditions under a reduction (issue 9): `\sum_{i \ne j}`, `\sum_{j=1, j \ne i}^{n}`, `\sum_{i < j}`.
            | %underscore %lbrace IndexVar %rel CondSide %rbrace
                                            {% ([, , i, op, y]) => ({ indices: [i.name], lower: null, upper: null, cond: b.condition(i, i, op, y) }) %}
            | %underscore %lbrace IndexVar %eq ListItem %comma IndexVar %rel CondSide %rbrace
                                            {% ([, , i, , lo, , j, op, y]) => ({ indices: [i.name], lower: lo, upper: null, cond: b.condition(i, j, op, y) }) %}
CondSide   -> IndexVar                      {% id %}
            | %int                          {% ([t]) => b.wholeIndex(t.value) %}
Binders    -> IndexVar %comma IndexVar      {% ([i, , j]) => b.push(b.list(i), j) %}
            | Binders %comma IndexVar       {% ([l, , j]) => b.push(l, j) %}

Bound      -> IndexVar                      {% id %}
            | %int                          {% ([t]) => b.wholeIndex(t.value) %}
            | %lbrace ListItem %rbrace      {% ([, i]) => i %}

# Functions as textbooks write them (issue 9): the arguments of `\max(a, b, …)`, two or more.
Arguments  -> Sum %comma Sum                {% ([x, , y]) => b.push(b.list(x), y) %}
            | Arguments %comma Sum          {% ([l, , y]) => b.push(l, y) %}

# Derivative notation (issue 9). The token pass `derivativeOrders` checks that the orders in the
# denominator add up to the numerator's; here an order is only a number.
Order      -> %int                          {% id %}
            | %lbrace %int %rbrace          {% ([, n]) => n %}
Wrts       -> Wrt                           {% ([w]) => b.list(w) %}
            | Wrts Wrt                      {% ([l, w]) => b.push(l, w) %}
Wrt        -> %dOp Variable                 {% ([, v]) => ({ wrt: v, order: 1 }) %}
            | %dOp Variable %caret Order    {% ([, v, , n]) => ({ wrt: v, order: Number(n.value) }) %}
# `\partial_x`, `\partial_\theta`, `\partial_{w_{jk}}`: the subscript is the variable.
PartialSub -> %letter                       {% ([t]) => b.parts(t.value) %}
            | %greek                        {% ([t]) => b.parts(t.value) %}
            | %lbrace Variable %rbrace      {% ([, v]) => v %}

# ---------------------------------------------------------------------------
# Norms, inner products, softmax and trace (issue 9): src/parse/vectors.ts reads them, by one rule
# (each name inside gets the bound index as a new last slot). `\|x\|^2` is one rule of its own, so
# that the square of a norm is the sum of squares, not the square of a square root.
Unit       -> Norm                          {% ([n]) => v.norm(n, null) %}
            | Norm %caret Script            {% ([n, , s]) => v.norm(n, s) %}
Norm       -> %normOpen Sum %normClose      {% ([o, s]) => ({ at: o, arg: s, kind: '2' }) %}
            | %normOpen Sum %normClose %normSub
                                            {% ([o, s, , k]) => ({ at: o, arg: s, kind: k.value }) %}
Atom       -> %angleOpen Sum %comma Sum %angleClose
                                            {% ([o, a, , c]) => v.inner(o, a, c) %}
            | %softmax %lparen Sum %rparen Subscript
                                            {% ([o, , s, , sub]) => v.softmax(o, s, sub.indices) %}
            | %trace %lparen Sum %rparen    {% ([o, , x]) => v.trace(o, x) %}

# Functions as textbooks write them (issue 9): `\log_b x` is \frac{\log x}{\log b}; `\sqrt[n]{x}` is x^{1/n}.
Prefixed   -> %logBase %underscore Script Product
                                            {% ([f, , base, arg]) => b.quotient(b.apply('log', arg, f.spelling), b.apply('log', base, f.spelling)) %}
Atom       -> %rootN %lbrack Sum %rbrack %lbrace Sum %rbrace
                                            {% ([, , n, , , x]) => b.power(x, b.quotient(b.constant('1'), n)) %}
# Function definitions (issue 9): the arguments of a user-defined function's call, one or more.
CallArgs   -> Sum                           {% ([x]) => b.list(x) %}
            | Arguments                     {% id %}

# Evaluation bars (issue 9): `\left. f \right|_{x=a}` is f with x replaced by a.
Atom       -> %evalOpen Sum %evalClose %underscore %lbrace Variable %eq Sum %rbrace
                                            {% ([o, f, , , , x, , a]) => b.evaluatedAt(o, f, x, a) %}

# ---------------------------------------------------------------------------
# Matrix notation (issue 11): src/parse/matrix.ts reads it into index form. `\odot`, `\oslash` and
# `\otimes` bind less tightly than a matrix product (`\mathbf{x} \odot W\mathbf{y}` is x ⊙ (Wy)) and
# more tightly than `+`; a transpose (one `transpose` token, src/parse/matrix-tokens.ts) is postfix.
Entrywise  -> Product %hadamard Product     {% ([l, o, r]) => m.entrywise(o, l, r) %}
            | Entrywise %hadamard Product   {% ([l, o, r]) => m.entrywise(o, l, r) %}
Unit       -> Atom %transpose               {% ([a, t]) => m.transpose(t, a) %}
# The determinant: `\det(X)` is an atom, `\det X` takes the product to its right as a function head does.
Atom       -> %ones                         {% ([t]) => m.ones(t) %}
            | %detApplied %lparen Sum %rparen
                                            {% ([t, , x]) => m.det(t, x) %}
            | %diag %lparen Sum %rparen     {% ([t, , x]) => m.diag(t, x) %}
Prefixed   -> %det Product                  {% ([t, x]) => m.det(t, x) %}
# An entry of an inverse in index notation, as the printers write it: `(X^{-1})_{ab}`.
Atom       -> %lparen VarName %caret %lbrace %minus %int %rbrace %rparen Subscript
                                            {% ([o, n, , , , one, , , s]) => m.inverseEntry(o, b.varValue(b.parts(n)), s.indices, one) %}

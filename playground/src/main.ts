// The page: fields ↔ state ↔ URL hash; derivations in a worker (session.ts) whose answers are
// rendered with KaTeX. Nothing here throws into the console: failures are shown on the page.

import katex from 'katex';
import { EXAMPLES, FIRST_VISIT } from './examples.js';
import { pieces } from './latex-text.js';
import type { CodeKind, Derived, Evaluated, Failure, Request, Response } from './protocol.js';
import { type Outcome, Session, type WorkerLike } from './session.js';
import { decodeState, encodeState, problemOf, sameProblem, type State } from './state.js';

/** The bundled worker's code (scripts/playground.mjs): started from a Blob URL, so the page works from file://. */
declare const __WORKER_SOURCE__: string;
/** A derivation that runs longer than this is stopped (the worker restarted); `?timeout=ms` in the page's URL sets it. */
const TIMEOUT_MS = Number(new URLSearchParams(location.search).get('timeout')) || 10_000;
const DEBOUNCE_MS = 120;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const fields = {
  formula: $<HTMLTextAreaElement>('formula'),
  where: $<HTMLTextAreaElement>('where'),
  wrt: $<HTMLInputElement>('wrt'),
  lang: $<HTMLSelectElement>('lang'),
  detail: $<HTMLSelectElement>('detail'),
  form: $<HTMLSelectElement>('form'),
  fold: $<HTMLInputElement>('fold'),
  code: $<HTMLSelectElement>('code-kind'),
};

const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));
const newSession = () => new Session<Request, Response>(
  () => new Worker(workerUrl) as unknown as WorkerLike,
  TIMEOUT_MS,
  { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as number) },
);
/** Derivations, and evaluations in a worker of their own: neither replaces the other's waiting request. */
const session = newSession();
const evalSession = newSession();

let state: State = decodeState(location.hash) ?? FIRST_VISIT;
let derived: Derived | null = null;
let evalSeed = 0;
let firstRender = true;

function math(latex: string, el: HTMLElement, displayMode: boolean): void {
  katex.render(latex, el, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
}

function richText(source: string, el: HTMLElement): void {
  el.replaceChildren(...pieces(source).map((p) => {
    if (!p.math) return document.createTextNode(p.text);
    const span = document.createElement('span');
    math(p.text, span, false);
    return span;
  }));
}

function readFields(): State {
  return {
    formula: fields.formula.value,
    where: fields.where.value,
    wrt: fields.wrt.value,
    lang: fields.lang.value as State['lang'],
    detail: fields.detail.value as State['detail'],
    form: fields.form.value as State['form'],
    fold: fields.fold.checked,
    code: fields.code.value as State['code'],
  };
}

function writeFields(s: State): void {
  fields.formula.value = s.formula;
  fields.where.value = s.where;
  fields.wrt.value = s.wrt;
  fields.lang.value = s.lang;
  fields.detail.value = s.detail;
  fields.form.value = s.form;
  fields.fold.checked = s.fold;
  fields.code.value = s.code;
}

function preview(): void {
  math(state.formula, $('preview'), true);
}

function status(text: string, bad = false): void {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('bad', bad);
}

function showError(f: Failure | null): void {
  const box = $('error');
  for (const el of [fields.formula, fields.where, fields.wrt]) el.removeAttribute('aria-invalid');
  if (f === null) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const fieldName = f.field === null ? '' : f.field === 'formula' ? '' : f.field === 'where' ? 'in the definitions: ' : 'in the variable: ';
  $('error-message').textContent = `${fieldName}${f.message}${f.offset === null ? '' : ` (${f.line}:${f.column})`}`;
  const caret = $('error-caret');
  caret.replaceChildren();
  const go = $<HTMLButtonElement>('error-go');
  go.hidden = f.field === null || f.offset === null;
  if (f.field === null || f.offset === null) return;
  const input = fields[f.field];
  const { offset, length } = f;
  go.onclick = () => {
    input.focus();
    input.setSelectionRange(offset, offset + Math.max(length, 0));
  };
  input.setAttribute('aria-invalid', 'true');
  const text = input.value.split(/\r?\n/)[f.line - 1] ?? '';
  const start = f.column - 1;
  const width = Math.max(1, Math.min(f.length, text.length - start));
  const mark = document.createElement('mark');
  mark.textContent = text.slice(start, start + width) || ' ';
  const marker = document.createElement('span');
  marker.className = 'marker';
  marker.textContent = `${' '.repeat(start)}${'^'.repeat(width)}`;
  caret.append(text.slice(0, start), mark, text.slice(start + width), '\n', marker);
}

function showDerived(d: Derived): void {
  derived = d;
  $('eval-out').replaceChildren();
  const result = $('result');
  result.dataset.latex = d.latex;
  math(d.latex, result, true);
  const formEl = $('result-form');
  formEl.replaceChildren();
  if (d.form !== null) {
    if (d.form.note !== null) formEl.append(Object.assign(document.createElement('p'), { textContent: `note: ${d.form.note}` }));
    if (d.form.form === 'matrix') {
      const div = document.createElement('div');
      math(d.form.lines.join(' '), div, true);
      div.dataset.latex = d.form.lines.join('\n');
      formEl.append(div);
    } else {
      formEl.append(Object.assign(document.createElement('pre'), { textContent: d.form.lines.join('\n'), className: 'code' }));
    }
  }
  const verb = d.mode === 'derive' ? 'derived' : 'simplified';
  status(`${verb} in ${Math.round(d.millis)} ms; ${d.check.ok ? `all ${d.check.steps} steps checked numerically` : 'the numeric check FAILED'}`, !d.check.ok);

  const check = $('check');
  check.className = `check-summary ${d.check.ok ? 'ok' : 'bad'}`;
  check.textContent = d.check.ok
    ? `✓ every step checked: equal at random points for every index assignment (${d.check.steps} steps)`
    : `✗ the check failed: ${d.check.problems.join('; ') || 'see the rows marked ✗'}`;
  document.documentElement.lang = d.proof.lang === 'zh' ? 'zh-CN' : 'en';
  math(d.proof.chain, $('chain'), true);
  $('steps').replaceChildren(...d.proof.rows.map((r) => {
    const li = document.createElement('li');
    const head = document.createElement('div');
    const rule = Object.assign(document.createElement('span'), { className: 'rule' });
    richText(r.label, rule);
    const verdict = Object.assign(document.createElement('span'), {
      className: `verdict ${r.ok ? 'ok' : 'bad'}`,
      textContent: r.ok ? '✓ checked' : `✗ ${r.problems.join('; ')}`,
    });
    head.append(rule, verdict);
    const why = Object.assign(document.createElement('p'), { className: 'why' });
    richText(r.why, why);
    li.append(head, why);
    return li;
  }));
  showCode();
  if (firstRender) {
    firstRender = false;
    document.body.dataset.firstRender = String(Math.round(performance.now()));
  }
  document.body.dataset.ready = 'true';
}

/** No result for the current state: nothing of an earlier one stays on the page. */
function clearResult(): void {
  derived = null;
  const result = $('result');
  delete result.dataset.latex;
  for (const id of ['result', 'result-form', 'chain', 'steps', 'check', 'eval-out']) $(id).replaceChildren();
  showCode();
}

const FILES: Record<CodeKind, string> = { js: 'gradient.mjs', numpy: 'gradient_numpy.py', torch: 'gradient_torch.py' };

function showCode(): void {
  const code = $('code');
  const c = derived?.code[state.code];
  code.textContent = c === undefined ? '' : 'source' in c ? c.source : `# not available: ${c.error}`;
  ($<HTMLButtonElement>('download')).disabled = c === undefined || !('source' in c);
}

function showOutcome(o: Outcome<Response>, what: string): Response | null {
  if (o.kind === 'superseded') return null;
  if (o.kind === 'timeout') {
    status(`${what} stopped: it ran longer than ${o.ms / 1000} s (the worker was restarted). Try a smaller formula.`, true);
    document.body.dataset.ready = 'stopped';
    return null;
  }
  if (o.kind === 'crashed') {
    status(`${what} failed: ${o.message}`, true);
    document.body.dataset.ready = 'stopped';
    return null;
  }
  return o.response;
}

async function run(): Promise<void> {
  const problem = problemOf(state);
  status('deriving…');
  const outcome = await session.request({ kind: 'derive', problem });
  if (outcome.kind === 'superseded' || !sameProblem(problem, problemOf(state))) return;
  const r = showOutcome(outcome, 'The derivation');
  if (r === null) {
    clearResult();
    return;
  }
  if (!r.ok) {
    showError(r);
    clearResult();
    status('no result: see the error under the formula', true);
    document.body.dataset.ready = 'error';
    return;
  }
  if (r.kind !== 'derive') return;
  showError(null);
  showDerived(r);
}

let pending: ReturnType<typeof setTimeout> | undefined;
function changed(immediate = false): void {
  state = readFields();
  history.replaceState(null, '', encodeState(state));
  showExample();
  preview();
  // Until the answer to this state is shown (the browser test waits for it).
  delete document.body.dataset.ready;
  clearTimeout(pending);
  if (immediate) void run();
  else pending = setTimeout(() => void run(), DEBOUNCE_MS);
}

/** The example picker shows the example the fields hold, if they hold one. */
function showExample(): void {
  const i = EXAMPLES.findIndex((ex) => { const e = ex.state; return e.formula === state.formula && e.where === state.where && e.wrt === state.wrt && e.fold === state.fold && e.form === state.form; });
  $<HTMLSelectElement>('example').value = i < 0 ? '' : String(i);
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = Object.assign(document.createElement('textarea'), { value: text });
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function showEvaluated(e: Evaluated): void {
  const out = $('eval-out');
  const fmt = (v: number | readonly number[]) => (typeof v === 'number' ? v.toPrecision(6) : `[${v.map((x) => x.toPrecision(6)).join(', ')}]`);
  const table = document.createElement('table');
  const row = (cells: string[], header = false) => {
    const tr = document.createElement('tr');
    for (const c of cells) tr.append(Object.assign(document.createElement(header ? 'th' : 'td'), { textContent: c }));
    return tr;
  };
  table.append(row(['', 'indices', 'value (row-major)'], true));
  for (const i of e.inputs) table.append(row([i.name, i.slots.join(', '), fmt(i.value)]));
  table.append(row(['result', e.output.free.join(', '), fmt(e.output.value)]));
  const sizes = Object.entries(e.sizes).map(([k, v]) => `${k} = ${v}`).join(', ');
  out.replaceChildren(Object.assign(document.createElement('p'), { textContent: `sizes: ${sizes || 'none'}; ran in ${e.millis.toFixed(1)} ms` }), table);
}

function wire(): void {
  const select = $<HTMLSelectElement>('example');
  select.append(
    Object.assign(document.createElement('option'), { value: '', textContent: '(your formula)' }),
    ...EXAMPLES.map((ex, i) => Object.assign(document.createElement('option'), { value: String(i), textContent: ex.title })),
  );
  showExample();
  select.addEventListener('change', () => {
    const ex = EXAMPLES[Number(select.value)];
    if (select.value === '' || ex === undefined) return;
    // The example's problem, in the language and detail already chosen.
    writeFields({ ...ex.state, lang: state.lang, detail: state.detail, code: state.code });
    changed(true);
  });
  for (const el of [fields.formula, fields.where, fields.wrt]) el.addEventListener('input', () => changed());
  for (const el of [fields.lang, fields.detail, fields.form, fields.fold]) el.addEventListener('change', () => changed(true));
  fields.code.addEventListener('change', () => {
    state = readFields();
    history.replaceState(null, '', encodeState(state));
    showCode();
  });
  window.addEventListener('hashchange', () => {
    const s = decodeState(location.hash);
    if (s === null) return;
    writeFields(s);
    changed(true);
  });
  $('copy-latex').addEventListener('click', () => {
    const latex = $('result').dataset.latex;
    if (latex === undefined) return;
    void copyText(latex).then((ok) => status(ok ? 'LaTeX copied' : 'could not copy: select the result instead', !ok));
  });
  $('share').addEventListener('click', () => {
    const link = $<HTMLInputElement>('share-link');
    link.value = location.href;
    link.hidden = false;
    link.select();
    void copyText(location.href).then((ok) => status(ok ? 'share link copied' : 'copy the link from the field', !ok));
  });
  $('download').addEventListener('click', () => {
    const c = derived?.code[state.code];
    if (c === undefined || !('source' in c)) return;
    const a = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(new Blob([c.source], { type: 'text/plain' })), download: FILES[state.code],
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $('evaluate').addEventListener('click', () => {
    const problem = problemOf(state);
    $('eval-out').textContent = 'evaluating…';
    void evalSession.request({ kind: 'evaluate', problem, seed: ++evalSeed }).then((o) => {
      const r = showOutcome(o, 'The evaluation');
      if (r === null) return;
      if (!r.ok) $('eval-out').textContent = `cannot evaluate: ${r.message}`;
      else if (r.kind === 'evaluate') showEvaluated(r);
    });
  });
}

writeFields(state);
wire();
preview();
void run();

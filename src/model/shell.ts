import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type Node as TsNode, type Tree } from 'web-tree-sitter';
import { afterBackquoteComments, blankBackquoteComments } from './backquote-comments.js';
import { blankContinuations } from './shell-text.js';
import type { ShellBody, ShellCommand, SyntaxNode, Word } from './types.js';

let parser: Parser | null = null;

/**
 * The web-tree-sitter release the fast tree copy was written against. It calls that release's internal
 * WebAssembly exports, whose calling conventions change between patch releases (0.27.2 traps on them), so any
 * other release gets the public API. package.json pins this version exactly.
 */
export const FAST_COPY_RUNTIME = '0.27.1';

/** Set (to anything but empty) to copy trees through web-tree-sitter's public API only. */
export const PORTABLE_ENV = 'DOCKER_CODEMOD_PORTABLE_SHELL';

/** The installed web-tree-sitter's version, or null when its package.json cannot be read. */
function runtimeVersion(require: NodeJS.Require): string | null {
  try {
    const main = require.resolve('web-tree-sitter');
    const pkg = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as { name?: string; version?: string };
    return pkg.name === 'web-tree-sitter' && typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

/** Load the shell grammar once; every model function that reads RUN bodies needs it. */
export async function initShell(): Promise<void> {
  if (parser) return;
  const require = createRequire(import.meta.url);
  const module: Record<string, unknown> = {};
  await Parser.init(module);
  // Read in one call: Language.load(path) reads the 1.3 MB grammar in chunks through fs/promises.
  const bash = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
  const portable = Boolean(process.env[PORTABLE_ENV]) || runtimeVersion(require) !== FAST_COPY_RUNTIME;
  fastCopy = portable ? null : checkedFastCopy(module, p);
}

function getParser(): Parser {
  if (!parser) throw new Error('shell parser not initialised: await initShell() first');
  return parser;
}

/** Copy a tree-sitter tree into plain objects (file offsets), so the wasm tree can be freed at once. */
function copyTree(root: TsNode, base: number): SyntaxNode {
  const cursor = root.walk();
  const make = (): SyntaxNode => ({
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    field: cursor.currentFieldName,
    start: base + cursor.startIndex,
    end: base + cursor.endIndex,
    children: [],
  });
  const top = make();
  const stack = [top];
  // Depth-first walk with the cursor: cheaper than materialising Node objects.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node = make();
      stack[stack.length - 1].children.push(node);
      if (cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) {
          cursor.delete();
          return top;
        }
        stack.pop();
      }
    }
  }
  cursor.delete();
  return top;
}

/**
 * The cursor calls copyTree makes, straight to the grammar runtime's WebAssembly exports. web-tree-sitter's own
 * TreeCursor copies the cursor into and out of WebAssembly memory around every call (about half of copyTree's time);
 * these calls leave it in the runtime's transfer buffer, where the exports read and update it.
 */
interface CursorExports {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

type FastCopy = (root: TsNode, base: number) => SyntaxNode;
let fastCopy: FastCopy | null = null;

/** A cursor-level copy over the raw exports; null when the runtime does not expose them. */
function makeFastCopy(module: Record<string, unknown>): FastCopy | null {
  const names = ['_ts_init', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm',
    '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_current_node_type_id_wasm',
    '_ts_tree_cursor_current_node_is_named_wasm', '_ts_tree_cursor_current_field_id_wasm',
    '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm'];
  if (!names.every((n) => typeof module[n] === 'function') || !(module.HEAP32 instanceof Int32Array)) return null;
  const m = module as unknown as CursorExports;
  const slot = m._ts_init() >> 2;
  return (root, base) => {
    const cursor = root.walk() as unknown as { [i: number]: number; tree: Tree & { [0]: number }; delete(): void };
    const tree = cursor.tree[0];
    const { types, fields } = cursor.tree.language;
    let heap = m.HEAP32;
    for (let i = 0; i < 4; i++) heap[slot + i] = cursor[i];
    const make = (): SyntaxNode => ({
      type: types[m._ts_tree_cursor_current_node_type_id_wasm(tree)] || 'ERROR',
      named: m._ts_tree_cursor_current_node_is_named_wasm(tree) === 1,
      field: fields[m._ts_tree_cursor_current_field_id_wasm(tree)] as string | null,
      start: base + m._ts_tree_cursor_start_index_wasm(tree),
      end: base + m._ts_tree_cursor_end_index_wasm(tree),
      children: [],
    });
    const top = make();
    const stack = [top];
    if (m._ts_tree_cursor_goto_first_child_wasm(tree) === 1) {
      outer: for (;;) {
        const node = make();
        stack[stack.length - 1].children.push(node);
        if (m._ts_tree_cursor_goto_first_child_wasm(tree) === 1) {
          stack.push(node);
          continue;
        }
        while (m._ts_tree_cursor_goto_next_sibling_wasm(tree) !== 1) {
          if (m._ts_tree_cursor_goto_parent_wasm(tree) !== 1 || stack.length === 1) break outer;
          stack.pop();
        }
      }
    }
    // The walk may have grown WebAssembly memory, which replaces the heap view.
    heap = m.HEAP32;
    for (let i = 0; i < 4; i++) cursor[i] = heap[slot + i];
    cursor.delete();
    return top;
  };
}

/** The fast copy, if it gives exactly what the public API gives on a sample covering fields, anonymous nodes and errors. */
function checkedFastCopy(module: Record<string, unknown>, p: Parser): FastCopy | null {
  const fast = makeFastCopy(module);
  if (!fast) return null;
  const sample = `A=1 sudo -E apt-get install -y "a b" 'c' $(x | y) > /dev/null 2>&1 || { cd /t && [ -f z ]; }; if then fi`;
  const tree = p.parse(sample);
  if (!tree) return null;
  try {
    const same = JSON.stringify(fast(tree.rootNode, 7)) === JSON.stringify(copyTree(tree.rootNode, 7));
    return same ? fast : null;
  } catch {
    // A runtime whose exports work differently may trap (memory access out of bounds): use the public API.
    return null;
  } finally {
    tree.delete();
  }
}

interface ParsedShell {
  root: SyntaxNode;
  hasError: boolean;
  /** Offset of the text's first character (the root's start). */
  base: number;
}

/** Copy of a tree with every offset moved by `delta`. Iterative: long `&&` chains nest deeply. */
function shiftTree(root: SyntaxNode, delta: number): SyntaxNode {
  const copy = (n: SyntaxNode): SyntaxNode => ({ ...n, start: n.start + delta, end: n.end + delta, children: [] });
  const top = copy(root);
  const stack: Array<[SyntaxNode, SyntaxNode]> = [[root, top]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    for (const c of from.children) {
      const d = copy(c);
      to.children.push(d);
      if (c.children.length) stack.push([c, d]);
    }
  }
  return top;
}

/**
 * Shell parses of one file's successive passes. Most RUN bodies come out of a pass unchanged, often at the same
 * offset: their model is reused as it is, or their tree shifted, instead of parsing them again. Scoped to one file
 * so memory stays bounded and results never depend on other files.
 */
export class ShellCache {
  readonly trees = new Map<string, ParsedShell>();
  readonly bodies = new Map<string, ShellBody>();
}

/** True when trees are copied over the raw exports (the runtime passed the start-up check). */
export function fastCopyActive(): boolean {
  return fastCopy !== null;
}

/** parseShell through web-tree-sitter's public cursor API only, without cache: the reference the fast copy must match. */
export function parseShellPortable(text: string, base = 0): ParsedShell {
  const tree = getParser().parse(text);
  if (!tree) throw new Error('shell parser returned no tree');
  try {
    return { root: copyTree(tree.rootNode, base), hasError: tree.rootNode.hasError, base };
  } finally {
    tree.delete();
  }
}

/** Parse one line of shell; offsets of the result are `base + index`. */
export function parseShell(text: string, base = 0, cache?: ShellCache): ParsedShell {
  const hit = cache?.trees.get(text);
  if (hit) {
    if (hit.base === base) return hit;
    const moved = { root: shiftTree(hit.root, base - hit.base), hasError: hit.hasError, base };
    cache!.trees.set(text, moved);
    return moved;
  }
  const tree = getParser().parse(text);
  if (!tree) throw new Error('shell parser returned no tree');
  try {
    const parsed = { root: (fastCopy ?? copyTree)(tree.rootNode, base), hasError: tree.rootNode.hasError, base };
    cache?.trees.set(text, parsed);
    return parsed;
  } finally {
    tree.delete();
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Builtins whose effect outlives the command, or that may end the shell. */
const STATE_COMMANDS = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'umask', 'source', '.', 'alias', 'unalias',
  'trap', 'ulimit', 'exit', 'exec', 'eval', 'read', 'readonly', 'declare', 'typeset', 'local', 'getopts',
  'shift', 'enable', 'hash', 'return', 'logout', 'setopt', 'emulate', 'builtin',
]);

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

/** Static value of a word (quotes and escapes removed), or null when it depends on an expansion. */
function unquote(src: string, base: number, node: SyntaxNode): string | null {
  const text = src.slice(node.start - base, node.end - base);
  switch (node.type) {
    case 'word':
    case 'command_name':
      if (node.children.some((c) => c.named && c.type !== 'word')) return null;
      if (/[$`*?[]/.test(text)) return /[$`]/.test(text) ? null : text.replace(/\\(.)/g, '$1');
      return text.replace(/\\(.)/g, '$1');
    case 'number':
      return text;
    case 'raw_string':
      return text.slice(1, -1);
    case 'string':
      if (node.children.some((c) => c.named && c.type !== 'string_content')) return null;
      return text.slice(1, -1).replace(/\\([$`"\\])/g, '$1');
    case 'concatenation': {
      let v = '';
      for (const c of node.children) {
        const part = unquote(src, base, c);
        if (part === null) return null;
        v += part;
      }
      return v;
    }
    default:
      return null;
  }
}

function toWord(src: string, node: SyntaxNode, base: number): Word {
  const n = node.type === 'command_name' && node.children.length === 1 ? node.children[0] : node;
  return {
    raw: src.slice(n.start - base, n.end - base),
    value: unquote(src, base, n),
    start: n.start,
    end: n.end,
    node: n,
  };
}

const WRAPPER_ARGS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-r', '-t', '-U', '-D']),
  env: new Set(['-u', '-C', '-S']),
  xargs: new Set(['-n', '-I', '-P', '-d', '-L', '-a', '-E', '-s', '-i']),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n', '-p']),
  stdbuf: new Set(['-i', '-o', '-e']),
  timeout: new Set(['-s', '-k']),
  nohup: new Set(),
  time: new Set(),
  command: new Set(),
  exec: new Set(['-a']),
  eatmydata: new Set(),
};

/** Skip wrapper commands (`sudo -E`, `env A=b`, `xargs -r`, `timeout 60`) to the command they run. */
function effectiveCommand(name: Word, args: Word[]): { name: Word; args: Word[] } | null {
  let cur = name;
  let rest = args;
  for (let depth = 0; depth < 8; depth++) {
    const base = cur.value?.split('/').pop() ?? null;
    if (base === null || !(base in WRAPPER_ARGS)) return { name: cur, args: rest };
    const takesArg = WRAPPER_ARGS[base];
    let i = 0;
    while (i < rest.length) {
      const v = rest[i].value;
      if (v === null) return null;
      if (base === 'command' && (v === '-v' || v === '-V')) return null;
      if (v === '--') {
        i++;
        break;
      }
      if (v.startsWith('-') && v.length > 1) {
        i += takesArg.has(v) ? 2 : 1;
        continue;
      }
      if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        i++;
        continue;
      }
      if (base === 'timeout' && /^[0-9.]+[smhd]?$/.test(v)) {
        i++;
        break;
      }
      if (base === 'nice' && /^-?[0-9]+$/.test(v)) {
        i++;
        continue;
      }
      break;
    }
    if (i >= rest.length) return null;
    cur = rest[i];
    rest = rest.slice(i + 1);
  }
  return { name: cur, args: rest };
}

interface WalkContext {
  src: string;
  base: number;
  commands: ShellCommand[];
  stateChanges: string[];
  viaShellString: boolean;
  cache: ShellCache | undefined;
}

function commandFrom(ctx: WalkContext, node: SyntaxNode, contained: boolean): ShellCommand {
  const { src, base } = ctx;
  let name: Word | null = null;
  const args: Word[] = [];
  const assignments: Word[] = [];
  let prev: SyntaxNode | null = null;
  for (const c of node.children) {
    if (c.field === 'argument' && prev && prev.end === c.start) {
      // tree-sitter-bash cuts some words with several expansions in two (`a-$V-b-$V.tgz` → `a-$V-b-$`, `V.tgz`);
      // with nothing between them the shell reads one word.
      const joined: SyntaxNode = { type: 'concatenation', named: true, field: prev.field, start: prev.start, end: c.end, children: [prev, c] };
      if (args.length) args[args.length - 1] = toWord(src, joined, base);
      else name = toWord(src, joined, base);
      prev = joined;
      continue;
    }
    prev = c.field === 'name' || c.field === 'argument' ? c : null;
    if (c.field === 'name') name = toWord(src, c, base);
    else if (c.field === 'argument') args.push(toWord(src, c, base));
    else if (c.type === 'variable_assignment' && !name) assignments.push(toWord(src, c, base));
  }
  const effective = name ? effectiveCommand(name, args) : null;
  return { node, name, args, assignments, contained, viaShellString: ctx.viaShellString, effective };
}

function noteState(ctx: WalkContext, contained: boolean, what: string) {
  if (!contained && !ctx.stateChanges.includes(what)) ctx.stateChanges.push(what);
}

/** The string of `sh -c '…'`, when its content maps 1:1 to file offsets. */
function shellStringArg(cmd: ShellCommand): Word | null {
  const eff = cmd.effective;
  const base = eff?.name.value?.split('/').pop();
  if (!eff || !base || !SHELLS.has(base)) return null;
  for (let i = 0; i < eff.args.length; i++) {
    const v = eff.args[i].value;
    if (v === null) return null;
    if (!v.startsWith('-')) return null;
    if (/^-[a-z]*c[a-z]*$/.test(v)) {
      const s = eff.args[i + 1];
      if (!s) return null;
      if (s.node.type === 'raw_string') return s;
      if (s.node.type === 'string' && s.value !== null && !/[\\$`]/.test(s.raw)) return s;
      return null;
    }
  }
  return null;
}

/**
 * Collect commands and leaking state changes, depth first in source order. Iterative: tree-sitter-bash nests
 * `a && b && c` to the left, so a long chain is as deep as it has commands.
 */
function walk(ctx: WalkContext, root: SyntaxNode, rootContained: boolean): void {
  const stack: Array<[SyntaxNode, boolean]> = [[root, rootContained]];
  const push = (nodes: SyntaxNode[], contained: boolean) => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push([nodes[i], contained]);
  };
  while (stack.length) {
    const [node, contained] = stack.pop()!;
    switch (node.type) {
      case 'command': {
        const cmd = commandFrom(ctx, node, contained);
        ctx.commands.push(cmd);
        if (!cmd.name) {
          noteState(ctx, contained, 'assignment');
        } else if (cmd.name.value === null) {
          noteState(ctx, contained, 'dynamic command');
        } else {
          let n = cmd.name.value;
          if ((n === 'builtin' || n === 'command') && cmd.args[0]?.value) n = cmd.args[0].value;
          if (STATE_COMMANDS.has(n)) noteState(ctx, contained, n);
        }
        const str = shellStringArg(cmd);
        if (str) {
          const innerText = ctx.src.slice(str.start - ctx.base + 1, str.end - ctx.base - 1);
          const inner = parseShell(innerText, str.start + 1, ctx.cache);
          if (!inner.hasError) {
            walk({ ...ctx, src: innerText, base: str.start + 1, stateChanges: [], viaShellString: true }, inner.root, true);
          }
        }
        push(node.children.filter((c) => c.field === 'argument' || c.type === 'variable_assignment' || c.field === 'redirect'), true);
        continue;
      }
      case 'variable_assignment':
      case 'variable_assignments':
        noteState(ctx, contained, 'assignment');
        break;
      case 'declaration_command':
      case 'unset_command': {
        const kw = node.children.find((c) => !c.named);
        noteState(ctx, contained, kw ? ctx.src.slice(kw.start - ctx.base, kw.end - ctx.base) : node.type);
        push(node.children, true);
        continue;
      }
      case 'function_definition':
        noteState(ctx, contained, 'function');
        break;
      case 'heredoc_body':
        // Text a command reads (`cat > /x <<EOF`): data, even where an unquoted delimiter lets it expand.
        continue;
      case 'subshell':
      case 'command_substitution':
      case 'process_substitution':
        push(node.children, true);
        continue;
      case 'pipeline':
        push(node.children, contained || node.children.filter((c) => c.named).length > 1);
        continue;
    }
    push(node.children, contained);
  }
}

function onlyAnd(node: SyntaxNode): boolean {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'list') continue;
    for (const c of n.children) {
      if (c.named) stack.push(c);
      else if (c.type !== '&&') return false;
    }
  }
  return true;
}

/**
 * Build the shell model of a RUN body spanning `[start, end)` of the file text. With a cache, a body already
 * modelled at the same offset is returned as it was (models are never mutated).
 */
export function parseShellBody(fileText: string, start: number, end: number, escape: string, cache?: ShellCache): ShellBody {
  const raw = fileText.slice(start, end);
  const key = `${start}${escape}${raw}`;
  const known = cache?.bodies.get(key);
  if (known) return known;
  const body = buildShellBody(raw, start, end, escape, cache);
  cache?.bodies.set(key, body);
  return body;
}

/**
 * The shell model of a heredoc script (see heredoc-script.ts) spanning `[start, end)`: the text as the shell reads
 * it, line breaks and all. `chomp` (`<<-`): BuildKit strips each line's leading tabs first, which the model keeps;
 * a tab that would matter (inside a quoted string or a heredoc of the script, or after a line continuation) makes
 * the script one the model does not analyse.
 */
export function parseHeredocScript(fileText: string, start: number, end: number, chomp: boolean, problem: string | null, cache?: ShellCache): ShellBody {
  const raw = fileText.slice(start, end);
  const key = `heredoc${start}${chomp}${raw}`;
  const known = cache?.bodies.get(key);
  if (known) return known;
  const body = modelBody(raw, raw, start, end, problem, [], cache);
  if (chomp && body.ok) {
    const tabbed = chompProblem(raw, start, body.root);
    if (tabbed) Object.assign(body, { ok: false, problem: tabbed });
  }
  cache?.bodies.set(key, body);
  return body;
}

const TAB_SENSITIVE = new Set(['string', 'raw_string', 'ansi_c_string', 'translated_string', 'heredoc_body', 'word', 'concatenation']);

/** Why stripping the leading tabs of a `<<-` script's lines would change what the shell reads, or null. */
function chompProblem(raw: string, base: number, root: SyntaxNode): string | null {
  const tabbedLines: number[] = [];
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
    if (raw[i + 1] !== '\t') continue;
    if (/(^|[^\\])(\\\\)*\\$/.test(raw.slice(Math.max(0, i - 64), i))) return 'a line continuation in the <<- heredoc script is followed by tabs, which BuildKit strips';
    tabbedLines.push(base + i + 1);
  }
  if (tabbedLines.length === 0) return null;
  for (const n of preorder(root)) {
    if (TAB_SENSITIVE.has(n.type) && tabbedLines.some((p) => n.start <= p && p < n.end)) {
      return 'a quoted string or heredoc in the <<- heredoc script spans lines starting with tabs, which BuildKit strips';
    }
  }
  return null;
}

function buildShellBody(raw: string, start: number, end: number, escape: string, cache: ShellCache | undefined): ShellBody {
  const joined = blankContinuations(raw, escape);
  const { text, spans } = blankBackquoteComments(joined.text);
  return modelBody(raw, text, start, end, joined.problem, spans, cache);
}

/** The model of a body whose shell text (same length as `raw`) is `text`. */
function modelBody(raw: string, text: string, start: number, end: number, textProblem: string | null, spans: Array<[number, number]>, cache: ShellCache | undefined): ShellBody {
  const commentSubstitutions = spans.map(([s, e]): [number, number] => [start + s, start + e]);
  const parsed = parseShell(text, start, cache);
  const root = parsed.root;
  const ctx: WalkContext = { src: text, base: start, commands: [], stateChanges: [], viaShellString: false, cache };
  walk(ctx, root, false);
  const children = root.children;
  const statements = children.filter((c) => c.named && c.type !== 'comment');
  const last = children[children.length - 1];
  const trailingComment = last && last.type === 'comment' ? { start: last.start, end: last.end } : null;
  const code = children.filter((c) => c.type !== 'comment');
  const codeEnd = afterBackquoteComments(raw, start, commentSubstitutions, code.length ? code[code.length - 1].end : start);
  const terminators = children.filter((c) => !c.named);
  let problem = textProblem;
  if (parsed.hasError) problem = 'the RUN body does not parse as shell';
  else if (statements.length === 0) problem = 'the RUN body has no command';
  return {
    start,
    end,
    text,
    ok: problem === null,
    problem,
    root,
    commands: ctx.commands,
    statements,
    andList: statements.length === 1 && terminators.length === 0 && onlyAnd(statements[0]),
    trailingComment,
    codeEnd,
    commentSubstitutions,
    stateChanges: ctx.stateChanges,
  };
}

/**
 * Nodes of a tree in pre-order (a node, then its children in order), without recursion: `a && b && …` nests as deep
 * as it has commands. `descend(n)` false skips n's children.
 */
export function* preorder(root: SyntaxNode, descend: (n: SyntaxNode) => boolean = () => true): Generator<SyntaxNode> {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    if (!descend(n)) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

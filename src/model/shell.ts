import { createRequire } from 'node:module';
import { Language, Parser, type Node as TsNode } from 'web-tree-sitter';
import { blankContinuations } from './shell-text.js';
import type { ShellBody, ShellCommand, SyntaxNode, Word } from './types.js';

let parser: Parser | null = null;

/** Load the shell grammar once; every model function that reads RUN bodies needs it. */
export async function initShell(): Promise<void> {
  if (parser) return;
  const require = createRequire(import.meta.url);
  await Parser.init();
  const bash = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
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

interface ParsedShell {
  root: SyntaxNode;
  hasError: boolean;
}

/** Parse one line of shell; offsets of the result are `base + index`. */
export function parseShell(text: string, base = 0): ParsedShell {
  const tree = getParser().parse(text);
  if (!tree) throw new Error('shell parser returned no tree');
  try {
    return { root: copyTree(tree.rootNode, base), hasError: tree.rootNode.hasError };
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
}

function commandFrom(ctx: WalkContext, node: SyntaxNode, contained: boolean): ShellCommand {
  const { src, base } = ctx;
  let name: Word | null = null;
  const args: Word[] = [];
  const assignments: Word[] = [];
  for (const c of node.children) {
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
          const inner = parseShell(innerText, str.start + 1);
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

/** Build the shell model of a RUN body spanning `[start, end)` of the file text. */
export function parseShellBody(fileText: string, start: number, end: number, escape: string): ShellBody {
  const raw = fileText.slice(start, end);
  const { text, problem: textProblem } = blankContinuations(raw, escape);
  const parsed = parseShell(text, start);
  const root = parsed.root;
  const ctx: WalkContext = { src: text, base: start, commands: [], stateChanges: [], viaShellString: false };
  walk(ctx, root, false);
  const children = root.children;
  const statements = children.filter((c) => c.named && c.type !== 'comment');
  const last = children[children.length - 1];
  const trailingComment = last && last.type === 'comment' ? { start: last.start, end: last.end } : null;
  const code = children.filter((c) => c.type !== 'comment');
  const codeEnd = code.length ? code[code.length - 1].end : start;
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
    stateChanges: ctx.stateChanges,
  };
}

import { heredocRun, type HeredocRun } from './heredoc-script.js';
import { parseHeredocScript, parseShellBody, type ShellCache } from './shell.js';
import type { SyntaxInstruction } from './syntax.js';
import { astSyntax } from './syntax-ast.js';
import { scanSyntax } from './syntax-scan.js';
import { detectStyle } from './style.js';
import type { Arg, Comment, Directive, Flag, Instruction, Model, ShellBody, Stage, State, Style } from './types.js';
import { expandVars, resolvePath } from './vars.js';

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const WINDOWS_IMAGE = /(^|[/:_-])(windows|windowsservercore|servercore|nanoserver)([/:_-]|$)|^mcr\.microsoft\.com\/(windows|dotnet\/framework)/i;

/** Line-start table for offset ↔ position conversions. */
class Lines {
  readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function isPosixShell(shell: string[], windows: boolean): boolean {
  if (windows || shell.length === 0) return false;
  const base = shell[0].split('/').pop()!.toLowerCase();
  if (base === 'busybox' || base === 'env') return POSIX_SHELLS.has((shell[1] ?? '').split('/').pop()!);
  return POSIX_SHELLS.has(base);
}

class InstructionNode implements Instruction {
  index = 0;
  keyword = '';
  name = '';
  start = 0;
  end = 0;
  lineStart = 0;
  line = 0;
  flags: Flag[] = [];
  argsStart = 0;
  argsEnd = 0;
  json = false;
  heredoc = false;
  trigger: Instruction | null = null;
  stage: Stage | null = null;
  state!: State;
  private shellCache: ShellBody | null | undefined;
  private heredocCache: HeredocRun | undefined;
  private argsCache: Arg[] | undefined;
  /** Computes `args` on first access: few instructions need their words split. */
  argsSource: (() => Arg[]) | null = null;
  /** ENV/ARG name/value pairs, from the syntax layer. */
  properties: () => Array<{ name: string; value: string | null }> = () => [];

  get args(): Arg[] {
    if (this.argsCache === undefined) {
      this.argsCache = this.argsSource ? this.argsSource() : [];
      this.argsSource = null;
    }
    return this.argsCache;
  }

  constructor(
    private readonly text: string,
    private readonly escape: string,
    private readonly cache: ShellCache | undefined,
  ) {}

  get shell(): ShellBody | null {
    if (this.shellCache === undefined) {
      const runs = this.name === 'RUN' && !this.json && this.state.posix;
      const script = runs && this.heredoc ? this.heredocRun() : null;
      if (script) {
        this.shellCache = script.kind === 'script'
          ? parseHeredocScript(this.text, script.start, script.end, script.chomp, script.problem, this.cache)
          : null;
      } else {
        this.shellCache = runs && this.argsEnd > this.argsStart
          ? parseShellBody(this.text, this.argsStart, this.argsEnd, this.escape, this.cache)
          : null;
      }
    }
    return this.shellCache;
  }

  get heredocData(): string | null {
    const h = this.name === 'RUN' && this.heredoc && !this.json ? this.heredocRun() : null;
    return h?.kind === 'data' ? h.reason : null;
  }

  private heredocRun(): HeredocRun {
    return (this.heredocCache ??= heredocRun(this.text, this.argsStart, this.end));
  }
}

function buildInstruction(syn: SyntaxInstruction, text: string, escape: string, lines: Lines, cache: ShellCache | undefined): InstructionNode {
  const ins = new InstructionNode(text, escape, cache);
  ins.start = syn.start;
  ins.end = syn.end;
  ins.keyword = syn.keyword;
  ins.name = syn.keyword.toUpperCase();
  ins.line = lines.lineOf(syn.start);
  ins.lineStart = lines.starts[ins.line - 1];
  ins.flags = syn.flags;
  ins.argsStart = syn.argsStart;
  ins.argsEnd = syn.argsEnd;
  ins.json = syn.json;
  ins.heredoc = syn.heredoc;
  ins.argsSource = syn.args;
  ins.properties = syn.properties;
  if (syn.trigger) ins.trigger = buildInstruction(syn.trigger, text, escape, lines, cache);
  return ins;
}

/** An empty variable table: no prototype, so names like `constructor` are not found in it. */
function noVars(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

function initialState(base: Stage | null, windows: boolean, endStates: Map<Stage, State>): State {
  if (base) {
    const s = endStates.get(base)!;
    return { ...s, shell: [...s.shell] };
  }
  const shell = windows ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
  return { shell, posix: !windows, workdir: '/', vars: noVars(), user: null };
}

function applyInstruction(ins: InstructionNode, state: State, globals: Record<string, string>, windows: boolean): void {
  switch (ins.name) {
    case 'SHELL':
      if (ins.json) {
        state.shell = ins.args.map((x) => x.value);
        state.posix = isPosixShell(state.shell, windows);
      }
      break;
    case 'WORKDIR': {
      const raw = ins.args.map((x) => x.value).join(' ');
      state.workdir = resolvePath(state.workdir, expandVars(raw, state.vars));
      break;
    }
    // Earlier instructions' states hold the vars object: extend it (see State.vars), never change it.
    case 'ENV': {
      const vars = Object.create(state.vars) as Record<string, string>;
      // Every value is expanded against the variables before the instruction, as Docker does.
      for (const p of ins.properties()) vars[p.name] = expandVars(p.value ?? '', state.vars);
      state.vars = vars;
      break;
    }
    case 'ARG': {
      const p = ins.properties()[0];
      if (p) {
        const vars = Object.create(state.vars) as Record<string, string>;
        vars[p.name] = p.value !== null ? expandVars(p.value, state.vars) : state.vars[p.name] ?? globals[p.name] ?? '';
        state.vars = vars;
      }
      break;
    }
    case 'USER':
      state.user = expandVars(ins.args.map((x) => x.value).join(' '), state.vars) || null;
      break;
  }
}

/**
 * Parse a Dockerfile (without BOM) into the model transforms read. Successive parses of one file's passes may share
 * a ShellCache so unchanged RUN bodies are not parsed again.
 */
export function parseDockerfile(text: string, cache?: ShellCache): Model {
  const syntax = scanSyntax(text) ?? astSyntax(text);
  const lines = new Lines(text);
  const escape = syntax.escape;
  const directives: Directive[] = [];
  const comments: Comment[] = [...syntax.comments];
  for (const { name, value, start, end } of syntax.directives) {
    // BuildKit knows these directives; any other `# key=value` line at the top is a comment.
    if (/^(syntax|escape|check)$/i.test(name)) directives.push({ name, value, start, end });
    else {
      const lineEnd = text.indexOf('\n', start);
      const raw = text.slice(lines.starts[lines.lineOf(start) - 1], lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
      comments.push({ start, end, content: raw.replace(/^[ \t]*#[ \t]*/, '').trimEnd() });
    }
  }
  comments.sort((a, b) => a.start - b.start);

  const instructions = syntax.instructions.map((syn) => buildInstruction(syn, text, escape, lines, cache));
  const stages: Stage[] = [];
  const globals = noVars();
  const endStates = new Map<Stage, State>();
  // The first stage of each name (looking each FROM up in a list made 10,000 stages quadratic).
  const stageNamed = new Map<string, Stage>();
  let state: State = { shell: ['/bin/sh', '-c'], posix: true, workdir: '/', vars: noVars(), user: null };
  let stage: Stage | null = null;

  instructions.forEach((ins, i) => {
    ins.index = i;
    if (ins.name === 'FROM') {
      if (stage) endStates.set(stage, state);
      const words = ins.args.map((x) => x.value);
      const image = words[0] ?? '';
      const resolvedImage = expandVars(image, globals);
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : null;
      const baseStage = stageNamed.get(resolvedImage.toLowerCase()) ?? null;
      const windows = baseStage ? baseStage.windows : WINDOWS_IMAGE.test(resolvedImage);
      stage = {
        index: stages.length, name, image, resolvedImage, baseStage, from: ins, instructions: [],
        final: false, inFinalImage: false, usedBy: [], windows,
      };
      stages.push(stage);
      if (name !== null && !stageNamed.has(name)) stageNamed.set(name, stage);
      state = initialState(baseStage, windows, endStates);
      if (baseStage) baseStage.usedBy.push(stage.index);
    }
    ins.stage = stage;
    // A snapshot: vars and shell are replaced, never changed, when an instruction sets them.
    ins.state = { ...state };
    if (ins.trigger) {
      ins.trigger.stage = stage;
      ins.trigger.state = ins.state;
    }
    if (stage) {
      stage.instructions.push(ins);
      applyInstruction(ins, state, globals, stage.windows);
    } else if (ins.name === 'ARG') {
      const p = ins.properties()[0];
      if (p) globals[p.name] = expandVars(p.value ?? '', globals);
    }
  });

  for (const s of stages) {
    for (const ins of s.instructions) {
      for (const f of ins.flags) {
        let ref: string | null = null;
        if (f.name.toLowerCase() === 'from' && (ins.name === 'COPY' || ins.name === 'ADD')) ref = f.value;
        if (f.name.toLowerCase() === 'mount' && f.value) ref = /(?:^|,)from=([^,]+)/.exec(f.value)?.[1] ?? null;
        if (!ref) continue;
        const r = ref.toLowerCase();
        const used = stages.find((t) => t.index < s.index && (t.name === r || String(t.index) === r));
        if (used && !used.usedBy.includes(s.index)) used.usedBy.push(s.index);
      }
    }
  }
  if (stages.length) {
    const last = stages[stages.length - 1];
    last.final = true;
    for (let s: Stage | null = last; s; s = s.baseStage) s.inFinalImage = true;
  }

  let style: Style | undefined;
  return {
    text,
    escape,
    directives,
    comments,
    instructions,
    stages,
    // Read only by transforms that write text: a pass that changes nothing never needs it.
    get style() {
      return (style ??= detectStyle(text, escape, instructions));
    },
    lineOf: (offset: number) => lines.lineOf(offset),
  };
}

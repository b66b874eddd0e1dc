import type { Edit } from '../../src/edits.js';
import { afterBackquoteComments } from '../../src/model/backquote-comments.js';
import { continuation } from '../../src/model/style.js';
import { appendToScript } from './heredoc-append.js';
import { ownContinuation } from './run-continuation.js';
import type { Instruction, Model, ShellCommand, Stage, Word } from '../../src/model/types.js';
import type { Skip } from '../../src/transform-types.js';

// ---------------------------------------------------------------------------------------------------------
// Recognising package-manager commands

export type Tool =
  | 'apt-get' | 'apt' | 'apt-cache' | 'aptitude'
  | 'apk'
  | 'pip'
  | 'dnf' | 'yum' | 'microdnf' | 'tdnf'
  | 'zypper';

/** An option word of a package-manager command, with its argument (attached or the next word). */
export interface PmOption {
  word: Word;
  /** `--name`, `-o`, or the whole word for combined short flags (`-qqy`). */
  name: string;
  /** Value of the argument (`--x=y`, `-oFoo`, `-o Foo`), null when none or not static. */
  arg: string | null;
  /** The separate argument word, when the option took the next word. */
  argWord: Word | null;
}

/** One package-manager invocation found in a RUN body. */
export interface PmCommand {
  ins: Instruction;
  cmd: ShellCommand;
  tool: Tool;
  /** The word naming the tool (`apt-get`, `pip3`, or `python3` of `python3 -m pip`). */
  toolWord: Word;
  /** The subcommand word (`install`, `update`, …), null when there is none or it is not static. */
  sub: Word | null;
  /** Lower-cased static value of the subcommand. */
  subName: string | null;
  options: PmOption[];
  /** Words after the subcommand that are neither options nor option arguments (packages, files). */
  operands: Word[];
  /** A word before the subcommand, or an option argument, depends on an expansion. */
  dynamic: boolean;
  /** Runs through `sudo`. */
  sudo: boolean;
}

interface OptionSpec {
  /** Options that take the next word as their argument. */
  withArg: Set<string>;
  /** Short options whose argument may be attached (`-oFoo`). */
  attached: string;
}

const spec = (withArg: string, attached: string): OptionSpec => ({ withArg: new Set(withArg.split(' ')), attached });

const APT_OPTIONS = spec(
  '-o -c -t -a -P --option --config-file --target-release --default-release --host-architecture --build-profiles',
  'octaP',
);
const APK_OPTIONS = spec(
  '-X -p -t --repository --root --arch --cache-dir --keys-dir --repositories-file --wait --timeout --cache-max-age --virtual --progress-fd',
  'Xpt',
);
const PIP_OPTIONS = spec(
  '--proxy --log --log-file --retries --timeout --exists-action --trusted-host --cert --client-cert --cache-dir ' +
    '--python --use-feature --use-deprecated --keyring-provider --resume-retries -r --requirement -c --constraint ' +
    '-e --editable -t --target --platform --python-version --implementation --abi --root --prefix --src ' +
    '--upgrade-strategy --install-option --global-option -C --config-settings --no-binary --only-binary ' +
    '--progress-bar --root-user-action -i --index-url --extra-index-url -f --find-links --report --group',
  'rcetifC',
);
const DNF_OPTIONS = spec(
  '-c -x -d -e -R --config --installroot --releasever --exclude --excludepkgs --enablerepo --disablerepo --repo ' +
    '--repoid --setopt --debuglevel --errorlevel --rpmverbosity --forcearch --downloaddir --destdir --color ' +
    '--comment --advisory --advisories --bz --bzs --cve --cves --sec-severity --secseverity --repofrompath ' +
    '--disableplugin --enableplugin --randomwait --platform-id',
  'cxde',
);
const ZYPPER_OPTIONS = spec(
  '-R -c -D -C -p -t -r --root --config --reposd-dir --cache-dir --raw-cache-dir --solv-cache-dir --pkg-cache-dir ' +
    '--userdata --plus-repo --plus-content --type --repo --from --download',
  '',
);

const OPTIONS: Record<Tool, OptionSpec> = {
  'apt-get': APT_OPTIONS, apt: APT_OPTIONS, 'apt-cache': APT_OPTIONS, aptitude: APT_OPTIONS,
  apk: APK_OPTIONS, pip: PIP_OPTIONS,
  dnf: DNF_OPTIONS, yum: DNF_OPTIONS, microdnf: DNF_OPTIONS, tdnf: DNF_OPTIONS,
  zypper: ZYPPER_OPTIONS,
};

const basename = (v: string | null): string | null => (v === null ? null : v.slice(v.lastIndexOf('/') + 1));

/** The tool a command name stands for, or null. */
function toolOf(name: string): Tool | null {
  if (name === 'apt-get' || name === 'apt' || name === 'apt-cache' || name === 'aptitude' || name === 'apk') return name;
  if (/^pip(\d+(\.\d+)?)?$/.test(name)) return 'pip';
  if (name === 'dnf' || name === 'dnf5' || name === 'dnf-3') return 'dnf';
  if (name === 'yum' || name === 'microdnf' || name === 'tdnf' || name === 'zypper') return name;
  return null;
}

/** Arguments of `python -m pip …` after the `pip` word, or null when the command is not that. */
function pythonPipArgs(args: Word[]): { pipWord: Word; rest: Word[] } | null {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) return null;
    if (v === '-m') {
      const mod = args[i + 1];
      if (mod && /^pip(\d+(\.\d+)?)?$/.test(mod.value ?? '')) return { pipWord: mod, rest: args.slice(i + 2) };
      return null;
    }
    if (/^-mpip\d*$/.test(v)) return { pipWord: args[i], rest: args.slice(i + 1) };
    if (v === '-X' || v === '-W') {
      i++;
      continue;
    }
    if (!v.startsWith('-') || v === '-c' || v === '-') return null;
  }
  return null;
}

function runsViaSudo(cmd: ShellCommand, toolWord: Word): boolean {
  if (basename(cmd.name?.value ?? null) === 'sudo') return true;
  return cmd.args.some((a) => a.start < toolWord.start && basename(a.value) === 'sudo');
}

/** Parse a shell command as a package-manager invocation, or null when it is not one. */
export function parsePm(ins: Instruction, cmd: ShellCommand): PmCommand | null {
  const eff = cmd.effective;
  if (!eff) return null;
  const name = basename(eff.name.value);
  if (name === null) return null;
  let tool = toolOf(name);
  let toolWord = eff.name;
  let args = eff.args;
  if (!tool && /^python(\d+(\.\d+)?)?$/.test(name)) {
    const pip = pythonPipArgs(args);
    if (!pip) return null;
    tool = 'pip';
    toolWord = eff.name;
    args = pip.rest;
  }
  if (!tool) return null;
  const opts = OPTIONS[tool];
  const options: PmOption[] = [];
  const operands: Word[] = [];
  let sub: Word | null = null;
  let dynamic = false;
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null) {
      if (sub === null) dynamic = true;
      else operands.push(w);
      continue;
    }
    if (!endOfOptions && v === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && v.startsWith('-') && v.length > 1) {
      let optName = v;
      let arg: string | null = null;
      let argWord: Word | null = null;
      if (v.startsWith('--')) {
        const eq = v.indexOf('=');
        if (eq > 0) {
          optName = v.slice(0, eq);
          arg = v.slice(eq + 1);
        } else if (opts.withArg.has(v)) {
          argWord = args[i + 1] ?? null;
          arg = argWord?.value ?? null;
          if (argWord && arg === null) dynamic = true;
          i++;
        }
      } else if (v.length > 2 && opts.attached.includes(v[1])) {
        optName = v.slice(0, 2);
        arg = v.slice(2);
      } else if (opts.withArg.has(v)) {
        argWord = args[i + 1] ?? null;
        arg = argWord?.value ?? null;
        if (argWord && arg === null) dynamic = true;
        i++;
      }
      options.push({ word: w, name: optName, arg, argWord });
      continue;
    }
    if (sub === null) sub = w;
    else operands.push(w);
  }
  return {
    ins,
    cmd,
    tool,
    toolWord,
    sub,
    subName: sub?.value?.toLowerCase() ?? null,
    options,
    operands,
    dynamic,
    sudo: runsViaSudo(cmd, toolWord),
  };
}

/** Whether the command has one of these options (long names, or short letters inside combined flags). */
export function hasOption(p: PmCommand, long: string[], short = ''): boolean {
  return p.options.some(
    (o) => long.includes(o.name) || (short !== '' && /^-[A-Za-z]+$/.test(o.name) && [...o.name.slice(1)].some((c) => short.includes(c))),
  );
}

/** A RUN whose shell body the model can analyse (shell form or heredoc script, POSIX shell, parses). */
export function analysable(ins: Instruction): boolean {
  return ins.name === 'RUN' && !ins.json && ins.shell !== null && ins.shell.ok;
}

const pmCache = new WeakMap<Instruction, PmCommand[]>();

/**
 * Every package-manager command of a RUN, in source order (empty when the RUN cannot be analysed). Several
 * transforms ask for the same instruction in one pass; a model's instructions never change, so it is kept.
 */
export function pmCommands(ins: Instruction): PmCommand[] {
  let out = pmCache.get(ins);
  if (out) return out;
  out = [];
  if (analysable(ins)) {
    for (const c of ins.shell!.commands) {
      const p = parsePm(ins, c);
      if (p) out.push(p);
    }
  }
  pmCache.set(ins, out);
  return out;
}

/**
 * The RUNs of the file's stages whose shell bodies can be analysed, in order. A RUN that cannot be (heredoc, exec
 * form, non-POSIX shell, unparseable) but mentions `tools … sub` is reported in `skips` with the reason.
 * `finalImageOnly`: only the stages whose file system reaches the final image (see `Stage.inFinalImage`).
 */
export function analysableRuns(m: Model, tools: string[], sub: string, skips: Skip[], finalImageOnly = false): Instruction[] {
  const runs: Instruction[] = [];
  for (const ins of m.instructions) {
    if (ins.name !== 'RUN' || !ins.stage || (finalImageOnly && !ins.stage.inFinalImage)) continue;
    if (analysable(ins)) runs.push(ins);
    else if (mentionsTool(m, ins, tools, sub)) {
      skips.push({ reason: `not changed: the RUN on line ${ins.line} ${whyNotAnalysable(ins)}`, line: ins.line });
    }
  }
  return runs;
}

/** Why a RUN cannot be analysed, for skip messages. */
export function whyNotAnalysable(ins: Instruction): string {
  if (ins.json) return 'is in exec (JSON) form';
  if (!ins.state.posix) return 'does not run under a POSIX shell (SHELL or Windows image)';
  if (ins.heredocData) return ins.heredocData;
  if (ins.shell && !ins.shell.ok) return `cannot be analysed: ${ins.shell.problem}`;
  return 'has no shell body';
}

/**
 * Whether the text of a RUN the model cannot analyse mentions one of these tools (followed on the same line by
 * the subcommand, when given). Used only to stay on the safe side or to report a skip, never to edit.
 */
export function mentionsTool(m: Model, ins: Instruction, names: string[], sub?: string): boolean {
  const text = m.text.slice(ins.start, ins.end);
  const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  if (!sub) return new RegExp(`(^|[^A-Za-z0-9_.-])(${alt})($|[^A-Za-z0-9_-])`, 'm').test(text);
  // The subcommand anywhere after the line's first mention: one regular expression `tool[^\n]*?sub` would scan
  // the rest of the line again from every mention (a line of 80,000 mentions took a minute).
  const tool = new RegExp(`(^|[^A-Za-z0-9_.-])(${alt})`);
  const subAfter = new RegExp(`[ \\t]${sub.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}([ \\t\\r]|$)`);
  return text.split('\n').some((line) => {
    const hit = tool.exec(line);
    return hit !== null && subAfter.test(line.slice(hit.index + hit[0].length));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Paths, mounts, rm

/** `/a/b/*`, `/a/b/`, `/a/b/.` → `/a/b`. */
export function normalisePath(p: string): string {
  let end = p.length;
  for (;;) {
    if (p.endsWith('/*', end) || p.endsWith('/.', end)) end -= 2;
    else if (p.endsWith('/', end)) end -= 1;
    else return p.slice(0, end);
  }
}

/** Whether `dir` is `path` or one of its parents. */
export function covers(dir: string, path: string): boolean {
  const d = normalisePath(dir);
  const p = normalisePath(path);
  return d === p || d === '' || p.startsWith(`${d}/`);
}

export interface Mount {
  type: string;
  target: string | null;
}

/** `--mount=…` flags of an instruction. */
export function mountsOf(ins: Instruction): Mount[] {
  const out: Mount[] = [];
  for (const f of ins.flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    let type = 'bind';
    let target: string | null = null;
    for (const part of f.value.split(',')) {
      const eq = part.indexOf('=');
      const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const v = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (k === 'type') type = v.toLowerCase();
      else if (k === 'target' || k === 'dst' || k === 'destination') target = v;
    }
    out.push({ type, target });
  }
  return out;
}

/** The cache or tmpfs mount of the RUN that holds one of these paths, if any. */
export function cacheMountFor(ins: Instruction, paths: string[]): Mount | null {
  return (
    mountsOf(ins).find(
      (mt) => (mt.type === 'cache' || mt.type === 'tmpfs') && mt.target !== null && paths.some((p) => covers(mt.target!, p)),
    ) ?? null
  );
}

/** Static path operands of an `rm` command (normalised), or null when the command is not `rm`. */
export function rmPaths(cmd: ShellCommand): string[] | null {
  const eff = cmd.effective;
  if (!eff || basename(eff.name.value) !== 'rm') return null;
  return eff.args.filter((a) => a.value !== null && !a.value.startsWith('-')).map((a) => normalisePath(a.value!));
}

// ---------------------------------------------------------------------------------------------------------
// Stages

/** Stages built FROM this one (directly). */
export function childStages(m: Model, stage: Stage): Stage[] {
  return m.stages.filter((s) => s.baseStage === stage);
}

/** The stage and the stages it is built FROM, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s; s = s.baseStage) out.push(s);
  return out;
}

/** RUN instructions of the stage's chain that come before `ins` (base stages first), and `ins` itself last. */
export function runsUpTo(ins: Instruction): Instruction[] {
  const stages = stageChain(ins.stage!).reverse();
  const out: Instruction[] = [];
  for (const s of stages) {
    for (const i of s.instructions) {
      if (i.name === 'RUN' && i.index <= ins.index) out.push(i);
    }
  }
  return out;
}

/** True when the RUN runs as root (no USER, or USER root / 0). */
export function runsAsRoot(ins: Instruction): boolean {
  const u = ins.state.user;
  return u === null || /^(root|0)(:.*)?$/.test(u);
}

// ---------------------------------------------------------------------------------------------------------
// Appending a command at the end of a RUN body

/**
 * The edit that appends `&& <command>` at the end of a RUN's shell body, in the file's style, or the reason
 * it cannot be done safely. The command goes after the last top-level statement: before a trailing `;`
 * (so `a; b;` becomes `a; b && c;`, and b's exit status still decides) and before a trailing shell
 * comment (which would swallow it).
 */
export function appendCommand(m: Model, ins: Instruction, command: string): Edit | string {
  const sh = ins.shell;
  if (!sh || !sh.ok) return `the RUN on line ${ins.line} ${whyNotAnalysable(ins)}`;
  const last = sh.statements[sh.statements.length - 1];
  const after = sh.root.children.filter((c) => c.start >= last.end && !c.named);
  if (after.some((c) => c.type === '&')) return `the RUN on line ${ins.line} ends with a background job (&)`;
  const lastCmd = [...sh.commands].reverse().find((c) => !c.contained && c.node.start >= last.start && c.node.end <= last.end);
  const lastName = basename(lastCmd?.effective?.name.value ?? lastCmd?.name?.value ?? null);
  if (lastCmd && lastCmd.node.end === last.end && (lastName === 'exit' || lastName === 'exec' || lastName === 'return')) {
    return `the RUN on line ${ins.line} ends with \`${lastName}\`: a command appended after it would never run`;
  }
  const pos = afterBackquoteComments(m.text, 0, sh.commentSubstitutions, last.end);
  if (ins.heredoc) return appendToScript(m, ins, last, pos, command);
  const body = m.text.slice(ins.argsStart, ins.argsEnd);
  const nl = m.text.indexOf('\n', pos);
  const restOfLine = m.text.slice(pos, nl < 0 || nl > ins.argsEnd ? ins.argsEnd : nl).replace(/\r$/, '');
  const multiline = body.includes('\n') && restOfLine.trim() === '';
  let text: string;
  if (!multiline) {
    text = ` && ${command}`;
  } else {
    const { andPosition, indent } = runStyle(m, ins, pos);
    const style = { ...m.style, indent };
    if (andPosition === 'leading') text = `${continuation(style)}&& ${command}`;
    else text = ` &&${continuation(style)}${command}`;
  }
  // A comment written right after the code (`…)# note`) must stay a comment: `#` starts one only at a word start.
  if (m.text[pos] === '#') text += ' ';
  return { start: pos, end: pos, text };
}

/** How continuation lines around `&&` look in some RUNs: counts per position and the last indent seen. */
export function andLines(m: Model, runs: Instruction[]) {
  const esc = m.escape === '\\' ? '\\\\' : m.escape;
  const trailingAnd = new RegExp(`&&[ \\t]*${esc}[ \\t]*$`);
  const out = { leading: 0, trailing: 0, leadingIndent: '', trailingIndent: '' };
  for (const ins of runs) {
    const lines = m.text.slice(ins.argsStart, ins.argsEnd).split('\n').map((l) => l.replace(/\r$/, ''));
    for (let i = 1; i < lines.length; i++) {
      const lead = /^([ \t]*)&&/.exec(lines[i]);
      if (lead) {
        out.leading++;
        out.leadingIndent = lead[1];
      }
      if (trailingAnd.test(lines[i - 1]) && !/^[ \t]*(#.*)?$/.test(lines[i])) {
        out.trailing++;
        out.trailingIndent = /^[ \t]*/.exec(lines[i])![0];
      }
    }
  }
  return out;
}

/**
 * Where `&&` goes on a new continuation line of this RUN and how the command after it is indented: as in the
 * RUN's own `&&` lines, else as the RUN's own other continuation lines (`ownContinuation`; `&&` placed as in the
 * file's other RUNs when they do not show it), else as in the file's other RUNs, else the file's style — except that a command
 * appended after a line of arguments (`    curl \` / `    wget`) is not indented like those arguments.
 */
export function runStyle(m: Model, ins: Instruction, pos?: number): { andPosition: 'leading' | 'trailing'; indent: string } {
  const own = andLines(m, [ins]);
  const cont = own.leading + own.trailing === 0 && pos !== undefined ? ownContinuation(m, ins, pos) : null;
  if (cont) return { andPosition: cont.andPosition ?? runStyle(m, ins).andPosition, indent: cont.indent };
  for (const runs of [[ins], m.instructions.filter((i) => i.name === 'RUN')]) {
    const a = andLines(m, runs);
    if (a.leading + a.trailing === 0) continue;
    return a.leading > a.trailing
      ? { andPosition: 'leading', indent: a.leadingIndent }
      : { andPosition: 'trailing', indent: a.trailingIndent };
  }
  let indent = m.style.indent;
  if (pos !== undefined && ins.shell) {
    const lineStart = m.text.lastIndexOf('\n', pos - 1) + 1;
    const first = lineStart + /^[ \t]*/.exec(m.text.slice(lineStart, pos))![0].length;
    const argumentLine = lineStart > ins.start && ins.shell.commands.some((c) => c.node.start < lineStart && c.node.end > first);
    const own = /^[ \t]*/.exec(m.text.slice(lineStart, pos))![0];
    if (argumentLine && own === indent) indent = `${m.text.slice(ins.lineStart, ins.start)}    `;
  }
  return { andPosition: m.style.andPosition, indent };
}

/** `sudo ` when the RUN needs it to clean up after commands that ran through sudo; null when it cannot clean. */
export function privilegePrefix(ins: Instruction, cmds: PmCommand[]): string | null {
  if (runsAsRoot(ins)) return '';
  if (cmds.length > 0 && cmds.every((c) => c.sudo)) return 'sudo ';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Commands whose content the model cannot see

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const SYSTEM_BIN = /^\/(usr\/)?s?bin\//;

/**
 * A command that runs code the model cannot see, which may call a package manager: a script file (`./x`,
 * `/tmp/setup.sh`, `sh install.sh`, `. ./env.sh`, `curl … | bash`), `eval`, or `sh -c` with a string the
 * model could not parse. Returns the command text for messages, or null.
 */
export function opaqueScript(m: Model, cmd: ShellCommand): string | null {
  const eff = cmd.effective;
  const name = eff?.name.value ?? null;
  if (!eff || name === null) return null;
  const base = basename(name)!;
  const text = () => m.text.slice(eff.name.start, Math.min(cmd.node.end, eff.name.end + 60)).split('\n')[0].replace(/[ \t\\`]+$/, '');
  if (name.includes('/') && !SYSTEM_BIN.test(name)) return text();
  if (/\.(sh|bash|zsh)$/.test(base) || base === '.' || base === 'source' || base === 'eval') return text();
  if (SHELLS.has(base)) {
    const c = eff.args.findIndex((a) => a.value !== null && /^-[a-z]*c[a-z]*$/.test(a.value));
    if (c < 0) return text();
    const str = eff.args[c + 1];
    if (!str || str.value === null || /[\\$`]/.test(str.raw)) return text();
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Caches that live in the image: when a RUN fills one, and where to remove it without breaking a later user

/** What a command does to a cache: fills it, relies on it having been filled, or removes it. */
export type CacheEvent = 'fill' | 'need' | 'clean';

export interface CacheSpec {
  /** Short name for messages (`apt package lists`). */
  what: string;
  /** Directories of the cache; a cache/tmpfs mount on one of them (or a parent) keeps it out of the image. */
  paths: string[];
  /** Tool names to look for in RUNs the model cannot analyse. */
  mentions: string[];
  /** Scripts the model cannot see may rely on the cache (apt lists, apk index), so none may run after a cleanup. */
  scriptsMayNeed: boolean;
  /** Events of one command, in order; `editable` is false for ONBUILD triggers, which the transforms leave alone. */
  events(cmd: ShellCommand, pm: PmCommand | null, editable: boolean): CacheEvent[];
  /** The cleanup command for a RUN whose last filling/needing command is `pm`. */
  cleanup(pm: PmCommand): string;
}

/** A RUN that leaves the cache in the image, and what it would take to remove it there. */
export interface CacheCleanup {
  /** The RUN the cleanup goes into (the last one that fills or relies on the cache). */
  ins: Instruction;
  /** RUN that filled the cache (start of the run of RUNs that use it). */
  filledBy: Instruction;
  /** The edit, or null with `skip` saying why it cannot be made. */
  edit: Edit | null;
  command: string | null;
  skip: string | null;
}

type Event = { event: CacheEvent | 'maybe'; pm: PmCommand | null; what?: string };

interface RunEvents {
  ins: Instruction;
  events: Event[];
  /** Cannot be analysed but mentions the tool: may fill or use the cache. */
  opaque: boolean;
  /** The ONBUILD instruction, when this is its RUN trigger (never edited). */
  onbuild: Instruction | null;
}

function runEvents(m: Model, ins: Instruction, cache: CacheSpec, onbuild: Instruction | null = null): RunEvents | null {
  if (ins.name !== 'RUN' || cacheMountFor(ins, cache.paths)) return null;
  if (!analysable(ins)) {
    return mentionsTool(m, ins, cache.mentions) ? { ins, events: [{ event: 'need', pm: null }], opaque: true, onbuild } : null;
  }
  const events: Event[] = [];
  for (const c of ins.shell!.commands) {
    const pm = parsePm(ins, c);
    for (const event of cache.events(c, pm, onbuild === null)) events.push({ event, pm });
    if (!pm && cache.scriptsMayNeed) {
      const what = opaqueScript(m, c);
      if (what) events.push({ event: 'maybe', pm: null, what });
    }
  }
  return events.length ? { ins, events, opaque: false, onbuild } : null;
}

/** `ONBUILD RUN …` triggers of a stage: they run first thing in every build FROM it. */
function onbuildRuns(stage: Stage): Array<{ trigger: Instruction; onbuild: Instruction }> {
  return stage.instructions
    .filter((i) => i.name === 'ONBUILD' && i.trigger?.name === 'RUN')
    .map((i) => ({ trigger: i.trigger!, onbuild: i }));
}

/** Events of a stage in the order they run: the base stage's ONBUILD triggers, then its own RUNs. */
function stageEvents(m: Model, stage: Stage, cache: CacheSpec): RunEvents[] {
  const out: RunEvents[] = [];
  if (stage.baseStage) {
    for (const t of onbuildRuns(stage.baseStage)) {
      const r = runEvents(m, t.trigger, cache, t.onbuild);
      if (r) out.push(r);
    }
  }
  for (const ins of stage.instructions) {
    const r = runEvents(m, ins, cache);
    if (r) out.push(r);
  }
  return out;
}

/** Whether the first cache event of these RUNs uses a cache it did not fill; null when they do not say. */
function firstUses(runs: RunEvents[]): boolean | null {
  const first = runs.find((r) => r.events.length)?.events[0];
  if (!first) return null;
  return first.event === 'need' || first.event === 'maybe';
}

/**
 * Who may use the cache a stage leaves behind before filling or removing it: a stage built FROM it (its own
 * RUNs, or this stage's ONBUILD triggers that run there), transitively, or — for the final stage — the ONBUILD
 * triggers that run in images built FROM the result. Returns a description, or null.
 */
function inheritorRelies(m: Model, stage: Stage, cache: CacheSpec): string | null {
  for (const child of childStages(m, stage)) {
    const uses = firstUses(stageEvents(m, child, cache));
    if (uses === true || (uses === null && inheritorRelies(m, child, cache))) {
      return `the stage on line ${child.from.line} is built FROM this one and may use the ${cache.what} before fetching its own`;
    }
  }
  if (stage.final) {
    const triggers = onbuildRuns(stage).map((t) => runEvents(m, t.trigger, cache, t.onbuild)).filter((r): r is RunEvents => r !== null);
    if (firstUses(triggers)) {
      const line = triggers.find((r) => r.events.length)!.ins.line;
      return `the ONBUILD RUN on line ${line} may use the ${cache.what} in images built FROM this one`;
    }
  }
  return null;
}

/**
 * Follow the cache through every stage: a RUN that fills it starts an epoch, later RUNs that rely on it
 * without filling it again extend the epoch, a removal ends it. Each epoch that would end with the cache still
 * in the image yields a cleanup at the end of its last RUN — never earlier, so every user of the cache still
 * finds it. Only stages that end up in the final image get cleanups. An epoch is skipped when a later script
 * the model cannot see might use the cache, or a stage built FROM this one (or an ONBUILD trigger) relies on it.
 */
export function planCacheCleanups(m: Model, cache: CacheSpec): CacheCleanup[] {
  const out: CacheCleanup[] = [];
  const endPresent = new Map<Stage, boolean>();
  for (const stage of m.stages) {
    let present = stage.baseStage ? endPresent.get(stage.baseStage) ?? false : false;
    let last: RunEvents | null = null;
    let lastPm: PmCommand | null = null;
    let filledBy: Instruction | null = null;
    let risk: string | null = null;
    /** Emit the cleanup of the open epoch; true when the cache is then gone. */
    const close = (): boolean => {
      if (!last || !filledBy || !stage.inFinalImage) return false;
      const c = risk
        ? { ins: last.onbuild ?? last.ins, filledBy, edit: null, command: null, skip: risk }
        : makeCleanup(m, cache, last, lastPm, filledBy);
      out.push(c);
      return c.edit !== null;
    };
    for (const r of stageEvents(m, stage, cache)) {
      const ins = r.ins;
      if (r.opaque && !r.onbuild && !(present && last) && stage.inFinalImage) {
        out.push({ ins, filledBy: ins, edit: null, command: null, skip: `the RUN on line ${ins.line} ${whyNotAnalysable(ins)}: not checked` });
      }
      for (const { event, pm, what } of r.events) {
        if (event === 'fill') {
          if (present && last && last.ins !== ins) close();
          present = true;
          last = r;
          lastPm = pm;
          filledBy = ins;
          risk = null;
        } else if (event === 'need') {
          if (present && last) {
            last = r;
            if (pm) lastPm = pm;
            risk = null;
          }
        } else if (event === 'maybe') {
          if (present && last && last.ins !== ins && !risk) {
            risk = `the ${r.onbuild ? 'ONBUILD ' : ''}RUN on line ${ins.line} runs \`${what}\`, which may use the ${cache.what}`;
          }
        } else {
          present = false;
          last = null;
          lastPm = null;
          filledBy = null;
          risk = null;
        }
      }
    }
    if (present && last) {
      const inheritor = stage.inFinalImage ? inheritorRelies(m, stage, cache) : null;
      if (inheritor) {
        out.push({ ins: last.onbuild ?? last.ins, filledBy: filledBy!, edit: null, command: null, skip: inheritor });
        endPresent.set(stage, true);
      } else {
        endPresent.set(stage, !close());
      }
    } else {
      endPresent.set(stage, present);
    }
  }
  return out;
}

function makeCleanup(m: Model, cache: CacheSpec, last: RunEvents, lastPm: PmCommand | null, filledBy: Instruction): CacheCleanup {
  const base = { ins: last.onbuild ?? last.ins, filledBy, edit: null, command: null };
  if (last.onbuild) {
    return { ...base, skip: `the ${cache.what} from line ${filledBy.line} are used by the ONBUILD RUN on line ${last.onbuild.line}, which is not changed` };
  }
  if (last.opaque || !lastPm) {
    return {
      ...base,
      skip: `the ${cache.what} from line ${filledBy.line} may be used by the RUN on line ${last.ins.line}, which ${whyNotAnalysable(last.ins)}`,
    };
  }
  const pms = pmCommands(last.ins).filter((p) => p.tool === lastPm.tool);
  const prefix = privilegePrefix(last.ins, pms);
  if (prefix === null) {
    return { ...base, skip: `the RUN on line ${last.ins.line} runs as USER ${last.ins.state.user} without sudo: it may not remove the ${cache.what}` };
  }
  const command = prefix + cache.cleanup(lastPm);
  const edit = appendCommand(m, last.ins, command);
  if (typeof edit === 'string') return { ...base, skip: edit };
  return { ...base, edit, command, skip: null };
}

/**
 * Packages that earlier installs of a stage's chain surely left installed: installing one of them again needs no
 * package lists (apt finds it in the dpkg status and says it is already the newest version). Only static package
 * names count; anything that may remove packages (remove, purge, apt-mark, dpkg -r, a script the codemod cannot
 * see) forgets them all.
 */
import type { Instruction, Model, ShellCommand, Stage } from '../../src/model/types.js';
import { analysable, hasOption, mentionsTool, opaqueScript, parsePm, type PmCommand } from '../shared/package-managers.js';
import { enclosing, failureIgnored } from '../shared/shell-context.js';

const APT_TOOLS = new Set(['apt-get', 'apt', 'aptitude']);
const REMOVING = new Set(['remove', 'purge', 'autopurge', 'markauto', 'forbid-version', 'hold']);
/** Shell constructs in which a command may not run (or runs a number of times the codemod cannot tell). */
const CONDITIONAL = new Set([
  'if_statement', 'case_statement', 'for_statement', 'c_style_for_statement', 'while_statement', 'until_statement',
  'function_definition',
]);
/** A package name, optionally with `:arch` and `=version` (Debian policy names: lower case, digits, `+-.`). */
const PACKAGE = /^([a-z0-9][a-z0-9+.-]*[a-z0-9+.])(?::[a-z0-9-]+)?(?:=[A-Za-z0-9.+~:-]+)?$/;
/** The plain name (or `name:arch`) that an install needs no lists for when it is installed. */
const PLAIN = /^([a-z0-9][a-z0-9+.-]*[a-z0-9+.])(?::[a-z0-9-]+)?$/;

const basename = (v: string) => v.slice(v.lastIndexOf('/') + 1);

/** The command may not run, or its failure is ignored. */
function mayNotRun(ins: Instruction, c: ShellCommand): boolean {
  if (failureIgnored(ins, c)) return true;
  for (const n of enclosing(ins, c)) {
    if (CONDITIONAL.has(n.type)) return true;
    if (n.type === 'list' && n.children.some((x) => !x.named && x.type === '||')) return true;
  }
  return false;
}

/** An install that surely installs what it names (not simulated, not download-only, not another root). */
function installs(pm: PmCommand): boolean {
  if (!APT_TOOLS.has(pm.tool) || pm.subName !== 'install' || pm.dynamic) return false;
  if (hasOption(pm, ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--download-only', '--print-uris'], 'sd')) return false;
  return !pm.options.some((o) => /^Dir(::|$)/i.test(o.arg ?? '') || o.name === '-c' || o.name === '--config-file');
}

/** What a command does to the installed set: names it installs, 'forget' (may remove packages), or null. */
function effect(m: Model, ins: Instruction, c: ShellCommand, pm: PmCommand | null): string[] | 'forget' | null {
  const name = basename(c.effective?.name.value ?? '');
  if (pm && APT_TOOLS.has(pm.tool)) {
    if (pm.subName === null) return pm.dynamic ? 'forget' : null;
    if (REMOVING.has(pm.subName)) return 'forget';
    if (pm.subName !== 'install') return null;
    // `pkg-` in an install removes pkg.
    if (pm.operands.some((w) => w.value !== null && w.value.endsWith('-'))) return 'forget';
    if (!installs(pm) || mayNotRun(ins, c)) return null;
    const names: string[] = [];
    for (const w of pm.operands) {
      const mt = PACKAGE.exec(w.value ?? '');
      if (mt) names.push(mt[1]);
    }
    return names;
  }
  if (name === 'apt-mark' || name === 'dpkg' || name === 'dpkg-divert') {
    const args = c.effective!.args;
    if (name === 'dpkg' && !args.some((a) => a.value === null || /^(-[a-zA-Z]*[rP]|--remove|--purge|--set-selections|--clear-selections)/.test(a.value))) return null;
    return 'forget';
  }
  if (!pm && opaqueScript(m, c)) return 'forget';
  return null;
}

const APT_STATE_TOOLS = ['apt-get', 'apt', 'aptitude', 'apt-mark', 'dpkg'];

/**
 * When every package the install names is in `installed` (package name → line that installed it), the reason it
 * needs no lists; null otherwise (or when an operand is not a plain package name, or an option may ask for what only
 * the lists have: a release, a reinstall, a configuration).
 */
function answer(installed: Map<string, number>, pm: PmCommand): string | null {
  if (pm.dynamic || pm.operands.length === 0) return null;
  if (pm.options.some((o) => o.arg !== null || o.argWord !== null || o.name === '--reinstall')) return null;
  const names: string[] = [];
  for (const w of pm.operands) {
    const mt = PLAIN.exec(w.value ?? '');
    if (!mt) return null;
    names.push(mt[1]);
  }
  if (!names.every((n) => installed.has(n))) return null;
  const lines = [...new Set(names.map((n) => installed.get(n)!))].sort((a, b) => a - b);
  const what = names.length === 1 ? `${names[0]} was` : `${names.join(', ')} were`;
  return `${what} installed on line ${lines.join(', ')}: apt finds ${names.length === 1 ? 'it' : 'them'} installed without the lists`;
}

const answers = new WeakMap<Model, Map<ShellCommand, string | null>>();

/**
 * The answer for every apt install of the file, found in one pass over the stages in build order, as the lists are
 * followed (a stage starts with what its base stage ended with): asking each install to look back would take time
 * quadratic in the number of RUNs.
 */
function allAnswers(m: Model): Map<ShellCommand, string | null> {
  let out = answers.get(m);
  if (out) return out;
  out = new Map();
  const ends = new Map<Stage, Map<string, number>>();
  for (const stage of m.stages) {
    const base = stage.baseStage;
    const installed = new Map(base ? ends.get(base) : undefined);
    if (base && base.instructions.some((i) => i.name === 'ONBUILD' && mentionsTool(m, i, APT_STATE_TOOLS))) installed.clear();
    for (const i of stage.instructions) {
      if (i.name !== 'RUN') continue;
      if (!analysable(i)) {
        if (mentionsTool(m, i, APT_STATE_TOOLS)) installed.clear();
        continue;
      }
      for (const c of i.shell!.commands) {
        const pm = parsePm(i, c);
        if (pm && APT_TOOLS.has(pm.tool) && pm.subName === 'install') out.set(c, answer(installed, pm));
        const e = effect(m, i, c, pm);
        if (e === 'forget') installed.clear();
        else if (e) for (const n of e) installed.set(n, m.lineOf(c.node.start));
      }
    }
    ends.set(stage, installed);
  }
  answers.set(m, out);
  return out;
}

/**
 * When every package the install names was installed earlier in its stage's chain, the reason it needs no lists;
 * null otherwise.
 */
export function alreadyInstalled(m: Model, pm: PmCommand): string | null {
  return allAnswers(m).get(pm.cmd) ?? null;
}

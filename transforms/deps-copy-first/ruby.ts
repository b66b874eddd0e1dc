/** Ruby: `bundle install`. */
import type { ShellCommand, Word } from '../../src/model/types.js';
import {
  at, commandBase, label, need, newAnalysis, parseArgs, truthy, type Install, type InstallEnv,
} from './common.js';

const VALUED = ['--jobs', '-j', '--retry', '--without', '--with', '--path', '--gemfile', '--trust-policy', '--target-rbconfig', '--binstubs', '--shebang'];
/** Deprecated install flags Bundler remembers in .bundle/config. */
const REMEMBERED = ['--path', '--deployment', '--without', '--with', '--clean', '--frozen', '--no-cache', '--no-prune', '--system', '--shebang'];
/** Gemfile code that reads other files: a gemspec, path gems, evaluated files. */
const GEMFILE_READS = /\bgemspec\b|\bpath\s*:|:path\s*=>|\bpath\s*\(|\beval_gemfile\b|\bFile\.|\bDir[.[]|\brequire(_relative)?\b|__dir__|__FILE__|\binstance_eval\b|^\s*load\s/m;

/** `bundle config [set] [--global|--local] <name> <value>` that freezes the lockfile. */
function freezesLock(cmd: ShellCommand): boolean {
  const eff = cmd.effective;
  if (!eff || commandBase(eff.name) !== 'bundle') return false;
  const words = eff.args.map((w) => w.value ?? '').filter((v) => !v.startsWith('--'));
  if (words[0] !== 'config') return false;
  const rest = words[1] === 'set' ? words.slice(2) : words.slice(1);
  return /^(frozen|deployment)$/i.test(rest[0] ?? '') && truthy(rest[1]);
}

function frozen(env: InstallEnv, p: ReturnType<typeof parseArgs>, config: string): boolean {
  return p.has('--frozen', '--deployment') || truthy(env.vars.BUNDLE_FROZEN) || truthy(env.vars.BUNDLE_DEPLOYMENT)
    || env.earlier.some(freezesLock) || /^BUNDLE_(FROZEN|DEPLOYMENT):\s*"?(true|1)"?\s*$/m.test(config);
}

export function recogniseRuby(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  if (base !== 'bundle' && base !== 'bundler') return null;
  const first = args[0]?.value;
  let rest: Word[];
  if (first === 'install' || first === 'i') rest = args.slice(1);
  else if (first === undefined || (first !== null && first.startsWith('-') && !['-v', '--version', '-h', '--help'].includes(first))) rest = args;
  else return null;
  const p = parseArgs(rest, VALUED);
  if (p.positionals.some((w) => w.value !== null)) return null;
  const lbl = label(name, args);
  let problem: string | null = null;
  if (p.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else if (p.has('--binstubs', '--standalone')) problem = `${lbl} writes files beside the sources (${p.has('--binstubs') ? '--binstubs' : '--standalone'})`;
  return {
    ecosystem: 'bundler',
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: true,
    analyse(view, env) {
      const a = newAnalysis();
      const gemfileRel = p.values('--gemfile')[0] ?? env.vars.BUNDLE_GEMFILE ?? 'Gemfile';
      const gemfile = at(env, gemfileRel);
      const lock = `${gemfile}.lock`;
      const config = at(env, '.bundle/config');
      need(a, view, [gemfile], [lock, config]);
      const text = view.read(gemfile) ?? '';
      if (GEMFILE_READS.test(text)) a.problem = `the Gemfile loads other files (a gemspec, path gems or Ruby code): bundler needs the sources for it`;
      for (const f of ['.ruby-version', '.tool-versions']) if (text.includes(f)) need(a, view, [], [at(env, f)]);
      const configText = view.read(config) ?? '';
      if (!frozen(env, p, configText)) {
        a.writes.push({ path: lock, dir: false, why: `${lbl} may rewrite Gemfile.lock (for example to add the image's platform); freeze it with --frozen, BUNDLE_FROZEN=true or BUNDLE_DEPLOYMENT=true` });
      }
      const remembered = p.options.find((o) => REMEMBERED.includes(o.name));
      if (remembered) a.writes.push({ path: config, dir: false, why: `${lbl} remembers ${remembered.name} in .bundle/config` });
      const path = p.values('--path')[0] ?? env.vars.BUNDLE_PATH ?? /^BUNDLE_PATH:\s*"?([^"\n]+)"?/m.exec(configText)?.[1]
        ?? (p.has('--deployment') || truthy(env.vars.BUNDLE_DEPLOYMENT) ? 'vendor/bundle' : null);
      if (path) a.writes.push({ path: at(env, path), dir: true, why: `bundler installs the gems into ${path}` });
      return a;
    },
  };
}

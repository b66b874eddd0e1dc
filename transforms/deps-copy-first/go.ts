/** Go: `go mod download` (no module arguments). */
import type { ShellCommand, Word } from '../../src/model/types.js';
import { ancestors, at, label, need, newAnalysis, parseArgs, type Install } from './common.js';

/** `replace` directives of a go.mod whose target is a local directory. */
export function localReplace(goMod: string): string | null {
  let block = false;
  for (const raw of goMod.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (/^replace\s*\($/.test(line)) {
      block = true;
      continue;
    }
    if (block && line === ')') {
      block = false;
      continue;
    }
    const body = block ? line : /^replace\s+(.*)$/.exec(line)?.[1];
    if (!body) continue;
    const target = body.split('=>')[1]?.trim().split(/\s+/)[0];
    if (target && /^(\.{1,2}(\/|$)|\/)/.test(target)) return target;
  }
  return null;
}

export function recogniseGo(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  if (base !== 'go' || args[0]?.value !== 'mod' || args[1]?.value !== 'download') return null;
  const p = parseArgs(args.slice(2), []);
  if (p.positionals.some((w) => w.value !== null)) return null;
  const lbl = label(name, args);
  let problem: string | null = null;
  if (p.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else if (p.options.some((o) => o.name === '-reuse' || o.name === '--reuse')) problem = `${lbl} -reuse reads another file`;
  return {
    ecosystem: 'go',
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: true,
    analyse(view, env) {
      const a = newAnalysis();
      const mod = at(env, 'go.mod');
      need(a, view, [mod], [at(env, 'go.sum')]);
      const flags = env.vars.GOFLAGS ?? '';
      if (/-mod(file)?=/.test(flags)) a.problem = `GOFLAGS (${flags}) changes which go.mod or vendor directory go reads`;
      const gowork = env.vars.GOWORK;
      if (gowork && gowork !== 'off') a.problem ??= `GOWORK=${gowork} makes go read a workspace file`;
      if (gowork !== 'off') {
        for (const d of ancestors(env.cwd)) {
          if (view.exists(`${d === '/' ? '' : d}/go.work`)) a.problem ??= `${d === '/' ? '' : d}/go.work makes go read the workspace's modules`;
        }
      }
      if (view.exists(at(env, 'vendor/modules.txt'))) a.problem ??= 'the module has a vendor directory';
      const text = view.read(mod);
      const local = text ? localReplace(text) : null;
      if (local) a.problem ??= `go.mod replaces a module with the local directory ${local}: go needs the sources for it`;
      return a;
    },
  };
}

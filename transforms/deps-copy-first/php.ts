/** PHP: `composer install`. */
import type { ShellCommand, Word } from '../../src/model/types.js';
import { at, isObject, label, need, newAnalysis, parseArgs, readJson, skipGlobalOptions, type Install } from './common.js';

const GLOBAL_VALUED = new Set(['-d', '--working-dir']);
const VALUED = ['-d', '--working-dir', '--prefer-install', '--apcu-autoloader-prefix', '--ignore-platform-req', '--audit-format'];
/** What the dependency-only early run needs. */
export const COMPOSER_DEPS_ONLY = ['--no-scripts', '--no-autoloader'];

export function recognisePhp(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  let rest = args;
  let phar: string | null = null;
  if (base === 'php') {
    const script = args[0]?.value;
    if (!script || !/(^|\/)composer(\.phar)?$/.test(script)) return null;
    if (!script.startsWith('/')) phar = script;
    rest = args.slice(1);
  } else if (base !== 'composer' && base !== 'composer.phar') return null;
  if (base === 'composer.phar' && name.value!.includes('/') && !name.value!.startsWith('/')) phar = name.value!;
  const sub = skipGlobalOptions(rest, GLOBAL_VALUED);
  if (!['install', 'i'].includes(rest[sub]?.value ?? '')) return null;
  const p = parseArgs([...rest.slice(0, sub), ...rest.slice(sub + 1)], VALUED);
  if (p.positionals.some((w) => w.value !== null)) return null;
  const lbl = label(name, args);
  const dir = p.values('-d', '--working-dir')[0] ?? null;
  const problem = p.dynamic ? `${lbl}: an argument depends on a variable` : null;
  const depsOnly = COMPOSER_DEPS_ONLY.every((f) => p.has(f));
  return {
    ecosystem: 'composer',
    cmd,
    label: lbl,
    chdir: dir,
    problem,
    depsOnly,
    analyse(view, env) {
      const a = newAnalysis();
      if (env.vars.COMPOSER) a.problem = `COMPOSER=${env.vars.COMPOSER} points composer at another file`;
      const json = at(env, 'composer.json');
      need(a, view, [json, ...(phar ? [at(env, phar)] : [])], [at(env, 'composer.lock'), at(env, 'auth.json')]);
      const { value, ok } = readJson(view, json);
      if (view.exists(json) && (!ok || !isObject(value))) a.problem ??= 'composer.json is not readable JSON';
      if (isObject(value)) {
        const repos = Array.isArray(value.repositories) ? value.repositories : isObject(value.repositories) ? Object.values(value.repositories) : [];
        if (repos.some((r) => isObject(r) && r.type === 'path')) a.problem ??= 'composer.json has a path repository: composer needs the sources for it';
        const config = isObject(value.config) ? value.config : {};
        if (config['vendor-dir'] !== undefined || config['bin-dir'] !== undefined) a.problem ??= 'composer.json moves vendor-dir or bin-dir';
        if (isObject(value.extra) && value.extra['installer-paths'] !== undefined) a.problem ??= 'composer.json installs packages outside vendor/ (installer-paths)';
        const plugins = config['allow-plugins'];
        if (!p.has('--no-plugins') && (plugins === true || (isObject(plugins) && Object.values(plugins).some((v) => v === true)))) {
          a.problem ??= 'composer.json allows plugins, which run during the install and may read the sources';
        }
      }
      if (!depsOnly) a.earlyFlags = COMPOSER_DEPS_ONLY.filter((f) => !p.has(f));
      a.writes.push({ path: at(env, 'vendor'), dir: true, why: `${lbl} writes vendor/` });
      if (!view.exists(at(env, 'composer.lock'))) a.writes.push({ path: at(env, 'composer.lock'), dir: false, why: `${lbl} writes composer.lock when there is none` });
      return a;
    },
  };
}

/** Maven: `mvn dependency:go-offline` / `dependency:resolve` (also through ./mvnw). */
import type { ShellCommand, Word } from '../../src/model/types.js';
import { resolvePath } from '../../src/model/vars.js';
import { ancestors, at, label, need, newAnalysis, parseArgs, type Install } from './common.js';

const VALUED = ['-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-T', '--threads',
  '-pl', '--projects', '-rf', '--resume-from', '-D', '-l', '--log-file', '-t', '--toolchains', '-b', '--builder', '-gt', '--global-toolchains'];
const KNOWN_FLAGS = new Set(['-B', '--batch-mode', '-q', '--quiet', '-e', '--errors', '-X', '--debug', '-U', '--update-snapshots',
  '-o', '--offline', '-ntp', '--no-transfer-progress', '-C', '--strict-checksums', '-c', '--lax-checksums', '-V',
  '--show-version', '-N', '--non-recursive', '-fae', '--fail-at-end', '-ff', '--fail-fast', '-fn', '--fail-never', '-nsu',
  '--no-snapshot-updates', '--color', '-P', '--activate-profiles', '-T', '--threads', '-s', '--settings', '-gs',
  '--global-settings', '-f', '--file', '-D', '-t', '--toolchains', '-gt', '--global-toolchains']);
const GOAL = /^((org\.apache\.maven\.plugins:)?(maven-)?dependency(-plugin)?(:[\w.-]+)?:(go-offline|resolve|resolve-plugins|resolve-sources)|de\.qaware\.maven:go-offline-maven-plugin(:[\w.-]+)?:resolve-dependencies)$/;

export function recogniseMaven(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  let rest = args;
  let wrapper: string | null = null;
  if (base === 'sh' || base === 'bash') {
    const script = args[0]?.value;
    if (!script || !/(^|\/)mvnw$/.test(script)) return null;
    wrapper = script;
    rest = args.slice(1);
  } else if (base === 'mvnw') wrapper = name.value!;
  else if (base !== 'mvn') return null;
  const p = parseArgs(rest, VALUED);
  const goals = p.positionals.map((w) => w.value);
  if (goals.length === 0 || goals.some((g) => g === null || !GOAL.test(g))) return null;
  const lbl = label(name, args);
  let problem: string | null = null;
  if (p.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else {
    const odd = p.options.find((o) => !KNOWN_FLAGS.has(o.name) && !o.name.startsWith('-D'));
    if (odd) problem = `${lbl}: the option ${odd.name} is not known to keep to the pom`;
  }
  return {
    ecosystem: 'maven',
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: true,
    analyse(view, env) {
      const a = newAnalysis();
      const file = p.values('-f', '--file')[0];
      let pom = at(env, file ?? 'pom.xml');
      if (file && !/\.xml$/.test(file)) pom = resolvePath(pom, 'pom.xml');
      const pomDir = pom.slice(0, pom.lastIndexOf('/')) || '/';
      const optional: string[] = [];
      for (const d of ancestors(pomDir)) {
        const base = d === '/' ? '' : d;
        optional.push(`${base}/.mvn/maven.config`, `${base}/.mvn/jvm.config`, `${base}/.mvn/extensions.xml`);
      }
      const required = [pom];
      if (wrapper) {
        const w = at(env, wrapper);
        const wdir = w.slice(0, w.lastIndexOf('/')) || '/';
        required.push(w, resolvePath(wdir, '.mvn/wrapper/maven-wrapper.properties'));
        optional.push(resolvePath(wdir, '.mvn/wrapper/maven-wrapper.jar'), resolvePath(wdir, '.mvn/wrapper/MavenWrapperDownloader.java'));
        a.uses.push(w);
      }
      for (const s of p.values('-s', '--settings', '-gs', '--global-settings', '-t', '--toolchains')) optional.push(at(env, s));
      need(a, view, required, optional);
      const text = view.read(pom) ?? '';
      if (/<modules>/.test(text)) a.problem = 'a multi-module Maven project: the install reads every module\'s pom';
      if (/<systemPath>/.test(text)) a.problem ??= 'the pom has a system-scoped dependency on a local file';
      const parent = /<parent>([\s\S]*?)<\/parent>/.exec(text)?.[1];
      if (parent !== undefined) {
        const rel = /<relativePath\s*\/>|<relativePath>\s*<\/relativePath>/.test(parent) ? null
          : /<relativePath>([^<]*)<\/relativePath>/.exec(parent)?.[1]?.trim() ?? '../pom.xml';
        if (rel) {
          let path = resolvePath(pomDir, rel);
          if (!/\.xml$/.test(rel)) path = resolvePath(path, 'pom.xml');
          if (view.exists(path)) a.problem ??= `the pom's parent is read from ${rel}`;
        }
      }
      const repo = [...p.values('-D'), ...p.options.filter((o) => o.name.startsWith('-Dmaven.repo.local')).map((o) => o.name.slice(2))]
        .map((d) => /^maven\.repo\.local=(.*)$/.exec(d)?.[1]).find((x) => x);
      if (repo) a.writes.push({ path: at(env, repo), dir: true, why: `maven.repo.local=${repo}` });
      return a;
    },
  };
}

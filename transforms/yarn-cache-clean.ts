import type { Instruction, Model } from '../src/model/types.js';
import { hasOpt, type JsCacheTool, jsCommand, planJsCacheClean, removes } from './shared/js-cache-clean.js';
import { analysable } from './shared/package-managers.js';
import type { Transform, TransformContext } from '../src/transform-types.js';

const YARN_NAMES = ['yarn', 'yarnpkg'];

/** Subcommands and options only Yarn 2+ (Berry) has. */
const BERRY_SUBS = new Set(['set', 'dlx', 'workspaces', 'plugin', 'up', 'constraints', 'explain', 'npm', 'patch', 'rebuild', 'stage', 'unplug']);

/**
 * Why the yarn of this file may not be Yarn 1 (classic), or null. Berry keeps its cache per project (or, with Plug'n'Play,
 * runs packages straight from the cache), so `yarn cache clean` there can break the app: only classic yarn is cleaned.
 */
function berryProblem(m: Model, ctx: TransformContext, runs: Instruction[]): string | null {
  if (ctx.context.exists('.yarnrc.yml')) return 'the build context has .yarnrc.yml (Yarn 2 or later)';
  const pkg = ctx.context.readText('package.json');
  if (pkg === null) return 'no package.json in the build context: cannot tell which yarn the project uses';
  const pm = /"packageManager"\s*:\s*"yarn@(\d+)/.exec(pkg);
  if (pm && Number(pm[1]) >= 2) return `package.json asks for yarn@${pm[1]} (packageManager)`;
  for (const ins of m.instructions) {
    if ((ins.name === 'COPY' || ins.name === 'ADD') && ins.args.some((a) => /\.yarnrc\.yml|(^|\/)\.yarn(\/|$)/.test(a.value))) {
      return `the ${ins.name} on line ${ins.line} copies Yarn 2+ files (.yarnrc.yml, .yarn/)`;
    }
  }
  for (const ins of runs) {
    if (!analysable(ins)) continue;
    for (const c of ins.shell!.commands) {
      if (c.effective?.name.value === 'corepack') return `the RUN on line ${ins.line} uses corepack, which may bring Yarn 2 or later`;
      const y = jsCommand(YARN_TOOL, c);
      if (!y) continue;
      if ((typeof y.sub === 'string' && BERRY_SUBS.has(y.sub)) || hasOpt(y, '--immutable', '--immutable-cache', '--check-cache')) {
        return `the RUN on line ${ins.line} uses Yarn 2+ commands or options`;
      }
      if (y.sub === 'policies') return `the RUN on line ${ins.line} sets the yarn version (yarn policies)`;
    }
  }
  return null;
}

export const YARN_TOOL: JsCacheTool = {
  names: YARN_NAMES,
  optionsWithArg: new Set(['--cache-folder', '--modules-folder', '--cwd', '--network-timeout', '--registry', '--mutex', '--global-folder', '--link-folder', '--use-yarnrc']),
  what: 'the yarn cache',
  cleanupArgs: 'cache clean',
  fills: (c) =>
    ((c.sub === null && !hasOpt(c, '--version', '-v', '--help', '-h')) || c.sub === 'install' || c.sub === 'add' || (c.sub === 'global' && c.sub2 === 'add')) &&
    !hasOpt(c, '--offline'),
  needs: (c) => hasOpt(c, '--offline', '--prefer-offline'),
  cleans: (c, cmd) => (c !== null && c.sub === 'cache' && c.sub2 === 'clean') || removes(cmd, /yarn/),
  ownCache(c) {
    if (hasOpt(c, '--cache-folder')) return 'yarn is given its own --cache-folder';
    if (c.cmd.assignments.some((a) => /^YARN_CACHE_FOLDER=/.test(a.raw))) return 'yarn is given its own YARN_CACHE_FOLDER';
    return null;
  },
  mountHolds: (t) => /yarn|\/\.cache\/?$/.test(t),
  fileProblem: berryProblem,
};

export const yarnCacheClean: Transform = {
  id: 'yarn-cache-clean',
  description: 'Append `yarn cache clean` to RUNs that install with yarn 1 (classic), in stages that end up in the final image',
  hadolint: ['DL3060'],
  defaultOn: true,
  tier: 'safe',
  run: (m, ctx) => planJsCacheClean(m, ctx, YARN_TOOL, YARN_NAMES),
};

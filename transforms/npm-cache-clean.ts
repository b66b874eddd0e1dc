import { hasOpt, type JsCacheTool, planJsCacheClean, removes } from './shared/js-cache-clean.js';
import type { Transform } from '../src/transform-types.js';

/** npm subcommands (and their aliases) that download packages into the cache. */
const INSTALLS = new Set([
  'install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add',
  'ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean',
  'install-test', 'it', 'install-ci-test', 'cit', 'update', 'up', 'upgrade', 'udpate',
]);

const NPM_TOOL: JsCacheTool = {
  names: ['npm'],
  optionsWithArg: new Set(['--prefix', '--cache', '--registry', '--userconfig', '--globalconfig', '--loglevel', '-w', '--workspace', '--omit', '--include', '--tag', '--only']),
  what: 'the npm cache',
  cleanupArgs: 'cache clean --force',
  fills: (c) => typeof c.sub === 'string' && INSTALLS.has(c.sub) && !hasOpt(c, '--offline'),
  needs: (c) => hasOpt(c, '--offline', '--prefer-offline'),
  cleans: (c, cmd) => (c !== null && c.sub === 'cache' && (c.sub2 === 'clean' || c.sub2 === 'clear' || c.sub2 === 'rm')) || removes(cmd, /\.npm|_cacache|npm-cache/),
  ownCache(c) {
    if (hasOpt(c, '--cache')) return 'npm is given its own --cache';
    if (c.cmd.assignments.some((a) => /^npm_config_cache=/i.test(a.raw))) return 'npm is given its own npm_config_cache';
    return null;
  },
  mountHolds: (t) => /npm/.test(t),
};

export const npmCacheClean: Transform = {
  id: 'npm-cache-clean',
  description: 'Append `npm cache clean --force` to RUNs that install with npm, in stages that end up in the final image',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  run: (m, ctx) => planJsCacheClean(m, ctx, NPM_TOOL, ['npm']),
};

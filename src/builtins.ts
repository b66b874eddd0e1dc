/**
 * What the core takes from `transforms/`: the registry of built-in transforms, the RUN-append edit that the
 * plugin FixBuilder shares with them, the rebase rule parser (options and config files are checked with it), and
 * the test of whether a Dockerfile names a .dockerignore entry (side files are settled with it). Every other file
 * in `src/` depends only on `src/` (test/layout.test.ts checks this); transforms and plugins import the contract
 * from `src/transform-types.ts`.
 */
export { TRANSFORMS, findTransform } from '../transforms/registry.js';
export { appendCommand } from '../transforms/shared/package-managers.js';
export { parseRule, RuleError } from '../transforms/rebase/rules.js';
export { namesEntry } from '../transforms/dockerignore/candidates.js';

import { apkNoCache } from './apk-no-cache.js';
import { aptCleanLists } from './apt-clean-lists.js';
import { aptNoInstallRecommends } from './apt-no-install-recommends/index.js';
import { chainRuns } from './chain-runs/index.js';
import { depsCopyFirst } from './deps-copy-first/index.js';
import { dockerignore } from './dockerignore/index.js';
import { dnfClean } from './dnf-clean.js';
import { nonRootUser } from './non-root-user/index.js';
import { pipNoCacheDir } from './pip-no-cache-dir/index.js';
import { aptGetOverApt } from './apt-get-over-apt.js';
import { aptGetYes } from './apt-get-yes.js';
import { addToCopy } from './add-to-copy.js';
import { useraddNoLogInit } from './useradd-no-log-init.js';
import { gemNoDocument } from './gem-no-document.js';
import { yarnCacheClean } from './yarn-cache-clean.js';
import { npmCacheClean } from './npm-cache-clean.js';
import { sudoInRun } from './sudo-in-run.js';
import { curlFail } from './curl-fail.js';
import { aptUpdateBeforeInstall } from './apt-update-before-install/index.js';
import { removeDownloadedArchives } from './remove-downloaded-archives/index.js';
import { gpgBatch } from './gpg-batch.js';
import { rebaseTransform } from './rebase/index.js';
import { pinArgs } from './pin-args.js';
import type { Transform } from '../src/transform-types.js';

/**
 * Every transform, in the order a pass runs them. dockerignore goes first: deps-copy-first sees the .dockerignore
 * it writes in the next pass. deps-copy-first moves whole instructions, so it goes before
 * the ones that edit inside them; chain-runs goes before the package-manager transforms so that the cleanups
 * they append land on continuation lines of the joined RUN.
 */
export const TRANSFORMS: readonly Transform[] = [
  dockerignore,
  depsCopyFirst,
  chainRuns,
  aptNoInstallRecommends,
  aptCleanLists,
  apkNoCache,
  pipNoCacheDir,
  dnfClean,
  nonRootUser,
  aptGetOverApt,
  aptGetYes,
  addToCopy,
  useraddNoLogInit,
  gemNoDocument,
  yarnCacheClean,
  npmCacheClean,
  sudoInRun,
  curlFail,
  aptUpdateBeforeInstall,
  removeDownloadedArchives,
  gpgBatch,
  rebaseTransform,
  pinArgs,
];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}

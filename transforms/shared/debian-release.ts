/**
 * Which Debian release a stage's apt installs from, read from its base image, for the data in data/debian/.
 * Only releases the package ships data for are named; Ubuntu maps to the nearest Debian release, marked
 * approximate; anything else is unknown.
 */
import type { Stage } from '../../src/model/types.js';
import type { DataRelease } from './debian-data.js';
import { parseImageRef } from './base-images.js';
import { stageChain } from './package-managers.js';

export type StageRelease =
  | {
    kind: 'known';
    /** Releases the image may be built on (both when its tag follows the current Debian release). */
    releases: DataRelease[];
    /** The base image as resolved. */
    image: string;
    /** `Ubuntu 22.04` when the data is the nearest Debian release's, not the image's own. */
    approximate: string | null;
    /** Packages the image installs beyond Debian's base system. */
    preinstalled: string[];
  }
  | { kind: 'unknown'; reason: string };

const BOTH: DataRelease[] = ['bookworm', 'trixie'];

// What the official images install on top of Debian's base (their Dockerfiles, with --no-install-recommends).
const CURL = ['ca-certificates', 'curl', 'gnupg', 'netbase', 'sq', 'wget'];
const SCM = [...CURL, 'git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
const FULL = [
  ...SCM, 'autoconf', 'automake', 'bzip2', 'default-libmysqlclient-dev', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick',
  'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev',
  'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev',
  'libmagickwand-dev', 'libmaxminddb-dev', 'libncurses-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev',
  'libpq-dev', 'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev',
  'libxslt-dev', 'libyaml-dev', 'make', 'patch', 'unzip', 'xz-utils', 'zlib1g-dev',
];

/**
 * Official images whose plain tags follow Debian's current release, from the version on which that holds
 * (older versions went out of support on an older release). Their non-slim tags are built on buildpack-deps.
 */
const FOLLOWS_DEBIAN: Record<string, { from: number[]; full: string[]; slim: string[] }> = {
  python: { from: [3, 8], full: FULL, slim: ['ca-certificates', 'netbase', 'tzdata'] },
  node: { from: [18], full: FULL, slim: [] },
  ruby: { from: [3, 1], full: FULL, slim: ['ca-certificates', 'tzdata'] },
  golang: { from: [1, 21], full: [...SCM, 'g++', 'gcc', 'libc6-dev', 'make', 'pkg-config'], slim: [] },
  php: { from: [8, 1], full: ['ca-certificates', 'curl', 'xz-utils'], slim: ['ca-certificates', 'curl', 'xz-utils'] },
  perl: { from: [5, 36], full: FULL, slim: [] },
  rust: { from: [1, 70], full: FULL, slim: ['ca-certificates'] },
  gcc: { from: [13], full: FULL, slim: [] },
  'buildpack-deps': { from: [], full: FULL, slim: [] },
  debian: { from: [], full: [], slim: [] },
};

const UBUNTU: Array<[RegExp, DataRelease, string]> = [
  [/^(20\.04|focal)$/, 'bookworm', 'Ubuntu 20.04'],
  [/^(22\.04|jammy)$/, 'bookworm', 'Ubuntu 22.04'],
  [/^(24\.04|noble)$/, 'trixie', 'Ubuntu 24.04'],
  [/^(24\.10|oracular)$/, 'trixie', 'Ubuntu 24.10'],
  [/^(25\.04|plucky)$/, 'trixie', 'Ubuntu 25.04'],
  [/^(25\.10|questing)$/, 'trixie', 'Ubuntu 25.10'],
  [/^(26\.04|resolute)$/, 'trixie', 'Ubuntu 26.04'],
];

/** The release a tag token names: a Debian codename or version, `ubuntuNN.NN`, or null. */
function tokenRelease(token: string, ubuntuTag: boolean): { release: DataRelease; approximate: string | null } | 'other' | null {
  if (token === 'bookworm' || token === 'debian12') return { release: 'bookworm', approximate: null };
  if (token === 'trixie' || token === 'debian13') return { release: 'trixie', approximate: null };
  if (/^(jessie|stretch|buster|bullseye|forky|sid|testing|unstable|experimental|trusty|xenial|bionic|debian\d+)$/.test(token)) return 'other';
  // A bare `22.04` names an Ubuntu release only in the ubuntu image's own tags.
  const u = /^ubuntu-?(\d+\.\d+)$/.exec(token)?.[1] ?? (ubuntuTag || !/^\d/.test(token) ? token : '');
  for (const [re, release, label] of UBUNTU) if (re.test(u)) return { release, approximate: label };
  if (/^ubuntu/.test(token)) return 'other';
  return null;
}

/** The release named by the tag's `-`-separated tokens (`3.12-slim-bookworm`, `12.2.0-devel-ubuntu22.04`). */
function tagRelease(tag: string, ubuntuTag: boolean): { release: DataRelease; approximate: string | null } | 'other' | null {
  let found: ReturnType<typeof tokenRelease> = null;
  for (const t of tag.split(/[-_]/)) {
    const r = tokenRelease(t, ubuntuTag);
    if (r) found = r;
  }
  return found;
}

const versionAtLeast = (tag: string, from: number[]): boolean => {
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return /^(latest|lts|current|slim|stable|stable-slim|curl|scm)$|^(lts|current)-(slim|curl|scm)$/.test(tag);
  const v = [Number(m[1]), Number(m[2] ?? 999)];
  for (let i = 0; i < from.length; i++) {
    if (v[i] !== from[i]) return v[i] > from[i];
  }
  return true;
};

const has = (tag: string, word: string) => new RegExp(`(^|-)${word}(-|$)`).test(tag);

/** The release of a resolved image reference. */
export function imageRelease(image: string): StageRelease {
  const ref = parseImageRef(image);
  const { tag } = ref;
  const unknown = (why: string): StageRelease => ({ kind: 'unknown', reason: `${image} ${why}` });
  if (/alpine|windows|nanoserver/.test(tag)) return unknown('does not install with apt from Debian');
  const named = tagRelease(tag, ref.official === 'ubuntu');
  if (named === 'other') return unknown('is built on a release the Debian data does not cover (bookworm and trixie)');
  const official = ref.official;
  if (official === 'ubuntu' || (official === 'eclipse-temurin' && !named)) {
    if (official === 'ubuntu' && !named && !/^(latest|rolling|devel)$/.test(tag)) return unknown('is an Ubuntu release the Debian data does not approximate');
    return { kind: 'known', releases: named ? [named.release] : ['trixie'], image, approximate: named?.approximate ?? 'Ubuntu 24.04', preinstalled: [] };
  }
  const follows = official ? FOLLOWS_DEBIAN[official] : undefined;
  if (follows) {
    const slim = has(tag, 'slim');
    let preinstalled = slim ? follows.slim : follows.full;
    if (official === 'buildpack-deps') preinstalled = has(tag, 'curl') ? CURL : has(tag, 'scm') ? SCM : FULL;
    if (named) return { kind: 'known', releases: [named.release], image, approximate: named.approximate, preinstalled };
    if (official === 'debian') {
      if (/^12(\.|-|$)/.test(tag)) return { kind: 'known', releases: ['bookworm'], image, approximate: null, preinstalled };
      if (/^13(\.|-|$)/.test(tag)) return { kind: 'known', releases: ['trixie'], image, approximate: null, preinstalled };
      if (!/^(latest|stable|stable-slim|slim)$/.test(tag)) return unknown('is a Debian release the data does not cover (bookworm and trixie)');
    } else if (!versionAtLeast(tag, follows.from)) {
      return unknown('is a version whose images were last built on a release older than bookworm');
    }
    // The tag follows the current release: bookworm until August 2025, trixie since; the data of both must agree.
    return { kind: 'known', releases: BOTH, image, approximate: null, preinstalled };
  }
  if (named) return { kind: 'known', releases: [named.release], image, approximate: named.approximate, preinstalled: [] };
  return unknown('names no Debian or Ubuntu release in its tag');
}

const cache = new WeakMap<Stage, StageRelease>();

/** The release of the image a stage is built on (through the stages it is built FROM). */
export function stageRelease(stage: Stage): StageRelease {
  let r = cache.get(stage);
  if (!r) {
    const root = stageChain(stage).at(-1)!;
    const image = root.resolvedImage.trim();
    r = image === '' || /\$/.test(image)
      ? { kind: 'unknown', reason: `the base image ${root.image} (line ${root.from.line}) cannot be resolved` }
      : imageRelease(image);
    cache.set(stage, r);
  }
  return r;
}

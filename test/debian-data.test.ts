import { describe, expect, it } from 'vitest';
import { droppedBy } from '../transforms/apt-no-install-recommends/dropped.js';
import { classify } from '../transforms/apt-no-install-recommends/recommends.js';
import { releaseData } from '../transforms/shared/debian-data.js';
import { imageRelease } from '../transforms/shared/debian-release.js';

const rel = (image: string) => {
  const r = imageRelease(image);
  return r.kind === 'known' ? `${r.releases.join('+')}${r.approximate ? ` ~${r.approximate}` : ''}` : 'unknown';
};

describe('release of a base image', () => {
  it.each([
    ['debian:bookworm', 'bookworm'],
    ['debian:bookworm-20250520-slim', 'bookworm'],
    ['debian:12-slim', 'bookworm'],
    ['debian:13', 'trixie'],
    ['debian:stable-slim', 'bookworm+trixie'],
    ['debian', 'bookworm+trixie'],
    ['debian:bullseye', 'unknown'],
    ['debian:11', 'unknown'],
    ['debian:sid', 'unknown'],
    ['python:3.12-slim-bookworm', 'bookworm'],
    ['python:3.13-trixie', 'trixie'],
    ['python:3.12', 'bookworm+trixie'],
    ['python:3.12-slim', 'bookworm+trixie'],
    ['python:3.7-slim', 'unknown'],
    ['python:3.9-bullseye', 'unknown'],
    ['python:3.12-alpine', 'unknown'],
    ['node:20-bookworm-slim', 'bookworm'],
    ['node:lts-slim', 'bookworm+trixie'],
    ['node:16', 'unknown'],
    ['golang:1.22', 'bookworm+trixie'],
    ['ruby:3.3-slim-bookworm', 'bookworm'],
    ['buildpack-deps:trixie', 'trixie'],
    ['buildpack-deps:jammy', 'bookworm ~Ubuntu 22.04'],
    ['buildpack-deps:disco', 'unknown'],
    ['buildpack-deps:scm', 'bookworm+trixie'],
    ['node:lts-bookworm', 'bookworm'],
    ['ubuntu:22.04', 'bookworm ~Ubuntu 22.04'],
    ['ubuntu:noble', 'trixie ~Ubuntu 24.04'],
    ['ubuntu:18.04', 'unknown'],
    ['ubuntu:bionic', 'unknown'],
    ['nvidia/cuda:12.2.0-devel-ubuntu22.04', 'bookworm ~Ubuntu 22.04'],
    ['mcr.microsoft.com/devcontainers/base:bookworm', 'bookworm'],
    ['example/app:22.04', 'unknown'],
    ['example/app:latest', 'unknown'],
  ])('%s → %s', (image, expected) => expect(rel(image)).toBe(expected));

  it('lists what the official images install beyond the base', () => {
    const full = imageRelease('python:3.12-bookworm');
    const slim = imageRelease('python:3.12-slim-bookworm');
    expect(full.kind === 'known' && full.preinstalled).toContain('git');
    expect(slim.kind === 'known' && slim.preinstalled).toEqual(['ca-certificates', 'netbase', 'tzdata']);
  });
});

describe('Debian package data', () => {
  const bookworm = releaseData('bookworm')!;
  const trixie = releaseData('trixie')!;

  it('is shipped for both releases, with the date of its index', () => {
    expect(bookworm.version).toMatch(/^12\./);
    expect(trixie.version).toMatch(/^13\./);
    expect(bookworm.date).toMatch(/\d{4}/);
  });

  it('resolves real and virtual names; apt and its dependencies are in the base', () => {
    expect(bookworm.name(bookworm.resolve('git')!)).toBe('git');
    expect(bookworm.resolve('no-such-package-here')).toBeNull();
    // ssh-client is provided by openssh-client.
    expect(bookworm.name(bookworm.resolve('ssh-client')!)).toBe('openssh-client');
    expect(bookworm.inBase(bookworm.resolve('apt')!)).toBe(true);
    expect(bookworm.inBase(bookworm.resolve('git')!)).toBe(false);
  });

  it('computes what --no-install-recommends drops from an install', () => {
    const git = droppedBy(bookworm, ['git'], []);
    expect(git.packages.get('less')).toBe('git');
    expect(git.packages.get('patch')).toBe('git');
    expect(git.packages.get('openssh-client')).toBe('git');
    // xauth comes with openssh-client only: not recommended by a package that stays.
    expect(git.packages.get('xauth')).toBeNull();
    expect(git.packages.has('git')).toBe(false);
    // Installed before (or named in the same install): not dropped.
    expect(droppedBy(bookworm, ['git'], ['openssh-client']).packages.has('openssh-client')).toBe(false);
    expect(droppedBy(bookworm, ['git', 'less'], []).packages.has('less')).toBe(false);
    expect(droppedBy(bookworm, ['protobuf-compiler'], []).packages.get('libprotobuf-dev')).toBe('protobuf-compiler');
    expect(droppedBy(trixie, ['cmake'], []).packages.get('make')).toBe('cmake');
    expect(droppedBy(bookworm, ['not-a-package'], []).unknown).toEqual(['not-a-package']);
  });

  it('classifies the drops the review found wrong as needed', () => {
    for (const pkg of ['libprotobuf-dev', 'mesa-vulkan-drivers', 'gcc', 'make', 'lintian', 'ghostscript', 'ca-certificates']) {
      expect(classify(pkg)?.verdict, pkg).toBe('keep');
    }
    expect(classify('less')?.verdict).toBe('drop');
    expect(classify('openssh-client')?.keepWhen).toBe('git-ssh');
    expect(classify('some-unlisted-package')).toBeNull();
  });
});

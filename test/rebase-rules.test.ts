import { describe, expect, it } from 'vitest';
import { canonicalPattern, parseImageName } from '../transforms/rebase/image-ref.js';
import { parseRule, rewriteImage, rulesOf } from '../transforms/rebase/rules.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('image references', () => {
  it('are split as Docker splits them', () => {
    expect(parseImageName(`localhost:5000/a/b:1.2@${DIGEST}`)).toMatchObject({ domain: 'localhost:5000', repository: 'a/b', tag: '1.2', digest: DIGEST });
    expect(parseImageName('node:16')).toMatchObject({ domain: 'docker.io', repository: 'library/node', tag: '16', canonical: 'docker.io/library/node:16', hubPrefix: '' });
    expect(parseImageName('index.docker.io/library/node')).toMatchObject({ canonical: 'docker.io/library/node', hubPrefix: 'index.docker.io/library/' });
    expect(parseImageName('bitnami/node:16')?.canonical).toBe('docker.io/bitnami/node:16');
    expect(parseImageName('registry.example:443/team/app')?.canonical).toBe('registry.example:443/team/app');
    expect(parseImageName('scratch')?.canonical).toBe('docker.io/library/scratch');
  });

  it('are refused when Docker refuses them', () => {
    for (const bad of ['Node:16', 'node:', 'node::1', 'a//b', '-a/b', 'node@sha256:12', 'node:16 ', '${BASE}', 'a_/b', 'host:port/a']) {
      expect(parseImageName(bad), bad).toBeNull();
    }
  });

  it('are read in linear time, even where a backtracking reading takes minutes', () => {
    const start = Date.now();
    expect(parseImageName('mcr.microsoft.com/windows/servercore:"ltsc2019"')).toBeNull();
    expect(parseImageName(`${'a'.repeat(200)}_`)).toBeNull();
    expect(parseImageName(`${'a-'.repeat(120)}!`)).toBeNull();
    expect(Date.now() - start).toBeLessThan(500);
  });
});

describe('rebase rules', () => {
  it('read a pattern as a reference, Docker Hub implied', () => {
    expect(canonicalPattern('node:16*')).toBe('docker.io/library/node:16*');
    expect(canonicalPattern('bitnami/*')).toBe('docker.io/bitnami/*');
    expect(canonicalPattern('registry.old/*')).toBe('registry.old/*');
    expect(canonicalPattern('docker.io/library/node:*')).toBe('docker.io/library/node:*');
  });

  it('are refused with a reason when malformed', () => {
    expect(() => parseRule('node:16')).toThrow('is not a rule');
    expect(() => parseRule('node:16@sha256:1=node:20')).toThrow('has a digest');
    expect(() => parseRule('node:[16=node:20')).toThrow('starts no character class');
    expect(() => parseRule('node=node:*')).toThrow('more * than the pattern');
  });

  it('rewrite by the first rule that matches, reusing what * matched', () => {
    const rules = rulesOf(['node:1[0-8]*-alpine*=node:22-alpine', 'node:1[0-8]*=node:22', 'registry.old/*=registry.new/*']);
    expect(rewriteImage('node:16-alpine3.18', rules)).toMatchObject({ kind: 'rewrite', to: 'node:22-alpine' });
    expect(rewriteImage('node:18', rules)).toMatchObject({ kind: 'rewrite', to: 'node:22' });
    expect(rewriteImage('node:19', rules)).toEqual({ kind: 'same' });
    expect(rewriteImage('registry.old/a/b:1', rules)).toMatchObject({ kind: 'rewrite', to: 'registry.new/a/b:1' });
    expect(rewriteImage('docker.io/library/node:16', rules)).toMatchObject({ kind: 'rewrite', to: 'docker.io/library/node:22' });
  });

  it('drop a digest when the tag changes, and keep it when only the name does', () => {
    const rules = rulesOf(['node:16*=node:20', 'registry.old/*=registry.new/*']);
    const dropped = rewriteImage(`node:16@${DIGEST}`, rules);
    expect(dropped).toMatchObject({ kind: 'rewrite', to: 'node:20' });
    expect(dropped.kind === 'rewrite' && dropped.note).toContain('dropped');
    expect(rewriteImage(`registry.old/a:1@${DIGEST}`, rules)).toMatchObject({ kind: 'rewrite', to: `registry.new/a:1@${DIGEST}`, note: null });
  });

  it('skip a result the rules would rewrite again, and leave alone one they make again', () => {
    expect(rewriteImage('node:16', rulesOf(['node:*=node:*-slim']))).toMatchObject({ kind: 'skip' });
    expect(rewriteImage('node:20', rulesOf(['node:*=node:20']))).toEqual({ kind: 'same' });
  });
});

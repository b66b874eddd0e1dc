import { describe, expect, it } from 'vitest';
import { isDockerfileName } from '../src/runner/files.js';

describe('isDockerfileName', () => {
  it('takes the names people give Dockerfiles', () => {
    for (const name of [
      'Dockerfile', 'dockerfile', 'DOCKERFILE', 'Containerfile', 'containerfile', 'Dockerfile.prod', 'Dockerfile.Prod',
      'dockerfile.dev', 'Dockerfile-alpine', 'Dockerfile-Newest', 'Dockerfile.fpm-alpine', 'Dockerfile.chained.final',
      'Dockerfile.nix', 'Dockerfile.test', 'Dockerfile.go', 'Dockerfile.python', 'Containerfile-rootless',
      'api.Dockerfile', 'web.dockerfile', 'v14-debug.Dockerfile', 'app.containerfile', 'App.Containerfile',
    ]) {
      expect(isDockerfileName(name), name).toBe(true);
    }
  });

  it('leaves templates, backups, ignore files and files merely named after Dockerfiles', () => {
    for (const name of [
      'Dockerfile.j2', 'Dockerfile.template', 'Dockerfile.tmpl', 'Dockerfile.in', 'Dockerfile.jinja', 'Dockerfile.erb',
      'Dockerfile.m4', 'Dockerfile.prod.j2', 'Dockerfile-alpine.template', 'Dockerfile.bak', 'Dockerfile.orig',
      'Dockerfile.swp', 'Dockerfile~', 'api.Dockerfile~', 'Dockerfile-old', 'Dockerfile.dockerignore',
      'api.Dockerfile.dockerignore', '.dockerignore', 'Dockerfile.lock', 'Dockerfile.md', 'Dockerfile.yml',
      'dockerfile.go', 'dockerfile.py', 'dockerfile.ts', 'Dockerfile.', 'Dockerfile-', 'dockerfiles', 'Dockerfiles',
      'mydockerfile', 'x.Dockerfile.bak', '.dockerfile', 'Makefile',
    ]) {
      expect(isDockerfileName(name), name).toBe(false);
    }
  });
});

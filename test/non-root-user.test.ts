import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import { memoryContext } from '../src/runner/context.js';
import { chainRuns } from '../transforms/chain-runs/index.js';
import { classifyImage, createUserCommands, parseImageRef } from '../transforms/shared/base-images.js';
import { nonRootUser, planNonRootUser, type Plan } from '../transforms/non-root-user/index.js';
import type { TransformOptions } from '../src/transform-types.js';
import { propertyViolations } from './helpers/properties.js';

beforeAll(initShell);

const plan = (text: string, files: Record<string, string> = {}, options: TransformOptions = {}): Plan =>
  planNonRootUser(parseDockerfile(text), { context: memoryContext(files), options });
const code = (p: Plan) => (p.action === 'skip' ? p.code : p.action === 'fix' ? p.how : 'none');
/** non-root-user's fixes are unsafe: these tests apply them. */
const UNSAFE: TransformOptions = { unsafeFixes: true };
const run = (text: string, options: TransformOptions = {}) =>
  transformText(text, { transforms: [nonRootUser], options: { ...UNSAFE, ...options } }).output;

describe('parseImageRef', () => {
  it('recognises official images under their aliases', () => {
    expect(parseImageRef('python:3.12-slim')).toMatchObject({ official: 'python', tag: '3.12-slim', registry: null });
    expect(parseImageRef('docker.io/library/node:20')).toMatchObject({ official: 'node', tag: '20' });
    expect(parseImageRef('arm32v7/alpine:3.20')).toMatchObject({ official: 'alpine', tag: '3.20' });
    expect(parseImageRef('public.ecr.aws/docker/library/debian:bookworm')).toMatchObject({ official: 'debian' });
    expect(parseImageRef('Ubuntu')).toMatchObject({ official: 'ubuntu', tag: 'latest' });
  });
  it('splits registries, ports and digests', () => {
    expect(parseImageRef('localhost:5000/team/app:1.0')).toMatchObject({ registry: 'localhost:5000', path: 'team/app', tag: '1.0', official: null });
    expect(parseImageRef('gcr.io/distroless/static@sha256:abc')).toMatchObject({ registry: 'gcr.io', path: 'distroless/static', tag: '' });
    expect(parseImageRef('alpine:3.20@sha256:abc')).toMatchObject({ official: 'alpine', tag: '3.20' });
  });
});

describe('classifyImage', () => {
  const kind = (image: string) => {
    const b = classifyImage(image);
    return b.kind === 'create' ? `create:${b.family}` : b.kind === 'shipped' ? `shipped:${b.user}:${b.defaultNonRoot}` : b.kind;
  };
  it.each([
    ['ubuntu:22.04', 'create:debian'],
    ['debian:bookworm-slim', 'create:debian'],
    ['buildpack-deps:jammy', 'create:debian'],
    ['python:3.12', 'create:debian'],
    ['python:3.12-alpine', 'create:alpine'],
    ['ruby:3.3-slim-bookworm', 'create:debian'],
    ['golang:1.22', 'create:debian'],
    ['rust:1-slim', 'create:debian'],
    ['php:8.3-cli', 'create:debian'],
    ['openjdk:11-jre-slim', 'create:debian'],
    ['openjdk:8', 'create:debian'],
    ['openjdk:8-jdk-alpine', 'create:alpine'],
    ['eclipse-temurin:21-jre', 'create:debian'],
    ['eclipse-temurin:21-jre-alpine', 'create:alpine'],
    ['alpine', 'create:alpine'],
    ['busybox:musl', 'create:alpine'],
    ['centos:7', 'create:redhat'],
    ['fedora:40', 'create:redhat'],
    ['almalinux:9', 'create:redhat'],
    ['amd64/almalinux:8', 'create:redhat'],
    ['registry.access.redhat.com/ubi8/ubi', 'create:redhat'],
    ['registry.access.redhat.com/ubi9', 'create:redhat'],
    ['cgr.dev/chainguard/wolfi-base', 'create:alpine'],
    ['scratch', 'scratch'],
    ['node:20', 'shipped:node:false'],
    ['node:20-alpine', 'shipped:node:false'],
    ['gcr.io/distroless/base-debian12', 'shipped:nonroot:false'],
    ['gcr.io/distroless/static-debian12:nonroot', 'shipped:nonroot:true'],
    ['gcr.io/distroless/java21-debian12:debug-nonroot', 'shipped:nonroot:true'],
    ['cgr.dev/chainguard/static:latest', 'shipped:nonroot:true'],
    ['cgr.dev/chainguard/jre', 'nonroot-default'],
    ['jenkins/jenkins:lts', 'shipped:jenkins:true'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', 'shipped:$APP_UID:false'],
    ['mcr.microsoft.com/dotnet/runtime-deps:9.0-alpine', 'shipped:$APP_UID:false'],
    ['mcr.microsoft.com/dotnet/aspnet:6.0', 'root'],
    ['postgres:16', 'root'],
    ['library/redis:7', 'root'],
    ['nginx:alpine', 'root'],
    ['httpd:2.4', 'root'],
    ['docker:dind', 'root'],
    ['php:8.3-apache', 'root'],
    ['php:8.3-fpm-alpine', 'root'],
    ['tomcat:10', 'root'],
    ['bitnami/postgresql', 'root'],
    ['lscr.io/linuxserver/sonarr', 'root'],
    ['registry.access.redhat.com/ubi9/ubi-init', 'root'],
    ['openjdk:17', 'unknown'],
    ['openjdk:21-oraclelinux8', 'unknown'],
    ['eclipse-temurin:21-ubi9-minimal', 'unknown'],
    ['registry.access.redhat.com/ubi9/ubi-minimal', 'unknown'],
    ['rockylinux:9-minimal', 'unknown'],
    ['python:3.12-windowsservercore', 'unknown'],
    ['mcr.microsoft.com/devcontainers/base:bookworm', 'unknown'],
    ['maven:3-eclipse-temurin-21', 'unknown'],
    ['mycompany/app-base', 'unknown'],
  ])('%s → %s', (image, expected) => expect(kind(image)).toBe(expected));
});

describe('createUserCommands', () => {
  it('uses shadow-utils for Debian and Red Hat, BusyBox for Alpine', () => {
    expect(createUserCommands('debian', 'app', undefined)).toEqual([
      'groupadd --system app',
      'useradd --system --no-log-init --gid app --create-home app',
    ]);
    expect(createUserCommands('redhat', 'svc', 10001)).toEqual([
      'groupadd --system --gid 10001 svc',
      'useradd --system --no-log-init --uid 10001 --gid svc --create-home svc',
    ]);
    expect(createUserCommands('alpine', 'app', 10001)).toEqual(['addgroup -S -g 10001 app', 'adduser -S -G app -u 10001 app']);
  });
});

describe('non-root-user decisions', () => {
  it('treats USER 0 and root:group as root', () => {
    expect(code(plan('FROM alpine:3.20\nUSER 0:0\nRUN apk add --no-cache curl\nCMD ["curl"]\n'))).toBe('create:alpine');
    expect(code(plan('FROM alpine:3.20\nUSER root:root\nRUN apk add --no-cache curl\nCMD ["curl"]\n'))).toBe('create:alpine');
    expect(code(plan('FROM alpine:3.20\nUSER 1000\nCMD ["sh", "-c", "id"]\n'))).toBe('none');
  });
  it('follows USER through FROM <stage>', () => {
    const text = 'FROM python:3.12-slim AS base\nRUN useradd -m u\nUSER u\n\nFROM base\nCOPY a.py /a.py\nCMD ["python", "/a.py"]\n';
    expect(code(plan(text))).toBe('none');
  });
  it('resolves USER values through ARG defaults', () => {
    const text = 'FROM alpine:3.20\nARG RUNAS=root\nUSER ${RUNAS}\nRUN apk add --no-cache curl\nCMD ["curl"]\n';
    expect(code(plan(text))).toBe('create:alpine');
  });
  it('leaves builder stages alone', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nCMD ["/app"]\n';
    const out = run(text);
    const finalFrom = text.indexOf('FROM scratch');
    expect(out.slice(0, finalFrom)).toBe(text.slice(0, finalFrom));
    expect(out).toContain('USER 65532:65532\nCMD');
    expect(out).not.toMatch(/RUN [^\n]*(useradd|adduser)/);
  });
  it('reads an entrypoint script copied with COPY . into the working directory', () => {
    const text = 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nCMD ["./start.sh"]\n';
    expect(code(plan(text, { 'start.sh': '#!/bin/bash\nexec su-exec app python main.py\n' }))).toBe('privilege-switch');
    expect(code(plan(text, { 'start.sh': '#!/bin/bash\nexec python main.py\n' }))).toBe('create:debian');
    expect(code(plan(text))).toBe('unreadable-script');
  });
  it('does not read programs that are not shell scripts', () => {
    const text = 'FROM python:3.12-slim\nCOPY run.py /usr/local/bin/run.py\nCMD ["/usr/local/bin/run.py"]\n';
    expect(code(plan(text, { 'run.py': '#!/usr/bin/env python3\nimport os\nos.system("chown x y")\n' }))).toBe('create:debian');
  });
  it('reports users created for something else to switch to, even with bundled flags', () => {
    expect(code(plan('FROM ubuntu:24.04\nRUN useradd -ms /bin/bash dev\nCOPY a /a\nCMD ["/a"]\n'))).toBe('created-user');
    expect(code(plan('FROM ubuntu:24.04\nRUN adduser --disabled-password --gecos "" dev\nCOPY a /a\nCMD ["/a"]\n'))).toBe('created-user');
    // `adduser user group` only adds an existing user to a group.
    expect(code(plan('FROM ubuntu:24.04\nRUN adduser www-data staff\nCOPY a /a\nCMD ["/a"]\n'))).toBe('create:debian');
    // ... but adding one to a device group means the image uses devices.
    expect(code(plan('FROM ubuntu:24.04\nRUN adduser www-data video\nCOPY a /a\nCMD ["/a"]\n'))).toBe('device');
  });
  it('reads ports from ENV URLs', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_URLS=http://+:80\nCOPY out/ /app/\nENTRYPOINT ["dotnet", "/app/Web.dll"]\n';
    expect(code(plan(text))).toBe('low-port');
  });
  it('accepts a VOLUME the file already gave away with chown', () => {
    const text = 'FROM python:3.12-slim\nRUN useradd -m worker\nUSER worker\nUSER root\nRUN mkdir /data && chown worker /data\nVOLUME /data\nCMD ["python", "-m", "http.server", "8000"]\n';
    expect(code(plan(text))).toBe('restore');
  });
  it('rejects a root uid option', () => {
    expect(code(plan('FROM debian:bookworm-slim\nCOPY a /a\nCMD ["/a"]\n', {}, { uid: 0 }))).toBe('bad-option');
  });
  it('reports every skip with a line and a reason', () => {
    const m = parseDockerfile('FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n');
    const r = nonRootUser.run(m, { context: memoryContext({}), options: {} });
    expect(r.fixes).toEqual([]);
    expect(r.skips).toHaveLength(1);
    expect(r.skips[0].line).toBe(1);
    expect(r.skips[0].reason).toMatch(/nginx/);
  });
});

describe('non-root-user: paths the app writes', () => {
  const reason = (p: Plan) => (p.action === 'skip' ? p.skip.reason : p.action === 'fix' ? p.fix.message : '');
  it('names the directory, the RUN that made it and what names it', () => {
    const p = plan('FROM debian:12\nRUN mkdir /datastore\nCOPY app /app\nCMD ["/app", "--data", "/datastore/db"]\n');
    expect(reason(p)).toContain('gives app:app /datastore (created by RUN on line 2, named by CMD on line 4)');
  });
  it('does not chown directories every image has, nor directories already given away', () => {
    expect(reason(plan('FROM debian:12\nRUN mkdir -p /opt\nCOPY app /opt/app\nCMD ["/opt/app"]\n'))).not.toContain('gives');
    expect(reason(plan('FROM debian:12\nRUN mkdir -m 777 /data\nCOPY app /app\nCMD ["/app", "/data"]\n'))).not.toContain('gives');
    expect(reason(plan('FROM debian:12\nRUN mkdir /data && chmod 1777 /data\nCOPY app /app\nCMD ["/app", "/data"]\n'))).not.toContain('gives');
  });
  it('chowns a directory the build fills only when startup writes there or it is a VOLUME', () => {
    const filled = 'FROM debian:12\nRUN mkdir /srv/x && tar -xzf /tmp/a.tgz -C /srv/x\nCOPY app /app\n';
    expect(reason(plan(`${filled}CMD ["/app", "--config", "/srv/x/conf.yml"]\n`))).not.toContain('gives');
    expect(reason(plan(`${filled}CMD ["/app", "/srv/x"]\n`))).not.toContain('gives');
    expect(reason(plan(`${filled}VOLUME /srv/x\nCMD ["/app"]\n`))).toContain('gives app:app /srv/x (created by RUN on line 2, named by VOLUME on line 4)');
    expect(reason(plan(`${filled}CMD /app > /srv/x/out.log\n`))).toContain('gives app:app /srv/x (created by RUN on line 2, written by CMD on line 4: > /srv/x/out.log)');
  });
  it('leaves a file under a made directory alone when a COPY put it there', () => {
    expect(reason(plan('FROM debian:12\nRUN mkdir /srv/app\nCOPY app /srv/app/app\nCMD ["/srv/app/app"]\n'))).not.toContain('gives');
  });
  it('skips when the directory is frozen by a VOLUME of an earlier stage', () => {
    const p = plan('FROM debian:12 AS base\nRUN mkdir /data\nVOLUME /data\nFROM base\nCOPY app /app\nCMD ["/app", "/data"]\n');
    expect(code(p)).toBe('app-writes');
    expect(reason(p)).toMatch(/^\/data \(created by RUN on line 2, named by .*\) is owned by root: the VOLUME on line 3/);
  });
  it('reads what an entrypoint script writes', () => {
    const files = { 'start.sh': '#!/bin/sh\necho started > started.txt\nexec /app\n' };
    expect(code(plan('FROM debian:12\nWORKDIR /srv\nCOPY start.sh app /srv/\nCMD ["./start.sh"]\n', files))).toBe('app-writes');
    expect(code(plan('FROM debian:12\nRUN mkdir /srv/x\nWORKDIR /srv/x\nCOPY start.sh app ./\nCMD ["./start.sh"]\n', files))).toBe('create:debian');
  });
  it('keeps build-time dotfiles of root apart from state under /root', () => {
    expect(code(plan('FROM debian:12\nRUN echo "gem: --no-document" > /root/.gemrc\nCOPY app /app\nCMD ["/app"]\n'))).toBe('create:debian');
    expect(code(plan('FROM debian:12\nRUN mkdir -p /root/.local/state\nCOPY app /app\nCMD ["/app"]\n'))).toBe('root-home');
    expect(code(plan('FROM debian:12\nCOPY app /app\nVOLUME /root/data\nCMD ["/app"]\n'))).toBe('root-home');
  });
});

describe('non-root-user: unknown base images', () => {
  it('infers the family only when one package manager family is used', () => {
    expect(code(plan('FROM acme/base\nRUN apt-get update && apk add curl\nCOPY a /a\nENTRYPOINT ["/a"]\n'))).toBe('unknown-base');
    expect(code(plan('FROM acme/base AS b\nRUN yum install -y curl\nFROM b\nCOPY a /a\nENTRYPOINT ["/a"]\n'))).toBe('create:redhat');
  });
  it('accepts microdnf when shadow-utils is installed', () => {
    expect(code(plan('FROM acme/min\nRUN microdnf install -y shadow-utils\nCOPY a /a\nENTRYPOINT ["/a"]\n'))).toBe('create:redhat');
  });
  it('needs an ENTRYPOINT of its own that it can read', () => {
    expect(code(plan('FROM acme/base\nRUN apk add curl\nCOPY a /a\nENTRYPOINT /a --serve\n'))).toBe('create:alpine');
    expect(code(plan('FROM acme/base\nRUN apk add curl\nCOPY a /a\nENTRYPOINT ["/usr/bin/base-tool"]\n'))).toBe('unknown-base');
  });
});

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');

describe.skipIf(!existsSync(CORPUS))('corpus (../shared/corpus)', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')).sort() : [];
  const read = (f: string) => readFileSync(join(CORPUS, f), 'utf8');
  const strip = (s: string) => (s.startsWith('\uFEFF') ? s.slice(1) : s);

  it('alone: keeps the properties, changes only the final stage, and a second run changes nothing', () => {
    const added: Record<string, number> = {};
    const left: Record<string, number> = {};
    const failures: string[] = [];
    for (const f of files) {
      const input = read(f);
      const model = parseDockerfile(strip(input));
      if (model.stages.length === 0) continue;
      const p = planNonRootUser(model, { context: memoryContext({}), options: {} });
      if (p.action === 'fix') added[p.how] = (added[p.how] ?? 0) + 1;
      else if (p.action === 'skip') left[p.code] = (left[p.code] ?? 0) + 1;
      else left['(already non-root)'] = (left['(already non-root)'] ?? 0) + 1;

      const first = transformText(input, { transforms: [nonRootUser], options: UNSAFE });
      const problems = propertyViolations(input, first.output);
      if (problems.length) failures.push(`${f}: ${problems.join('; ')}`);
      if (first.fixes.length !== (p.action === 'fix' ? 1 : 0)) failures.push(`${f}: ${first.fixes.length} fixes`);
      const finalFrom = model.stages[model.stages.length - 1].from.lineStart;
      if (strip(first.output).slice(0, finalFrom) !== model.text.slice(0, finalFrom)) failures.push(`${f}: changed text before the final stage`);
      if (transformText(first.output, { transforms: [nonRootUser], options: UNSAFE }).output !== first.output) failures.push(`${f}: a second run changed the file`);
    }
    console.log(`non-root-user over ${files.length} corpus files\n  users added: ${JSON.stringify(added)}\n  left alone: ${JSON.stringify(left)}`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('with chain-runs: keeps the properties, converges, and a second run changes nothing', () => {
    const failures: string[] = [];
    const transforms = [chainRuns, nonRootUser];
    for (const f of files) {
      const input = read(f);
      if (parseDockerfile(strip(input)).stages.length === 0) continue;
      const first = transformText(input, { transforms, options: UNSAFE });
      const problems = propertyViolations(input, first.output);
      if (problems.length) failures.push(`${f}: ${problems.join('; ')}`);
      if (transformText(first.output, { transforms, options: UNSAFE }).output !== first.output) failures.push(`${f}: a second run changed the file`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

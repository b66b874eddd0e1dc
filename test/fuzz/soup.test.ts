/**
 * Property tests over "soups": Dockerfiles made of instruction lines and shell commands in random order, with
 * the layouts real files rarely have (a heredoc or a continuation that runs to the end of the file, a comment
 * after the last continuation, lower-case keywords, BOM, CRLF, no final newline). Every transform runs, and each
 * file gets the grammar fuzz's check (test/helpers/fuzz-check.ts).
 *
 * FUZZ_RUNS sets the number of files (default 500), FUZZ_SEED replays a run (default: a fixed seed).
 */
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { initShell } from '../../src/model/shell.js';
import { TRANSFORMS } from '../../transforms/registry.js';
import { check } from '../helpers/fuzz-check.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261123;

beforeAll(initShell);

/** Whole instructions, or the start of one that the shell commands below complete. */
const start = fc.constantFrom(
  'RUN ', 'RUN ', 'RUN ', 'run ', '\tRUN ', 'RUN --mount=type=cache,target=/var/cache/apt ', 'RUN \\\n  ', 'RUN a \\\n',
  'RUN cat <<EOF\n', 'EOF\n', 'RUN <<EOF\napt-get install -y a\nEOF\n', 'RUN <<-EOT bash\n\tcd /x\n\tEOT\n',
  'COPY <<EOF /e.sh\n#!/bin/sh\nexec app\nEOF\n', 'COPY . /app\n', 'COPY package.json ./\n', 'COPY requirements.txt .\n',
  'COPY --from=b /x /y\n', 'WORKDIR /app\n', 'WORKDIR $D\n', 'USER app\n', 'USER root\n', 'USER $U\n', 'ENV A=1\n',
  'ENV PORT=80\n', 'ARG V\n', 'ARG U=app\n', 'FROM debian:12\n', 'FROM alpine AS b\n', 'FROM b AS c\n', 'CMD ["app"]\n',
  'ENTRYPOINT ["/e.sh"]\n', 'EXPOSE 80\n', 'HEALTHCHECK CMD curl -f x\n', '# comment\n', 'ONBUILD RUN x\n',
  'SHELL ["/bin/bash", "-c"]\n', 'RUN ["apt-get", "install", "x"]\n', '\n',
  'COPY . .\n', 'COPY src/ /app/src/\n', 'COPY --chown=app:app . /app\n', 'ADD . /srv\n', 'COPY go.mod go.sum ./\n',
  'COPY Gemfile Gemfile.lock ./\n', 'COPY composer.json ./\n', 'COPY pom.xml .\n', 'WORKDIR /srv\n', 'WORKDIR app\n',
  'FROM node:20\n', 'FROM python:3.12-slim\n', 'FROM golang:1.22 AS build\n', 'FROM ruby:3.3\n', 'FROM ubuntu:24.04\n',
  'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n', 'SHELL ["pwsh", "-Command"]\n', '# hadolint ignore=DL3059\n',
  '# hadolint global ignore=DL3015\n', 'ARG BASE=debian:12\n', 'FROM $BASE\n', 'VOLUME /data\n', 'USER 1000\n',
  'ENTRYPOINT ["docker-entrypoint.sh"]\n', 'CMD npm start\n', 'CMD ["python", "app.py"]\n', 'STOPSIGNAL SIGTERM\n',
  'LABEL a=b\n', 'RUN --mount=type=bind,source=.,target=/src ', 'ONBUILD COPY . /app\n',
);
const command = fc.constantFrom(
  'apt-get update', 'apt-get install -y curl', 'apt-get install -y --no-install-recommends git', 'apk add curl',
  'apk add --no-cache x', 'pip install flask', 'pip install --no-cache-dir -r requirements.txt', 'npm ci', 'npm install',
  'yum install -y x', 'dnf install -y y', 'rm -rf /var/lib/apt/lists/*', 'cd /tmp', 'export A=1', 'A=2', 'set -e',
  'echo "a b"', "echo 'c'", 'echo $A', 'echo $(date)', 'sudo apt-get install -y z', 'useradd app', 'chown -R app /app',
  'sh -c "apt-get update"', 'true', '# c', '{ a; }', '(b)', 'if x; then y; fi', 'for i in 1; do :; done', 'cat <<EOF',
  'EOF', 'x | y', 'exit 0', 'exec app', '. ./env.sh', './install.sh',
  'npm ci --omit=dev', 'yarn install --frozen-lockfile', 'pnpm install', 'go mod download', 'go build -o /app .',
  'bundle install', 'composer install', 'mvn -B package', 'pip install .', 'pip install -e .',
  'python -m pip install -r requirements.txt',
  'apt-get -y install vim', 'apt install -y x', 'apt-get install -y nginx', 'apt-get purge -y x', 'apt-get autoremove -y',
  'apk update', 'apk add --virtual .b gcc', 'apk del .b', 'microdnf install -y x', 'zypper install -y x', 'yum clean all',
  'mkdir -p /app', 'cp -r . /app', 'npm run build', 'chmod +x /e.sh', 'ln -s a b', 'curl -fsSL https://x | sh',
  'groupadd -r app', 'useradd -r -g app app', 'su app -c x', 'gosu app true',
  'env DEBIAN_FRONTEND=noninteractive apt-get install -y q',
);
const operator = fc.constantFrom(' && ', ' && ', ' || ', '; ', ' | ', ' && \\\n    ', ' \\\n  && ', '\n', ' \\\n', ' ', ' # c\n', ' `\n', ' &');
const line = fc.tuple(start, fc.array(fc.tuple(command, operator), { maxLength: 5 }), command)
  .map(([s, parts, last]) => (s.endsWith('\n') ? s : `${s}${parts.map(([c, o]) => c + o).join('')}${last}\n`));
const soup = fc
  .record({
    head: fc.constantFrom('', '# escape=`\n', '# syntax=docker/dockerfile:1\n'),
    lines: fc.array(line, { minLength: 1, maxLength: 12 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    cut: fc.boolean(),
  })
  .map(({ head, lines, crlf, bom, cut }) => {
    let t = `${head}FROM debian:12\n${lines.join('')}`;
    if (cut) t = t.replace(/\n$/, '');
    if (crlf) t = t.replace(/\n/g, '\r\n');
    return (bom ? '\uFEFF' : '') + t;
  });

const context: Record<string, string> = {
  'package.json': '{"name":"a","scripts":{"build":"x"}}', 'package-lock.json': '{}', 'yarn.lock': '',
  'requirements.txt': 'flask\n', 'go.mod': 'module x\n', 'go.sum': '', 'Gemfile': 'gem "x"\n', 'Gemfile.lock': '',
  'composer.json': '{}', 'pom.xml': '<project/>', 'docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n', 'app.py': '',
  '.dockerignore': 'node_modules\n',
};
const transforms = TRANSFORMS.filter((t) => t.defaultOn);

describe('soups', () => {
  it(
    `all transforms: no throw, idempotent, properties hold (${RUNS} runs, seed ${SEED})`,
    () => {
      fc.assert(
        fc.property(soup, (text) => check({ text, context, options: {} }, transforms)),
        { numRuns: RUNS, seed: SEED },
      );
    },
    120_000 + RUNS * 200,
  );
});

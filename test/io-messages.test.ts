import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeBytes, escapeName } from '../src/report/escape.js';
import { CHAINABLE, CHAINED, CLI, cliEnv, ensureBuilt, makeTree, removeTrees, runChain } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

describe('file names in messages', () => {
  it('escapeName writes control characters, separators and backslashes as escapes; plain names unchanged', () => {
    expect(escapeName('svc/Dockerfile')).toBe('svc/Dockerfile');
    expect(escapeName('café/Dockerfile')).toBe('café/Dockerfile');
    expect(escapeName('a\nb\r\t\x1b[31m\x7f\u0085\u2028\\')).toBe('a\\nb\\r\\t\\x1b[31m\\x7f\\x85\\u2028\\');
    expect(escapeName('bad\ufffd\ud800')).toBe('bad\\ufffd\\ud800');
    expect(escapeBytes(Buffer.from([0x61, 0xe9, 0x2f, 0xc3, 0xa9, 0x0a]))).toBe('a\\xe9/é\\n');
  });

  it('a Dockerfile whose directory has a newline, an escape sequence or a tab in its name: every message one line', () => {
    const names = ['new\nline/Dockerfile', 'red\x1b[31m/Dockerfile', 'tab\tname/Dockerfile'];
    const dir = makeTree(Object.fromEntries([...names.map((n) => [n, CHAINABLE]), ['bad\nfrom/Dockerfile', 'RUN a\n']]));
    const r = runChain(['--verbose'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('\x1b');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'bad\\nfrom/Dockerfile: error: no FROM instruction: not a Dockerfile',
      'fixed new\\nline/Dockerfile: 1 fix (chain-runs)',
      'fixed red\\x1b[31m/Dockerfile: 1 fix (chain-runs)',
      'fixed tab\\tname/Dockerfile: 1 fix (chain-runs)',
      expect.stringMatching(/^4 files checked: 3 changed/),
    ]);
    for (const n of names) expect(read(dir, n)).toBe(CHAINED);
  });
});

describe('names that are not UTF-8', () => {
  it('a directory and a file with non-UTF-8 names are found, shown escaped, diffed for git apply and patch, written', () => {
    const dir = makeTree({ 'good/Dockerfile': CHAINABLE });
    const root = Buffer.from(dir);
    const sub = Buffer.concat([root, Buffer.from('/caf'), Buffer.from([0xe9])]);
    mkdirSync(sub);
    writeFileSync(Buffer.concat([sub, Buffer.from('/Dockerfile')]), CHAINABLE);
    writeFileSync(Buffer.concat([root, Buffer.from('/x'), Buffer.from([0xff]), Buffer.from('.Dockerfile')]), CHAINABLE);
    const dry = runChain(['--dry-run', '-j', '2'], { cwd: dir });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--- "a/caf\\351/Dockerfile"\n+++ "b/caf\\351/Dockerfile"\n');
    expect(dry.stdout).toContain('--- "a/x\\377.Dockerfile"\n');
    expect(spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: dry.stdout }).status).toBe(0);
    expect(spawnSync('patch', ['-p1', '--dry-run', '-s'], { cwd: dir, input: dry.stdout }).status).toBe(0);
    const r = runChain([], { cwd: dir });
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'fixed caf\\xe9/Dockerfile: 1 fix (chain-runs)',
      'fixed good/Dockerfile: 1 fix (chain-runs)',
      'fixed x\\xff.Dockerfile: 1 fix (chain-runs)',
    ]);
    expect(readFileSync(Buffer.concat([sub, Buffer.from('/Dockerfile')]), 'utf8')).toBe(CHAINED);
  });
});

describe('output streams', () => {
  it.skipIf(!existsSync('/dev/full'))('stdout failing (a full disk) is exit 2 with a message on stderr', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" -t chain-runs --dry-run . > /dev/full`], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('docker-codemod: error: cannot write to stdout: ENOSPC\n');
    expect(read(dir, 'Dockerfile')).toBe(CHAINABLE);
  });

  it('stdout and stderr into one pipe: every line is a whole diff line or a whole message', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`d${String(i).padStart(2, '0')}/Dockerfile`] = i % 3 === 0 ? 'RUN a\n' : CHAINABLE;
    const dir = makeTree(files);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" -t chain-runs -j 2 --dry-run . 2>&1 | cat`], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    const lines = r.stdout.trimEnd().split('\n');
    const diffLine = /^(--- a\/|\+\+\+ b\/|@@ |[ +-])/;
    const message = /^(d\d\d\/Dockerfile: error: no FROM instruction: not a Dockerfile|60 files checked: .*)$/;
    expect(lines.filter((l) => !diffLine.test(l) && !message.test(l))).toEqual([]);
    expect(lines.filter((l) => message.test(l)).length).toBe(21);
  });
});

describe('encodings and line endings Docker does not read as text lines', () => {
  it('CR-only line endings: a one-line error (exit 2), the file untouched', () => {
    const cr = 'FROM debian\rRUN a\rRUN b\r';
    const dir = makeTree({ 'mac/Dockerfile': cr, 'good/Dockerfile': CHAINABLE });
    const r = runChain([], { cwd: dir });
    expect(r.stderr).toContain('mac/Dockerfile: error: CR-only line endings are not supported (Docker reads such a file as one line); convert the line endings to LF or CRLF\n');
    expect(r.status).toBe(2);
    expect(read(dir, 'mac/Dockerfile')).toBe(cr);
    expect(read(dir, 'good/Dockerfile')).toBe(CHAINED);
  });

  it('UTF-16, with or without a byte-order mark: a one-line error (exit 2), not a binary skip', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CHAINABLE, 'utf16le')]);
    const be = Buffer.from(Buffer.from(CHAINABLE, 'utf16le')).swap16();
    const bare = Buffer.from(CHAINABLE, 'utf16le');
    const dir = makeTree({ 'le/Dockerfile': le, 'be/Dockerfile': Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'bare/Dockerfile': bare });
    const r = runChain([], { cwd: dir });
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'bare/Dockerfile: error: UTF-16 is not supported; convert the file to UTF-8',
      'be/Dockerfile: error: UTF-16 is not supported; convert the file to UTF-8',
      'le/Dockerfile: error: UTF-16 is not supported; convert the file to UTF-8',
      expect.stringMatching(/^3 files checked/),
    ]);
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'le/Dockerfile'))).toEqual(le);
    // A binary file with scattered NULs is still only skipped.
    const bin = makeTree({ Dockerfile: Buffer.from('FROM debian\nRUN a\0\nRUN b\n') });
    expect(runChain([], { cwd: bin }).stderr).toContain('Dockerfile: binary file, skipped');
  });
});

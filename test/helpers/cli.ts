import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/src/cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  let built: number;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'transforms'))) > built;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The tests run the compiled CLI: build it when dist/ is missing or older than a source file. A lock directory
 * keeps test files running in parallel from building at the same time.
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  // One lock per checkout: test runs of other checkouts build their own dist/.
  const lock = join(tmpdir(), `docker-codemod-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held too long; remove it`);
      sleep(200);
    }
  }
  try {
    if (!isStale()) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // tsc still emits on type errors; only a missing CLI is fatal.
    if (r.status !== 0 && isStale()) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
    if (r.status !== 0) console.warn(`tsc reported errors (the CLI was still emitted):\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout as bytes (for byte-exact comparisons). */
  out: Buffer;
}

export interface CliRunOptions {
  cwd: string;
  input?: string | Buffer;
  /** Added to a copy of the environment with NO_COLOR and FORCE_COLOR removed; undefined deletes a variable. */
  env?: Record<string, string | undefined>;
  uid?: number;
  gid?: number;
  timeoutMs?: number;
}

/** The environment a CLI test run gets: no color variables unless a test sets them. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Run `node dist/src/cli.js args…` in `cwd` and wait for it. */
export function runCli(args: string[], opts: CliRunOptions): CliResult {
  const options: SpawnSyncOptions = {
    cwd: opts.cwd,
    input: opts.input,
    env: cliEnv(opts.env),
    timeout: opts.timeoutMs ?? 30_000,
    maxBuffer: 256 * 1024 * 1024,
  };
  if (opts.uid !== undefined) options.uid = opts.uid;
  if (opts.gid !== undefined) options.gid = opts.gid;
  const r = spawnSync(process.execPath, [CLI, ...args], options);
  if (r.error) throw r.error;
  const out = r.stdout as Buffer;
  return { status: r.status, stdout: out.toString('utf8'), stderr: (r.stderr as Buffer).toString('utf8'), out };
}

const trees: string[] = [];

/**
 * Run the CLI with chain-runs as the only transform, so the expected outputs stay exact whatever other
 * transforms the registry turns on by default.
 */
export function runChain(args: string[], opts: CliRunOptions): CliResult {
  return runCli(['-t', 'chain-runs', ...args], opts);
}

/** A fresh temporary directory holding `files` (path → content), readable by every user. */
export function makeTree(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dcm-test-'));
  trees.push(dir);
  chmodSync(dir, 0o755);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Remove every directory makeTree made (call in afterAll). */
export function removeTrees(): void {
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Paths named in `fixed …` / `would fix …` lines of stderr, in order. */
export function changedPaths(stderr: string): string[] {
  return [...stderr.matchAll(/^(?:fixed|would fix) (.+?): \d+ fix/gm)].map((m) => m[1]);
}

/** Two RUNs chain-runs joins; the fixture every CLI test transforms. */
export const CHAINABLE = 'FROM debian\nRUN a\nRUN b\n';
export const CHAINED = 'FROM debian\nRUN a && \\\n    b\n';

#!/usr/bin/env node
// Dry-run benchmarks of the built CLI and library (run `npm run build` first).
//   node scripts/bench.mjs [corpus-dir]        default: ../shared/corpus/files next to the repository
// Prints: in-process and CLI throughput, cold start on one file, peak RSS, a 1,000 / 10,000 file scale run (the
// 10,000 also with --jobs 2), and the figures against the targets. Timings on a shared machine vary by 10-20% from
// run to run: compare several runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/src/cli.js');
const corpus = resolve(process.argv[2] ?? join(root, '../shared/corpus/files'));

if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
  console.log(`corpus not found at ${corpus}: nothing to measure (pass a directory of Dockerfiles as the argument)`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.log(`${cli} is missing: run npm run build first`);
  process.exit(1);
}

const lib = await import(join(root, 'dist/src/index.js'));
const seconds = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const rate = (n, ms) => Math.round((n * 1000) / ms);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run the CLI; stdout is read and dropped (as a pager or file would take it). */
function runCli(args, { timed = true } = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { maxBuffer: 1 << 30, encoding: 'buffer' });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 2) throw new Error(`cli exited ${r.status}: ${r.stderr}`);
  return { ms, status: r.status, stderr: r.stderr.toString() };
}

/** Run the CLI under /usr/bin/time -v when present, for its peak RSS as well. */
function timedCli(args) {
  if (!existsSync('/usr/bin/time')) return { ...runCli(args), rssMb: null, cpuMs: null };
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], { maxBuffer: 1 << 30, encoding: 'buffer' });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 2) throw new Error(`cli exited ${r.status}: ${r.stderr}`);
  const err = r.stderr.toString();
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  const user = /User time \(seconds\): ([\d.]+)/.exec(err);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
  // CPU time varies less than wall time on a shared machine: it leaves out waiting for the CPU.
  const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : null;
  return { ms, rssMb: kb ? Math.round(Number(kb[1]) / 1024) : null, cpuMs };
}

// (1) Throughput over the corpus: in-process through the library, then through the CLI.
await lib.initShell();
const found = lib.findDockerfiles([corpus]);
const files = found.files;
const transforms = lib.TRANSFORMS.filter((t) => t.defaultOn);
let changed = 0;
let failed = 0;
/** One dry run over the corpus in this process; returns milliseconds. */
function inProcess() {
  changed = 0;
  failed = 0;
  const t0 = performance.now();
  for (const f of files) {
    const r = lib.processFile(f.path, { transforms, context: lib.directoryContext(dirname(f.path)) });
    if (r.status === 'done' && r.changed) {
      lib.unifiedDiff(f.display, r.input, r.output);
      changed++;
    } else if (r.status === 'error') failed++;
  }
  return performance.now() - t0;
}
const firstMs = inProcess();
// Later rounds run compiled code: the cost per file a long run settles to.
const warmMs = Math.min(inProcess(), inProcess(), inProcess());
console.log(`corpus: ${corpus} (${files.length} files; ${changed} would change, ${failed} failed)`);
console.log(`transforms: ${transforms.map((t) => t.id).join(', ')}`);
console.log(`dry-run in-process ${files.length} files: first round ${seconds(firstMs)} s (${rate(files.length, firstMs)} files/s), best of 3 warm rounds ${seconds(warmMs)} s (${rate(files.length, warmMs)} files/s)`);
const viaCli = runCli(['--dry-run', corpus]);
console.log(`dry-run CLI ${files.length} files: ${seconds(viaCli.ms)} s, ${rate(files.length, viaCli.ms)} files/s`);

// (2) Cold start on one file: median of 7 spawns.
const one = files[0].path;
const colds = Array.from({ length: 7 }, () => runCli(['--dry-run', one]).ms);
const coldMs = median(colds);
console.log(`cold start (--dry-run on ${files[0].display}, median of 7): ${Math.round(coldMs)} ms`);

// (3) Peak RSS of the CLI over the corpus.
if (existsSync('/usr/bin/time')) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, '--dry-run', corpus], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  console.log(`peak RSS CLI over ${files.length} files: ${kb ? `${Math.round(Number(kb[1]) / 1024)} MB` : 'unknown'} (/usr/bin/time -v)`);
} else {
  const maxRss = process.resourceUsage().maxRSS;
  console.log(`peak RSS in-process over ${files.length} files: ${Math.round(maxRss / 1024)} MB (process.resourceUsage; /usr/bin/time not found)`);
}

/** A timed CLI run over `n` files, printed as one line. */
function scaleRun(label, n, args) {
  const r = timedCli(args);
  const cpu = r.cpuMs === null ? '' : `, CPU time ${seconds(r.cpuMs)} s`;
  console.log(`dry-run ${label}: ${seconds(r.ms)} s, ${rate(n, r.ms)} files/s, peak RSS ${r.rssMb ?? '?'} MB${cpu}`);
  return r;
}

// (4) Scale: the corpus replicated to 1,000 and 10,000 files with distinct names.
const texts = files.map((f) => readFileSync(f.path));
const scaleDir = mkdtempSync(join(tmpdir(), 'dcm-bench-'));
try {
  const results = [];
  for (const n of [1000, 10000]) {
    const dir = join(scaleDir, String(n));
    for (let i = 0; i < n; i++) {
      const sub = join(dir, String(Math.floor(i / 100)).padStart(3, '0'));
      if (i % 100 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `${String(i).padStart(5, '0')}.Dockerfile`), texts[i % texts.length]);
    }
    results.push(scaleRun(`${n} files`, n, ['--dry-run', dir]));
  }
  // The same 10,000 files in two worker threads (--jobs 2), for comparison; the targets are checked on one thread.
  scaleRun('10000 files --jobs 2', 10000, ['--dry-run', '--jobs', '2', join(scaleDir, '10000')]);
  const ratio = results[1].ms / results[0].ms;
  console.log(`scale ratio 10000/1000 files: ${ratio.toFixed(2)}x time for 10x files`);
  const big = results[1];
  console.log('targets (2-core machine):');
  const line = (what, got, target, met) => console.log(`  ${met ? 'met    ' : 'NOT met'}  ${what}: ${got} (target ${target})`);
  line('10,000-file dry run', `${rate(10000, big.ms)} files/s`, '>= 1000 files/s', rate(10000, big.ms) >= 1000);
  line('cold start, one file', `${Math.round(coldMs)} ms`, '< 200 ms', coldMs < 200);
  if (big.rssMb !== null) line('peak RSS, 10,000 files', `${big.rssMb} MB`, '< 200 MB', big.rssMb < 200);
  line('10x the files', `${ratio.toFixed(2)}x the time`, '<= 10.5x', ratio <= 10.5);
} finally {
  rmSync(scaleDir, { recursive: true, force: true });
}

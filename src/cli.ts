#!/usr/bin/env node
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initShell } from './model/shell.js';
import { TRANSFORMS } from './builtins.js';
import type { BuildContext, Transform, TransformOptions } from './transform-types.js';
import { directoryContext } from './runner/context.js';
import { findDockerfiles, isDockerfileName, type FoundFile } from './runner/files.js';
import { fileListNote, readFileList } from './runner/files-from.js';
import { processFiles, transformsFor } from './runner/pool.js';
import { processBytes, type FileResult, type ReadStamp } from './runner/process.js';
import { ConfigResolver, type FilePlan } from './config/resolve.js';
import { ConfigError } from './config/settings.js';
import { globMatcher } from './config/match.js';
import { readStdinLimited } from './runner/stdin.js';
import { readSmallText } from './runner/read-limited.js';
import { atomicWrite, deferDirectoryFlushes, flushDirectories, WriteRefused } from './runner/write.js';
import { stopOnSignals } from './runner/signals.js';
import { WriteScope } from './runner/write-scope.js';
import { settleSideFiles, withoutSideFiles, type Pending } from './runner/side-files-settle.js';
import { prefetchExtendedAttributes } from './runner/xattrs.js';
import { dirnamePath, lossy, shown, type FsPath } from './runner/fs-path.js';
import { escapeName } from './report/escape.js';
import { colorEnabled, makeColors, type Colors } from './report/color.js';
import { colorDiff, unifiedDiff } from './report/diff.js';
import { diffPath } from './report/diff-names.js';
import { jsonReport, transformsJson } from './report/json.js';
import { githubAnnotations } from './report/github.js';
import { sarifReport } from './report/sarif.js';
import { statisticsTable } from './report/statistics.js';
import { closest } from './suggest.js';
import { collectRebase, collectSetArg, migrationCliOptions } from './cli-migrate.js';
import { availableTransforms, loadPlugins, PluginError } from './plugins/load.js';
import { Progress } from './report/progress.js';
import { changedLine, noteLine, problemLine, skipLines, summaryLine, transformsTable, unsafeLines } from './report/text.js';
import { emptySummary, summarize, tally, type FileReport, type Mode, type Summary } from './report/types.js';

// commander through require: importing its CommonJS build as an ES module costs every start about 7 ms more.
const { Command, CommanderError, InvalidArgumentError, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');
type Command = InstanceType<typeof Command>;

const EXIT_OK = 0;
const EXIT_CHANGES = 1;
const EXIT_FAILURE = 2;
const STDIN_NAME = '<stdin>';

interface CliOptions {
  dryRun?: boolean;
  check?: boolean;
  transforms?: string[];
  skip?: string[];
  listTransforms?: boolean;
  unsafeFixes?: boolean;
  chainAll?: boolean;
  context?: string;
  user: string;
  uid?: number;
  jobs: number;
  config?: string | false;
  exclude?: string[];
  timeout: number;
  verbose?: boolean;
  format: 'text' | 'json' | 'sarif' | 'github';
  statistics?: boolean;
  exitNonZeroOnFix?: boolean;
  filesFrom?: string;
  color: boolean;
  plugin?: string[];
  rebase?: string[];
  setArg?: Array<[string, string]>;
}

class UsageError extends Error {}

/** After commander's `unknown option '-v'`: the short options ruff and ESLint users may mean. */
const SHORT_V_HINT = "hint: -v is not an option; --verbose prints the skipped fixes, -V (--version) prints the version\n";

function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readSmallText(join(dir, 'package.json')) ?? '') as { name?: string; version?: string };
      if (pkg.name === 'docker-codemod' && pkg.version) return pkg.version;
    } catch {
      // Not here: look further up.
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

const collectIds = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

const collectGlobs = (value: string, previous: string[] = []) => [...previous, value];

function parseUser(value: string): string {
  // useradd's default NAME_REGEX: safe to put in a shell command unquoted.
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(value)) {
    throw new InvalidArgumentError('a user name is lower-case letters, digits, - and _ (at most 32), not starting with a digit or -.');
  }
  return value;
}

function parseUid(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 2147483647) {
    throw new InvalidArgumentError('a uid is a whole number from 1 to 2147483647 (0 is root).');
  }
  return n;
}

/** Most worker threads --jobs accepts: each one holds its own parsers and heap. */
const MAX_JOBS = 64;

function parseJobs(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new InvalidArgumentError(`jobs is a whole number from 1 to ${MAX_JOBS}.`);
  }
  return n;
}

/** Seconds a file may take by default before it is given up (`--timeout`). */
const DEFAULT_TIMEOUT = 10;

function parseTimeout(value: string): number {
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 86400)) throw new InvalidArgumentError('a timeout is a number of seconds from 0 (no limit) to 86400.');
  return n;
}

/** The limit in whole milliseconds (0: none). */
function timeoutMs(seconds: number): number {
  return seconds > 0 ? Math.max(1, Math.round(seconds * 1000)) : 0;
}

function parseContext(value: string): string {
  let isDir = false;
  try {
    isDir = statSync(value).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new InvalidArgumentError(`${value} is not a directory.`);
  return resolve(value);
}

const EXAMPLES = `
Directory search finds Dockerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile and the same with Containerfile, in
any case, but not templates (Dockerfile.j2, .template, .tmpl, .in, …), backups (.bak, .orig, ~) or .dockerignore.
Searches and globs skip node_modules, .git, dependency trees (third_party, a Go/Composer/Bundler vendor,
virtualenvs), --exclude and config exclude matches, and whatever .gitignore files ignore, and do not follow
symlinked directories. A file named on the command line is processed whatever its name. Files over 1 MiB are refused.
Settings come from the nearest docker-codemod.config.json, docker-codemod.config.mjs, .docker-codemodrc.json or
package.json "docker-codemod" key above each Dockerfile (up to the repository root); options given here win.

Exit codes:
  0  done, or nothing to do
  1  --check: at least one file would change; --exit-non-zero-on-fix: at least one file was fixed
  2  usage error, a path or glob that matches nothing, or a file that could not be read, parsed or written
     (the other files are still processed)

Examples:
  docker-codemod --dry-run .                       show the diff for every Dockerfile here; change nothing
  docker-codemod --check '**/Dockerfile'           in CI: exit 1 (and list them) when any Dockerfile would change
  docker-codemod -t chain-runs services/api        apply one transform only, rewriting files in place
  docker-codemod - < Dockerfile > Dockerfile.new   read a Dockerfile on stdin, write the result to stdout
`;

function buildProgram(out: (s: string) => void, err: (s: string) => void): Command {
  return new Command()
    .name('docker-codemod')
    .usage('[options] [paths...]')
    .description(
      'Rewrite Dockerfiles to follow image best practices. Only the spans a fix changes are edited; every other ' +
        'byte (comments, formatting, line endings) is kept. By default, changed files are written in place.',
    )
    .argument(
      '[paths...]',
      "files, directories (searched recursively) or quoted globs such as '**/Dockerfile'; - reads one Dockerfile from stdin and writes the result to stdout",
    )
    .option('--dry-run', 'write nothing; print a unified diff (for git apply / patch -p1) of each file that would change')
    .option('--check', 'write nothing; exit 1 and list the files that would change (with --dry-run, print their diffs too)')
    .option('--unsafe-fixes', 'also apply unsafe fixes: those that may change what the image does at run time (USER, dropped Recommends)')
    .option('--chain-all', 'chain-runs joins every pair of adjacent RUNs it can join safely, not only where one layer buys something')
    .option('-t, --transforms <ids>', 'run only these transforms (comma-separated; may name ones that are off by default)', collectIds)
    .option('--skip <ids>', 'do not run these transforms (comma-separated)', collectIds)
    .option('--plugin <path|package>', 'also run the transforms of this ES module (a path, or a package installed here); repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--rebase <pattern=image>', "rewrite base images matching the pattern (* matches any text and may be reused: 'registry.old/*=registry.new/*'); repeatable, first match wins; turns rebase on", collectRebase)
    .option('--set-arg <NAME=VALUE>', 'set the default of ARG NAME in every file (pin-args); repeatable; turns pin-args on', collectSetArg)
    .option('--list-transforms', 'list the transforms: id, on by default or not, hadolint rules, description')
    .option('--context <dir>', "build context for every file (default: each Dockerfile's own directory; none for stdin)", parseContext)
    .option('--user <name>', 'name of the non-root user that transforms create', parseUser, 'app')
    .option('--uid <n>', 'numeric id for that user', parseUid)
    .option(
      '-j, --jobs <n>',
      'process n files at once, each in its own worker thread; 1 processes them one by one in this thread',
      parseJobs,
      1,
    )
    .option('--config <file>', 'use this config file for every Dockerfile (default: the nearest one above each Dockerfile)')
    .option('--no-config', 'ignore config files (docker-codemod and .hadolint.yaml)')
    .option('--exclude <glob>', 'skip paths matching this glob (relative to the current directory) in searches and globs; repeatable', collectGlobs)
    .option('--verbose', 'also print every fix that was skipped, with the reason (path:line: [transform] reason)')
    .addOption(
      new Option(
        '--format <format>',
        'report format: text on stderr; json or sarif: one document on stdout; github: GitHub Actions annotations on stdout',
      )
        .choices(['text', 'json', 'sarif', 'github'])
        .default('text'),
    )
    .option('--statistics', 'after the run, print the number of fixes per transform on stderr')
    .option('--exit-non-zero-on-fix', 'exit 1 when files were fixed (written, or written to stdout)')
    .option('--files-from <file>', 'also process the Dockerfiles listed in this file, one path a line (- reads stdin); missing files and other files are skipped')
    .option(
      '--timeout <seconds>',
      'give up on a file that takes longer (reported as an error, left untouched; the others go on); 0: no limit',
      parseTimeout,
      DEFAULT_TIMEOUT,
    )
    .option('--no-color', 'no colors (also off when the output is not a terminal, or NO_COLOR is set)')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(docker-codemod --help shows the options)')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
}

function selectTransforms(o: CliOptions, all: readonly Transform[]): Transform[] {
  const valid = all.map((t) => t.id);
  const verify = (ids: string[], flag: string) => {
    const bad = ids.filter((id) => !valid.includes(id));
    if (bad.length > 0) {
      const guess = bad.length === 1 ? closest(bad[0], valid) : undefined;
      const hint = guess ? `did you mean '${guess}'?` : `valid ids: ${valid.join(', ')}`;
      // Config files are read per Dockerfile, after the options: their plugins are not known here.
      const plugins = guess ? '' : ' (a transform of a plugin that a config file names is selected in that config, or loaded with --plugin)';
      throw new UsageError(`unknown transform ${bad.map((b) => `'${b}'`).join(', ')} in ${flag}; ${hint}${plugins}`);
    }
  };
  if (o.transforms !== undefined) {
    if (o.transforms.length === 0) throw new UsageError(`--transforms needs at least one id; valid ids: ${valid.join(', ')}`);
    verify(o.transforms, '--transforms');
  }
  if (o.skip !== undefined) verify(o.skip, '--skip');
  const chosen = o.transforms ? all.filter((t) => o.transforms!.includes(t.id)) : all.filter((t) => t.defaultOn);
  return chosen.filter((t) => !o.skip?.includes(t.id));
}

/** stdout/stderr with EPIPE handled and the progress line kept out of the way. */
class Io {
  stdoutClosed = false;
  progress: Progress | null = null;
  onStdoutClosed: () => void = () => {};

  constructor() {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') stdoutFailed(e);
      this.stdoutClosed = true;
      this.onStdoutClosed();
    });
    // Nowhere left to report a stderr failure.
    process.stderr.on('error', () => {});
  }

  out(s: string | Uint8Array): void {
    if (this.stdoutClosed || s.length === 0) return;
    try {
      process.stdout.write(s);
    } catch (e) {
      // A file or device on stdout fails synchronously (ENOSPC on a full disk, EIO, EBADF).
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') stdoutFailed(e as NodeJS.ErrnoException);
      this.stdoutClosed = true;
      this.onStdoutClosed();
    }
  }

  err(line: string): void {
    const shown = this.progress?.visible ?? false;
    this.progress?.clear();
    process.stderr.write(line + '\n');
    this.progress?.resume(shown);
  }
}

/** A system error without the path Node appends (`ENOSPC: no space left on device`). */
function systemError(err: NodeJS.ErrnoException): string {
  return escapeName(err.code ? err.message.split(', ')[0] : err.message);
}

/** stdout failed with something other than a closed pipe: whatever was to be printed is lost, so the run failed. */
function stdoutFailed(e: NodeJS.ErrnoException): never {
  process.stderr.write(`docker-codemod: error: cannot write to stdout: ${e.code ?? e.message}\n`);
  process.exit(EXIT_FAILURE);
}

function reportOf(path: string, res: FileResult): FileReport {
  switch (res.status) {
    case 'done':
      return { path, changed: res.changed, fixes: res.fixes, skipped: res.skipped, unsafe: res.unsafe };
    case 'note':
      return { path, changed: false, fixes: [], skipped: [], unsafe: [], note: res.message };
    case 'error':
      // An error from the system may quote a path: kept to one line like every other message.
      return { path, changed: false, fixes: [], skipped: [], unsafe: [], error: escapeName(res.message), internal: res.internal };
  }
}

interface Run {
  o: CliOptions;
  mode: Mode;
  json: boolean;
  transforms: Transform[];
  /** Built-in and plugin transforms (for reports that describe them; config files' plugins added once found). */
  all: readonly Transform[];
  /** File URLs of the plugin modules (workers import them). */
  pluginUrls: string[];
  options: TransformOptions;
  config: ConfigResolver;
  io: Io;
  /** The note about --files-from entries left out, if any. */
  fileList?: string | null;
  errColors: Colors;
  outColors: Colors;
}

/** Print what a file's report says, in text mode, as it completes. */
function printFile(run: Run, r: FileReport): void {
  const { io, errColors: c } = run;
  if (run.o.format === 'github') io.out(githubAnnotations(r));
  if (r.error !== undefined) {
    io.err(problemLine(r, c));
    return;
  }
  if (run.json) return;
  if (r.note !== undefined) {
    io.err(noteLine(r, c));
    return;
  }
  if (r.diff && run.o.format === 'text') io.out(colorDiff(r.diff, run.outColors));
  if (r.changed && (run.mode !== 'dry-run' || run.o.check)) io.err(changedLine(r, run.mode, c));
  if (run.o.verbose) for (const line of [...unsafeLines(r, c), ...skipLines(r, c)]) io.err(line);
}

/**
 * Worker threads for a run of `jobs`: one per job; for 1 (the default), one under a time limit, else none. On 2 cores one thread already
 * keeps about 1.3 cores busy (V8 compiles and collects garbage on background threads), so two workers save less
 * than the cores suggest, at 15-30% more CPU time and about 120 MB more peak memory (README, "Worker threads").
 */
function workerCount(jobs: number, files: number, timeout: number): number {
  const n = jobs > 1 && files > 1 ? Math.min(jobs, files) : 0;
  // A file under a time limit runs in a worker, which can be stopped; this thread could not be.
  return timeout > 0 && files > 0 ? Math.max(n, 1) : n;
}

function exitCode(run: Run, s: Summary): number {
  if (s.errors > 0) return EXIT_FAILURE;
  if (run.o.check && s.changed > 0) return EXIT_CHANGES;
  if (run.o.exitNonZeroOnFix && run.mode === 'write' && s.changed > 0) return EXIT_CHANGES;
  return EXIT_OK;
}

/** The document of a JSON or SARIF run. */
function document(run: Run, reports: readonly FileReport[], summary: Summary): string {
  return run.o.format === 'sarif' ? sarifReport(reports, run.all, packageVersion()) : jsonReport(reports, summary, run.mode);
}

/** What is printed after the run: the --statistics table. */
function closing(run: Run, summary: Summary): void {
  if (run.o.statistics) {
    const table = statisticsTable(summary, run.all);
    process.stderr.write(table || 'no fixes\n');
  }
}

/** Load the shell parser in this thread. */
async function startShell(): Promise<void> {
  // Baseline-compile the shell grammar's WebAssembly only: optimising all of it costs about 0.4 s of CPU that
  // every run would wait for at exit, and parses no measurably faster over a whole repository.
  setFlagsFromString('--liftoff-only');
  await initShell();
}

async function runStdin(run: Run): Promise<number> {
  if (process.stdin.isTTY) run.io.err('reading a Dockerfile from stdin (end it with Ctrl-D)');
  const read = await readStdinLimited();
  const bytes = read.ok ? read.bytes : Buffer.alloc(0);
  const { plan } = await run.config.forFile(null, process.cwd(), true);
  run.all = run.config.allTransforms();
  let res: FileResult = read.ok
    ? { status: 'error', message: 'internal error: no result', internal: true }
    : { status: 'error', message: read.message, internal: false };
  const setup = { transformIds: plan.transformIds, options: plan.options, timeoutMs: timeoutMs(run.o.timeout), pluginUrls: plan.pluginUrls ?? run.pluginUrls };
  const job = { path: STDIN_NAME, contextDir: run.o.context ?? null, bytes };
  if (read.ok && run.o.timeout > 0) {
    // In a worker, under the time limit, like a file.
    for await (const r of processFiles([job], setup, 1)) res = r;
  } else if (read.ok) {
    await startShell();
    const context = run.o.context ? directoryContext(run.o.context) : undefined;
    const available = plan.pluginUrls ? await availableTransforms(plan.pluginUrls) : run.all;
    res = processBytes(bytes, { transforms: transformsFor(plan.transformIds, available), context, options: plan.options });
  }
  if (res.status === 'done' && res.sideFiles.length > 0) {
    // Only the Dockerfile comes out on stdout: no fix may rely on a context file.
    await startShell();
    res = await withoutSideFiles(res, job, setup, 'not written: the Dockerfile was read from stdin');
  }
  const r = reportOf(STDIN_NAME, res);
  if (res.status === 'done' && res.changed && run.o.format === 'sarif') r.texts = { input: res.input, output: res.output };
  if (res.status === 'done' && run.o.dryRun) r.diff = res.changed ? unifiedDiff(STDIN_NAME, res.input, res.output) : '';
  if (run.mode === 'write') {
    // Exit 0 always means stdout holds the result: the text, or the input when there was nothing to do.
    if (res.status === 'done') {
      if (run.json) r.output = res.output;
      else run.io.out(res.output);
    } else if (res.status === 'note' && !run.json) {
      run.io.out(bytes);
    }
  }
  printFile(run, r);
  if (run.json) run.io.out(document(run, [r], summarize([r])));
  closing(run, summarize([r]));
  return exitCode(run, summarize([r]));
}

const OUTSIDE_NOTE = 'skipped: a symlink to a file outside the directories being processed (not read, not written)';

/** A path as the user wrote or found it: relative to cwd, forward slashes. */
function linkDisplay(abs: FsPath): string {
  return typeof abs === 'string' ? relative(process.cwd(), abs).split(sep).join('/') : shown(abs);
}

async function runFiles(run: Run, paths: string[]): Promise<number> {
  const { io } = run;
  const cwd = process.cwd();
  const found = findDockerfiles(paths, cwd, globMatcher(cwd, run.o.exclude ?? []));
  if (run.fileList) found.notes.push(run.fileList);
  // Each file's transforms and options: its config file's settings, then the command line's.
  const plans: Array<FilePlan | null> = [];
  for (const f of found.files) {
    const path = lossy(f.path);
    const { plan, excludedBy } = await run.config.forFile(path, dirname(path), f.explicit);
    plans.push(excludedBy === null ? plan : null);
  }
  const planOf = new Map<FoundFile, FilePlan>();
  found.files.forEach((f, i) => {
    const plan = plans[i];
    if (plan) planOf.set(f, plan);
  });
  found.files = found.files.filter((f) => planOf.has(f));
  // Reports describe the transforms of plugins that config files named too.
  run.all = run.config.allTransforms();
  // Only the JSON document needs every report at the end; text mode keeps counts.
  const reports: FileReport[] = [];
  const summary = emptySummary();
  const record = (r: FileReport) => {
    tally(summary, r);
    if (run.json) reports.push(r);
  };
  for (const p of found.problems) {
    const r: FileReport = { path: escapeName(p.display), changed: false, fixes: [], skipped: [], unsafe: [], error: p.message };
    record(r);
    printFile(run, r);
  }
  if (!run.json) for (const n of found.notes) io.err(escapeName(n));
  // Symlinks to files outside the trees being processed are neither read nor written.
  const scope = new WriteScope(paths);
  const files = found.files.filter((f) => {
    if (scope.contains(f.real)) return true;
    // Named by the link (the target's path is nobody's business here).
    const r: FileReport = { path: escapeName(linkDisplay(f.path)), changed: false, fixes: [], skipped: [], unsafe: [], note: OUTSIDE_NOTE };
    record(r);
    printFile(run, r);
    return false;
  });

  // Dry run with stdout closed early (`| head`): nothing more anyone will see.
  if (run.mode === 'dry-run' && !run.o.check) io.onStdoutClosed = () => process.exit(EXIT_OK);

  const jobs = files.map((f) => ({
    path: f.path,
    contextDir: run.o.context ?? dirnamePath(f.path),
    ...planOf.get(f),
    ...(isDockerfileName(basename(lossy(f.path))) ? {} : { checkContent: true }),
  }));
  const setup = { transformIds: run.transforms.map((t) => t.id), options: run.options, timeoutMs: timeoutMs(run.o.timeout), pluginUrls: run.pluginUrls };
  const progress = new Progress(process.stderr, files.length, process.stderr.isTTY === true);
  io.progress = progress;
  let done = 0;
  let outsideNoted = false;
  if (run.mode === 'write') deferDirectoryFlushes();
  stopOnSignals(() => {
    flushDirectories();
    progress.clear();
    io.progress = null;
    io.err(`interrupted; ${summaryLine(summary, run.mode, run.o.verbose === true, run.errColors)}`);
  });
  // Whether a file carries extended attributes or ACLs (kept by writing it in place), asked for all at once.
  if (run.mode === 'write') prefetchExtendedAttributes(files.map((f) => f.real));
  const cores = availableParallelism();
  if (run.o.jobs > cores) {
    // Each worker holds its own parsers and heap (README, "Worker threads"): more than the cores only costs memory.
    io.err(`warning: --jobs ${run.o.jobs} is more than the ${cores} cores here; using ${cores}`);
    run.o.jobs = cores;
  }
  const workers = workerCount(run.o.jobs, jobs.length, run.o.timeout);
  // Workers load their own parsers: this thread only needs them when it transforms the files itself.
  if (workers === 0) await startShell();
  /** Diff, write (unless its report holds an error), print and count one file's result; `sideDiff`: its context files' diffs. */
  const conclude = (f: FoundFile, res: FileResult & { stamp?: ReadStamp }, r: FileReport, sideDiff = '') => {
    if (res.status === 'done' && res.changed && run.o.format === 'sarif') r.texts = { input: res.input, output: res.output };
    if (res.status === 'done' && r.error === undefined) {
      const textChanged = res.output !== res.input;
      if (run.o.dryRun && textChanged) {
        const named = diffPath(f.displayBytes ?? f.display, f.path);
        if (named.outside && !outsideNoted && !run.json) {
          outsideNoted = true;
          io.err('note: a file outside the current directory is named in its diff relative to its repository root (or to /)');
        }
        r.diff = unifiedDiff(named.path, res.input, res.output) + sideDiff;
      } else if (run.o.dryRun) r.diff = sideDiff;
      if (textChanged && run.mode === 'write') {
        try {
          atomicWrite(f.path, res.output, res.stamp);
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          r.changed = false;
          r.error = `cannot write: ${err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err instanceof WriteRefused ? err.message : systemError(err)}`;
        }
      }
    }
    printFile(run, r);
    record(r);
  };
  // A result that writes context files (.dockerignore) waits for the others: files of one context are written once.
  const pending: Pending[] = [];
  // The Dockerfiles that make none, which a .dockerignore of their context must not hurt.
  const others: Array<{ display: string; contextDir: string; text: string }> = [];
  for await (const res of processFiles(jobs, setup, workers)) {
    const f = files[done];
    const r = reportOf(escapeName(f.display), res);
    if (res.status === 'done' && res.sideFiles.length > 0) pending.push({ index: done, file: f, res, report: r });
    else conclude(f, res, r);
    if (res.status === 'done' && res.sideFiles.length === 0) others.push({ display: r.path, contextDir: lossy(jobs[done].contextDir), text: res.output });
    progress.tick(++done);
    // Let EPIPE and signals through between files.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (pending.length > 0) {
    if (workers > 0) await startShell();
    await settleSideFiles(pending, {
      jobs,
      setup,
      write: run.mode === 'write',
      diffs: run.o.dryRun === true,
      cwd,
      others,
      conclude,
      reportOf,
    });
  }
  flushDirectories();
  progress.clear();
  io.progress = null;

  if (run.json) io.out(document(run, reports, summary));
  else io.err(summaryLine(summary, run.mode, run.o.verbose === true, run.errColors));
  closing(run, summary);
  return exitCode(run, summary);
}

async function main(argv: string[]): Promise<number> {
  const io = new Io();
  const program = buildProgram(
    (s) => io.out(s),
    (s) => process.stderr.write(s),
  );
  try {
    program.parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.unknownOption' && e.message.includes("'-v'")) process.stderr.write(SHORT_V_HINT);
      return e.exitCode === 0 ? EXIT_OK : EXIT_FAILURE;
    }
    throw e;
  }
  const o = program.opts<CliOptions>();
  let paths = program.processedArgs[0] as string[];
  // Both machine documents are written once, at the end, on stdout.
  const json = o.format === 'json' || o.format === 'sarif';

  let plugins;
  try {
    plugins = await loadPlugins(o.plugin ?? [], process.cwd());
  } catch (e) {
    if (!(e instanceof PluginError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return EXIT_FAILURE;
  }
  const all = [...TRANSFORMS, ...plugins.transforms];

  if (o.listTransforms) {
    io.out(json ? transformsJson(all) : transformsTable(all));
    return EXIT_OK;
  }

  let transforms: Transform[];
  let fileList: string | null = null;
  try {
    transforms = selectTransforms(o, all);
    if (paths.includes('-') && (paths.length > 1 || o.filesFrom !== undefined)) {
      throw new UsageError('- (stdin) cannot be combined with other paths or --files-from');
    }
    if (paths.includes('-') && (o.format === 'sarif' || o.format === 'github') && !o.check && !o.dryRun) {
      throw new UsageError(`--format ${o.format} with - (stdin) needs --check or --dry-run: stdout holds the result otherwise`);
    }
    if (o.filesFrom !== undefined) {
      let list;
      try {
        list = readFileList(o.filesFrom);
      } catch (err) {
        throw new UsageError(`cannot read --files-from ${o.filesFrom}: ${(err as Error).message}`);
      }
      fileList = fileListNote(o.filesFrom, list);
      paths = [...paths, ...list.paths];
    } else if (paths.length === 0) {
      paths = ['.'];
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n(docker-codemod --help shows the options)\n`);
    return EXIT_FAILURE;
  }

  const mode: Mode = o.check ? 'check' : o.dryRun ? 'dry-run' : 'write';
  const run: Run = {
    o,
    mode,
    json,
    transforms,
    all,
    pluginUrls: plugins.urls,
    options: { user: o.user, ...(o.uid !== undefined ? { uid: o.uid } : {}), ...(o.unsafeFixes ? { unsafeFixes: true } : {}), ...(o.chainAll ? { chainPolicy: 'all' as const } : {}), ...migrationCliOptions(o) },
    config: new ConfigResolver({ transforms: o.transforms, skip: o.skip, config: o.config, all, pluginUrls: plugins.urls }),
    io,
    fileList,
    errColors: makeColors(colorEnabled(process.stderr, process.env, o.color)),
    outColors: makeColors(!json && colorEnabled(process.stdout, process.env, o.color)),
  };
  if (transforms.length === 0 && !json) io.err('note: no transforms selected; nothing will change');

  try {
    // Options given on the command line win over config files; --user's default does not.
    const given: TransformOptions = { ...run.options };
    if (program.getOptionValueSource('user') !== 'cli') delete given.user;
    await run.config.init(given);
    if (paths.length === 1 && paths[0] === '-') return await runStdin(run);
    return await runFiles(run, paths);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.progress?.clear();
    process.stderr.write(`error: ${e.message}\n`);
    return EXIT_FAILURE;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`docker-codemod: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);

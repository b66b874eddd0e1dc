#!/usr/bin/env node
// Real-build end-to-end suite: builds every case's Dockerfile before and after
// the codemod with buildah (no Docker engine needed) and compares the images.
//
// Usage (from the repository root, after `npm run build`):
//   node test/build/run.mjs
//
// Environment:
//   BUILD_CASES=a,b        run only these cases
//   BUILD_JOBS=N           cases built in parallel (default 1)
//   BUILD_CODEMOD_CMD=...  shell command used instead of the CLI; the Dockerfile
//                          path is appended as its last argument (e.g. `true`
//                          for an identity run)
//   BUILD_NO_CACHE=1       build both sides without the layer cache (shows how
//                          reproducible two builds of one Dockerfile are)
//   BUILD_TIMEOUT=900      seconds allowed for one build
//   BUILD_KEEP=1           keep the temporary directory and images for debugging
//   BUILD_STORAGE_DRIVER   containers-storage driver (default overlay; vfs works
//                          where the temporary directory cannot hold overlay mounts)
//   BUILD_VERBOSE=1        print progress of the base image setup
//
// Needs root, buildah and debootstrap (.ci/install-build-deps.sh installs them).
// The Debian base (debootstrap minbase, bookworm) and the derived bases are cached
// under .build-cache/ in the repository root; logs of the last run are written to
// .build-cache/logs/.
//
// A case is a directory test/build/cases/<name>/ holding a Dockerfile, the files
// of its build context, and expect.json with any of:
//   description        string, what the case is about
//   changes            true: the codemod must change the Dockerfile;
//                      false: it must leave it byte-identical
//   transforms         transform ids that must be reported for this file
//   codemodArgs        extra arguments for the CLI
//   safeOnly           true: run with the default safe fixes only (otherwise
//                      --unsafe-fixes is passed, so unsafe fixes are built too)
//   user               the final image's configured user must be exactly this
//                      ("" = none set, i.e. root)
//   nonRootUser        true: the final image must run as a non-root user
//   recommendsDropped  true: packages that only came in as recommendations may
//                      be gone after the codemod: their files, files their
//                      maintainer scripts made, alternatives links and files of
//                      packages installed in another version may differ
//   allowChanged       globs of paths allowed to differ between the two images
//   mustExist          paths that must exist in the after image
//   mustNotExist       globs no path of the after image may match
//   maxLayerIncrease   layers the after image may have beyond the before one (0)
//   maxSizeIncrease    bytes the after image may grow by (0)
//                      (when the after image switches to a user the before one
//                      did not have, one more layer and 512 KiB are allowed)
//   allowConfigChanged image config keys allowed to differ (e.g. "Env")
//   run                shell commands that must succeed in both images, run as
//                      each image's configured user
//   buildArgs          { NAME: value } passed as --build-arg to both builds
//   beforeFails        text the before build's log must contain: the original
//                      Dockerfile must fail to build (with that message) and
//                      the codemod's must build; only mustExist, mustNotExist,
//                      user and run are then checked, on the after image
//   emulateHeredocs    true: before building, each `RUN <<EOF` script heredoc of
//                      both Dockerfiles is rewritten into a RUN buildah 1.28 can
//                      run (heredoc-emulation.mjs says how and what differs from
//                      BuildKit); any other heredoc fails the case
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulateHeredocRuns } from './heredoc-emulation.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES_DIR = path.join(REPO, 'test', 'build', 'cases');
const CACHE_DIR = path.join(REPO, '.build-cache');
const LOG_DIR = path.join(CACHE_DIR, 'logs');
const CLI = path.join(REPO, 'dist', 'src', 'cli.js');
const SUITE = 'dcm-build';
const MB = 1e6;

const env = process.env;
const JOBS = Math.max(1, Number.parseInt(env.BUILD_JOBS ?? '1', 10) || 1);
const TIMEOUT_MS = (Number.parseInt(env.BUILD_TIMEOUT ?? '900', 10) || 900) * 1000;
const KEEP = env.BUILD_KEEP === '1';
const NO_CACHE = env.BUILD_NO_CACHE === '1';
const VERBOSE = env.BUILD_VERBOSE === '1';
const CODEMOD_CMD = env.BUILD_CODEMOD_CMD;
const STORAGE_DRIVER = env.BUILD_STORAGE_DRIVER || 'overlay';

// ---------------------------------------------------------------------------
// Base images. Only Debian's mirror is reachable, so every base is Debian
// bookworm: the debootstrap rootfs itself, and images derived from it that
// stand in for the official node and python images.

const DEBIAN_TAGS = ['debian:bookworm', 'debian:bookworm-slim', 'debian:12', 'debian:12-slim'];
const BASE_RECIPE_VERSION = '3';

const DERIVED_BASES = [
  {
    id: 'node',
    tags: ['node:18-bookworm-slim', 'node:18-bookworm', 'node:18-slim', 'node:18'],
    // Like the official image: node and npm on PATH, a `node` user with uid 1000.
    dockerfile: [
      'FROM localhost/debian:bookworm-slim',
      'RUN apt-get update \\',
      ' && apt-get install -y --no-install-recommends nodejs npm \\',
      ' && rm -rf /var/lib/apt/lists/* \\',
      ' && groupadd --gid 1000 node \\',
      ' && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
      // npm would otherwise call the registry for audits and update checks.
      'ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false',
      'CMD ["node"]',
      '',
    ].join('\n'),
  },
  {
    id: 'python',
    tags: ['python:3.11-slim-bookworm', 'python:3.11-slim', 'python:3.11-bookworm', 'python:3.11'],
    // Like the official image: python and pip on PATH, pip may install system-wide.
    dockerfile: [
      'FROM localhost/debian:bookworm-slim',
      'RUN apt-get update \\',
      ' && apt-get install -y --no-install-recommends python3 python3-pip python-is-python3 \\',
      ' && rm -rf /var/lib/apt/lists/* \\',
      ' && rm -f /usr/lib/python3*/EXTERNALLY-MANAGED',
      'ENV PYTHONDONTWRITEBYTECODE=1',
      'CMD ["python3"]',
      '',
    ].join('\n'),
  },
];

// What the official Debian images configure (debuerreotype), so sizes behave alike.
const IMAGE_APT_CONF = {
  'docker-clean': [
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'Dir::Cache::pkgcache "";',
    'Dir::Cache::srcpkgcache "";',
    '',
  ].join('\n'),
  'docker-gzip-indexes': 'Acquire::GzipIndexes "true";\n',
  'docker-no-languages': 'Acquire::Languages "none";\n',
  'docker-autoremove-suggests': 'Apt::AutoRemove::SuggestsImportant "false";\n',
};
const IMAGE_DPKG_SLIM = [
  'path-exclude /usr/share/doc/*',
  'path-include /usr/share/doc/*/copyright',
  'path-exclude /usr/share/groff/*',
  'path-exclude /usr/share/info/*',
  'path-exclude /usr/share/linda/*',
  'path-exclude /usr/share/lintian/overrides/*',
  'path-exclude /usr/share/locale/*',
  'path-exclude /usr/share/man/*',
  '',
].join('\n');

// Paths that may differ between two builds of equivalent Dockerfiles.
const DEFAULT_ALLOWED = [
  '/var/lib/apt/lists/**',
  '/var/cache/**',
  '/var/log/**',
  '/etc/passwd',
  '/etc/group',
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/subuid',
  '/etc/subgid',
  '/etc/*-',
  '/var/lib/dpkg/*-old',
  '/run/**',
  '**/Dockerfile',
];
// Extra paths that may differ when recommendations are no longer installed.
const RECOMMENDS_ALLOWED = [
  '/var/lib/dpkg/**',
  '/var/lib/systemd/deb-systemd-*/**',
  '/etc/systemd/**',
  '/var/lib/apt/extended_states',
  '/etc/ld.so.cache',
  '/etc/alternatives/**',
];
// Size a layer that creates one user may add (passwd, shadow, group files, lastlog).
const USER_ADD_BYTES = 512 * 1024;
const CONFIG_KEYS = ['Entrypoint', 'Cmd', 'Env', 'WorkingDir', 'ExposedPorts', 'Volumes', 'Labels', 'StopSignal', 'Healthcheck', 'Shell', 'OnBuild'];
const EXPECT_KEYS = new Set([
  'description', 'changes', 'transforms', 'codemodArgs', 'user', 'nonRootUser', 'recommendsDropped',
  'allowChanged', 'mustExist', 'mustNotExist', 'maxLayerIncrease', 'maxSizeIncrease',
  'allowConfigChanged', 'run', 'buildArgs', 'safeOnly', 'beforeFails', 'emulateHeredocs',
]);

// ---------------------------------------------------------------------------
// Small utilities

function which(cmd) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

function skip(why) {
  console.log(`build tests skipped: ${why}`);
  process.exit(0);
}

function log(msg) {
  if (VERBOSE) console.error(msg);
}

let storageConf = null;
const children = new Set();
/** Set once the run is being torn down: no new command starts after that. */
let stopping = false;
let interrupted = false;

/** Runs a command; resolves { code, stdout, stderr }. Never rejects on a non-zero exit. */
function run(cmd, args, { cwd, logFile, timeout = TIMEOUT_MS, input, always = false } = {}) {
  if (stopping && !always) return Promise.resolve({ code: 130, signal: null, timedOut: false, stdout: '', stderr: 'interrupted' });
  return new Promise((resolve) => {
    const childEnv = { ...env };
    if (storageConf) childEnv.CONTAINERS_STORAGE_CONF = storageConf;
    const child = spawn(cmd, args, { cwd, env: childEnv, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    const out = [];
    const err = [];
    const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
    if (logStream) logStream.write(`$ ${[cmd, ...args].join(' ')}\n`);
    child.stdout.on('data', (d) => {
      out.push(d);
      logStream?.write(d);
    });
    child.stderr.on('data', (d) => {
      err.push(d);
      logStream?.write(d);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeout);
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const res = {
        code: timedOut ? 124 : code ?? 128,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (logStream) {
        logStream.end(`\n[exit ${res.code}${timedOut ? ', timed out' : ''}]\n`);
        logStream.on('finish', () => resolve(res));
        logStream.on('error', () => resolve(res));
      } else {
        resolve(res);
      }
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

async function must(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const tail = lastLines(r.stderr || r.stdout, 5);
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed (exit ${r.code}): ${tail}`);
  }
  return r;
}

function lastLines(text, n) {
  return text.trim().split('\n').slice(-n).join(' | ');
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  // `/a/**` also covers `/a` itself.
  if (glob.endsWith('/**')) re = `(?:${re}|${re.slice(0, -('/.*'.length))})`;
  return new RegExp(`^${re}$`);
}

function humanMB(bytes) {
  return `${(bytes / MB).toFixed(1)} MB`;
}

// ---------------------------------------------------------------------------
// Preconditions

function checkPreconditions() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) skip('not running as root');
  for (const tool of ['buildah', 'debootstrap', 'tar']) {
    if (!which(tool)) skip(`${tool} not installed (run .ci/install-build-deps.sh)`);
  }
  if (!CODEMOD_CMD && !fs.existsSync(CLI)) skip('dist/src/cli.js not built (run npm run build)');
  if (!fs.existsSync(CASES_DIR)) skip('no test/build/cases directory');
}

// ---------------------------------------------------------------------------
// Apt sources of the host, reduced to Debian bookworm entries

const SUITE_RE = /^bookworm(-updates|-security|-backports)?$/;

function readHostAptSources() {
  const entries = [];
  const files = [];
  if (fs.existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  const dir = '/etc/apt/sources.list.d';
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.list') || f.endsWith('.sources')) files.push(path.join(dir, f));
    }
  }
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (file.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const fields = {};
        let last = null;
        for (const line of stanza.split('\n')) {
          if (/^\s*#/.test(line) || !line.trim()) continue;
          const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
          if (m) {
            last = m[1].toLowerCase();
            fields[last] = m[2].trim();
          } else if (last && /^\s/.test(line)) {
            fields[last] += `\n${line.trim()}`;
          }
        }
        if (!fields.types || !fields.uris || !fields.suites) continue;
        if (!fields.types.split(/\s+/).includes('deb')) continue;
        if ((fields.enabled ?? 'yes').toLowerCase() === 'no') continue;
        const suites = fields.suites.split(/\s+/).filter((s) => SUITE_RE.test(s));
        if (!suites.length) continue;
        for (const uri of fields.uris.split(/\s+/)) {
          entries.push({ uri, suites, components: (fields.components ?? 'main').split(/\s+/), signedBy: fields['signed-by'] });
        }
      }
    } else {
      for (const raw of text.split('\n')) {
        const line = raw.replace(/#.*/, '').trim();
        const m = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
        if (!m || !SUITE_RE.test(m[3])) continue;
        const signed = /signed-by=(\S+)/.exec(m[1] ?? '');
        entries.push({ uri: m[2], suites: [m[3]], components: (m[4] || 'main').split(/\s+/), signedBy: signed?.[1] });
      }
    }
  }
  return entries;
}

function hostAptConf() {
  // Proxy and validity settings the mirror needs from inside the image.
  const out = {};
  const dir = '/etc/apt/apt.conf.d';
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    let text;
    try {
      if (!fs.statSync(p).isFile()) continue;
      text = fs.readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    if (/::Proxy|Check-Valid-Until|Check-Date/i.test(text)) out[f] = text;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Base images

async function debianRootfsTar(tmp) {
  const entries = readHostAptSources();
  const mirror = entries.find((e) => e.suites.includes('bookworm'))?.uri ?? 'http://deb.debian.org/debian';
  const aptConf = hostAptConf();
  const key = sha256(JSON.stringify({ v: BASE_RECIPE_VERSION, mirror, entries, aptConf, IMAGE_APT_CONF, IMAGE_DPKG_SLIM })).slice(0, 16);
  const file = path.join(CACHE_DIR, `debian-bookworm-rootfs-${key}.tar`);
  if (fs.existsSync(file)) return { file, built: false };

  const started = Date.now();
  log(`base: debootstrap bookworm from ${mirror}`);
  const rootfs = path.join(tmp, 'rootfs');
  const logFile = path.join(LOG_DIR, 'base-debootstrap.log');
  await fsp.rm(logFile, { force: true });
  await must('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror], { logFile, timeout: 30 * 60 * 1000 });

  const etcApt = path.join(rootfs, 'etc', 'apt');
  await fsp.rm(path.join(etcApt, 'sources.list'), { force: true });
  let sources = '';
  if (entries.length) {
    for (const e of entries) {
      sources += `Types: deb\nURIs: ${e.uri}\nSuites: ${e.suites.join(' ')}\nComponents: ${e.components.join(' ')}\n`;
      if (e.signedBy && !e.signedBy.includes('\n') && fs.existsSync(path.join(rootfs, e.signedBy))) {
        sources += `Signed-By: ${e.signedBy}\n`;
      }
      sources += '\n';
    }
  } else {
    sources = `Types: deb\nURIs: ${mirror}\nSuites: bookworm bookworm-updates\nComponents: main\n\n`;
  }
  await fsp.writeFile(path.join(etcApt, 'sources.list.d', 'debian.sources'), sources);
  for (const [name, text] of Object.entries({ ...aptConf, ...IMAGE_APT_CONF })) {
    await fsp.writeFile(path.join(etcApt, 'apt.conf.d', name), text);
  }
  await fsp.mkdir(path.join(rootfs, 'etc', 'dpkg', 'dpkg.cfg.d'), { recursive: true });
  await fsp.writeFile(path.join(rootfs, 'etc', 'dpkg', 'dpkg.cfg.d', 'docker'), IMAGE_DPKG_SLIM);

  // Leave out what debootstrap downloaded and what the slim configuration excludes.
  const clean = [
    'rm -rf var/cache/apt/archives/*.deb var/cache/apt/*.bin var/lib/apt/lists/* var/log/bootstrap.log',
    'mkdir -p var/lib/apt/lists/partial',
    'find usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete',
    'find usr/share/doc -mindepth 1 -type d -empty -delete',
    'rm -rf usr/share/man/* usr/share/info/* usr/share/locale/* usr/share/groff/* usr/share/lintian/overrides/*',
    ': > etc/resolv.conf',
    'echo localhost > etc/hostname',
  ].join(' && ');
  await must('sh', ['-c', clean], { cwd: rootfs, logFile });
  const part = `${file}.part-${process.pid}`;
  await must('tar', ['-C', rootfs, '--numeric-owner', '-cf', part, '.'], { logFile });
  await fsp.rename(part, file);
  await fsp.rm(rootfs, { recursive: true, force: true });
  for (const f of await fsp.readdir(CACHE_DIR)) {
    if (f.startsWith('debian-bookworm-rootfs-') && path.join(CACHE_DIR, f) !== file && !f.includes('.part-')) {
      await fsp.rm(path.join(CACHE_DIR, f), { force: true });
    }
  }
  log(`base: rootfs built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { file, built: true };
}

async function tagAll(image, names) {
  for (const name of names) {
    await must('buildah', ['tag', image, `localhost/${name}`]);
    await must('buildah', ['tag', image, name.includes('/') ? name : `docker.io/library/${name}`]);
  }
}

async function setupBases(tmp, neededBases) {
  const t0 = Date.now();
  const { file: rootfsTar, built } = await debianRootfsTar(tmp);
  const setup = { built: built ? ['debian'] : [], seconds: 0 };
  const c = (await must('buildah', ['from', '--pull=never', 'scratch'])).stdout.trim();
  await must('buildah', ['add', c, rootfsTar, '/']);
  await must('buildah', ['config', '--cmd', '["bash"]', c]);
  await must('buildah', ['commit', '--rm', '--quiet', c, 'localhost/debian:bookworm-slim']);
  await tagAll('localhost/debian:bookworm-slim', DEBIAN_TAGS);

  const rootfsKey = path.basename(rootfsTar);
  for (const base of DERIVED_BASES) {
    if (!neededBases.has(base.id)) continue;
    const key = sha256(JSON.stringify({ rootfsKey, dockerfile: base.dockerfile })).slice(0, 16);
    const archive = path.join(CACHE_DIR, `${base.id}-${key}.oci.tar`);
    const tag = `localhost/${SUITE}-base-${base.id}:latest`;
    if (!fs.existsSync(archive)) {
      log(`base: building ${base.id}`);
      const dir = path.join(tmp, `base-${base.id}`);
      await fsp.mkdir(dir, { recursive: true });
      await fsp.writeFile(path.join(dir, 'Dockerfile'), base.dockerfile);
      const logFile = path.join(LOG_DIR, `base-${base.id}.log`);
      await fsp.rm(logFile, { force: true });
      await must('buildah', ['bud', '--format', 'docker', '--isolation', 'chroot', '--network', 'host', '--pull=never', '--layers=false', '-t', tag, dir], { logFile, timeout: 30 * 60 * 1000 });
      const part = `${archive}.part-${process.pid}`;
      await must('buildah', ['push', '--quiet', '--disable-compression', tag, `oci-archive:${part}`], { logFile });
      await fsp.rename(part, archive);
      for (const f of await fsp.readdir(CACHE_DIR)) {
        if (f.startsWith(`${base.id}-`) && f.endsWith('.oci.tar') && path.join(CACHE_DIR, f) !== archive) {
          await fsp.rm(path.join(CACHE_DIR, f), { force: true });
        }
      }
      setup.built.push(base.id);
    } else {
      await must('buildah', ['pull', '--quiet', `oci-archive:${archive}`]).then(async (r) => {
        await must('buildah', ['tag', r.stdout.trim().split('\n').pop(), tag]);
      });
    }
    await tagAll(tag, base.tags);
  }
  setup.seconds = (Date.now() - t0) / 1000;
  return setup;
}

// ---------------------------------------------------------------------------
// Cases

function loadCase(name) {
  const dir = path.join(CASES_DIR, name);
  const problems = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) problems.push('case name must be lower-case letters, digits and dashes');
  if (!fs.existsSync(path.join(dir, 'Dockerfile'))) problems.push('no Dockerfile');
  let expect = {};
  try {
    expect = JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8'));
  } catch (e) {
    problems.push(`expect.json: ${e.message}`);
  }
  for (const k of Object.keys(expect)) if (!EXPECT_KEYS.has(k)) problems.push(`expect.json: unknown key ${k}`);
  return { name, dir, expect, problems };
}

/** Base image names a Dockerfile pulls (stage references excluded). */
function baseNames(dockerfileText) {
  const args = {};
  const stages = new Set();
  const names = [];
  let seenFrom = false;
  const text = dockerfileText.replace(/\r\n/g, '\n');
  for (const line of text.split('\n')) {
    const arg = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(line);
    if (arg && !seenFrom) {
      args[arg[1]] = (arg[2] ?? '').replace(/^["']|["']$/g, '');
      continue;
    }
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!m) continue;
    seenFrom = true;
    const image = m[1].replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v) => args[v] ?? '');
    if (!stages.has(image.toLowerCase()) && image !== 'scratch') names.push(image);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return names;
}

function baseIdFor(image) {
  const short = image.replace(/^(docker\.io\/)?(library\/)?/, '');
  if (DEBIAN_TAGS.includes(short)) return 'debian';
  for (const b of DERIVED_BASES) if (b.tags.includes(short)) return b.id;
  return null;
}

async function copyContext(src, dest) {
  await fsp.cp(src, dest, {
    recursive: true,
    preserveTimestamps: true,
    filter: (p) => path.relative(src, p) !== 'expect.json',
  });
}

let cliHelp = null;
async function cliSupportsJson() {
  if (CODEMOD_CMD) return false;
  if (cliHelp === null) {
    const r = await run(process.execPath, [CLI, '--help'], { timeout: 60000 });
    cliHelp = r.stdout + r.stderr;
  }
  return /--format\b/.test(cliHelp) && /\bjson\b/.test(cliHelp);
}

function codemodCommand(file, extraArgs) {
  if (CODEMOD_CMD) return ['sh', ['-c', `${CODEMOD_CMD} "$@"`, 'codemod', ...extraArgs, file]];
  return [process.execPath, [CLI, ...extraArgs, file]];
}

/** Every string held under a "transform" key anywhere in the CLI's JSON report. */
function reportedTransforms(value, out = new Set()) {
  if (Array.isArray(value)) for (const v of value) reportedTransforms(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'transform' && typeof v === 'string') out.add(v);
      else reportedTransforms(v, out);
    }
  }
  return out;
}

async function inspectImage(image) {
  const r = await must('buildah', ['inspect', '--type', 'image', image]);
  const info = JSON.parse(r.stdout);
  const manifest = JSON.parse(info.Manifest);
  const size = manifest.layers.reduce((sum, l) => sum + l.size, 0);
  const config = info.OCIv1?.config ?? {};
  const dockerConfig = info.Docker?.config ?? {};
  return {
    size,
    layers: info.OCIv1?.rootfs?.diff_ids?.length ?? manifest.layers.length,
    user: config.User ?? '',
    config: {
      Entrypoint: config.Entrypoint ?? null,
      Cmd: config.Cmd ?? null,
      Env: config.Env ?? [],
      WorkingDir: config.WorkingDir ?? '',
      ExposedPorts: config.ExposedPorts ?? {},
      Volumes: config.Volumes ?? {},
      Labels: config.Labels ?? {},
      StopSignal: config.StopSignal ?? '',
      Healthcheck: dockerConfig.Healthcheck ?? null,
      Shell: dockerConfig.Shell ?? null,
      OnBuild: dockerConfig.OnBuild ?? null,
    },
  };
}

/** Walks a mounted image: path -> { kind, desc }, desc holding type, mode, owner, size and content hash. */
function snapshotTree(root) {
  // Synchronous on purpose: for tens of thousands of small files it is several times
  // faster than the promise-based calls.
  const files = new Map();
  const buf = Buffer.allocUnsafe(1 << 20);
  const hashFile = (p) => {
    const hash = createHash('sha1');
    const fd = fs.openSync(p, 'r');
    try {
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    return hash.digest('hex').slice(0, 12);
  };
  const walk = (rel) => {
    let names;
    try {
      names = fs.readdirSync(path.join(root, rel)).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const r = rel === '/' ? `/${n}` : `${rel}/${n}`;
      const p = path.join(root, r);
      const st = fs.lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
      const owner = `${st.uid}:${st.gid}`;
      if (st.isDirectory()) {
        files.set(r, { kind: 'dir', desc: `dir ${mode} ${owner}` });
        walk(r);
      } else if (st.isSymbolicLink()) {
        const target = fs.readlinkSync(p);
        files.set(r, { kind: 'link', target, desc: `link -> ${target} ${owner}` });
      } else if (st.isFile()) {
        files.set(r, { kind: 'file', desc: `file ${mode} ${owner} ${st.size} bytes ${hashFile(p)}` });
      } else {
        const kind = st.isCharacterDevice() ? 'char' : st.isBlockDevice() ? 'block' : st.isFIFO() ? 'fifo' : 'socket';
        files.set(r, { kind, desc: `${kind} ${mode} ${owner} ${st.rdev}` });
      }
    }
  };
  walk('/');
  return files;
}

function readText(root, p) {
  try {
    return fs.readFileSync(path.join(root, p), 'utf8');
  } catch {
    return '';
  }
}

/** Installed packages: name (with architecture unless "all") -> version. */
function installedPackages(root) {
  const pkgs = new Map();
  for (const stanza of readText(root, '/var/lib/dpkg/status').split(/\n\n+/)) {
    const name = /^Package: (\S+)/m.exec(stanza)?.[1];
    const arch = /^Architecture: (\S+)/m.exec(stanza)?.[1];
    const status = /^Status: (.*)$/m.exec(stanza)?.[1];
    const version = /^Version: (\S+)/m.exec(stanza)?.[1] ?? '';
    if (name && status === 'install ok installed') pkgs.set(arch && arch !== 'all' ? `${name}:${arch}` : name, version);
  }
  return pkgs;
}

/** Top-level symlinked directories of a merged-/usr system: /bin -> /usr/bin and so on. */
function topLevelLinks(root) {
  const links = [];
  for (const n of fs.readdirSync(root)) {
    try {
      if (!fs.lstatSync(path.join(root, n)).isSymbolicLink()) continue;
      const target = fs.readlinkSync(path.join(root, n));
      links.push([`/${n}`, path.posix.resolve('/', target)]);
    } catch {
      // vanished
    }
  }
  return links;
}

function canonicalPath(p, links) {
  for (const [from, to] of links) {
    if (p === from || p.startsWith(`${from}/`)) return to + p.slice(from.length);
  }
  return p;
}

const DPKG_INFO = '/var/lib/dpkg/info';

/** Paths a package installed, as they appear in the image. */
function packageFiles(root, pkg, links) {
  const [name] = pkg.split(':');
  const out = [];
  for (const f of new Set([`${pkg}.list`, `${name}.list`])) {
    for (const line of readText(root, `${DPKG_INFO}/${f}`).split('\n')) {
      if (line.startsWith('/')) out.push(line === '/.' ? '/' : canonicalPath(line, links));
    }
  }
  return out;
}

/** The maintainer scripts of a package (they create files no .list names). */
function maintainerScripts(root, pkg) {
  const [name] = pkg.split(':');
  let text = '';
  for (const base of new Set([pkg, name])) {
    for (const ext of ['preinst', 'postinst', 'config', 'triggers']) text += readText(root, `${DPKG_INFO}/${base}.${ext}`);
  }
  return text;
}

// Directories too common for a mention in a maintainer script to say anything.
const GENERIC_DIRS = new Set([
  '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/share', '/usr/local', '/usr/include', '/usr/libexec',
  '/usr/lib/x86_64-linux-gnu', '/usr/share/doc', '/usr/share/man', '/usr/share/info', '/usr/local/bin',
  '/usr/local/sbin', '/usr/local/lib', '/usr/local/share', '/var/lib', '/var/cache', '/var/log', '/var/lib/dpkg',
  '/etc/default', '/etc/init.d', '/etc/apt', '/etc/dpkg', '/etc/cron.d', '/etc/cron.daily', '/etc/logrotate.d',
  '/etc/systemd', '/etc/systemd/system', '/etc/profile.d', '/etc/security', '/etc/pam.d',
]);

/** Whether a maintainer script text names a path, its file name, or a specific enough directory above it. */
function scriptsMention(scripts, p) {
  if (!scripts) return false;
  if (scripts.includes(p)) return true;
  const base = path.posix.basename(p);
  if (base.includes('.') && base.length >= 5 && scripts.includes(base)) return true;
  for (let dir = path.posix.dirname(p); dir !== '/'; dir = path.posix.dirname(dir)) {
    const depth = dir.split('/').length - 1;
    if (depth < 2 || GENERIC_DIRS.has(dir)) continue;
    if (depth === 2 && !dir.startsWith('/etc/')) continue;
    if (scripts.includes(dir)) return true;
  }
  return false;
}

function userExists(root, user) {
  const name = user.split(':')[0];
  if (/^\d+$/.test(name)) return true;
  return readText(root, '/etc/passwd').split('\n').some((l) => l.split(':')[0] === name);
}

async function withMounted(image, label, fn) {
  const c = (await must('buildah', ['from', '--pull=never', '--name', `${label}-${process.pid}`, image])).stdout.trim();
  try {
    const mnt = (await must('buildah', ['mount', c])).stdout.trim();
    return await fn(mnt, c);
  } finally {
    await run('buildah', ['rm', c]);
  }
}

async function buildImage(dir, tag, logFile, buildArgs) {
  const args = ['bud', '--format', 'docker', '--isolation', 'chroot', '--network', 'host', '--layers', '--force-rm', '--pull=never'];
  if (NO_CACHE) args.push('--no-cache');
  for (const [k, v] of Object.entries(buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  args.push('-t', tag, '-f', path.join(dir, 'Dockerfile'), dir);
  const started = Date.now();
  const r = await run('buildah', args, { cwd: dir, logFile });
  return { ok: r.code === 0, seconds: (Date.now() - started) / 1000, tail: lastLines(r.stderr || r.stdout, 3), timedOut: r.timedOut };
}

/** Replaces the Dockerfile of a build context by its heredoc emulation, and writes the scripts it mounts. */
async function writeHeredocEmulation(dir, logCopy) {
  const file = path.join(dir, 'Dockerfile');
  const { dockerfile, files } = emulateHeredocRuns(fs.readFileSync(file, 'utf8'));
  for (const [rel, content] of Object.entries(files)) {
    await fsp.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fsp.writeFile(path.join(dir, rel), content);
  }
  await fsp.writeFile(file, dockerfile);
  await fsp.writeFile(logCopy, dockerfile);
}

async function runCase(c, tmp, availableBases) {
  const caseT0 = Date.now();
  const fails = [];
  const e = c.expect;
  if (c.problems.length) return { name: c.name, fails: c.problems };
  const dockerfileText = fs.readFileSync(path.join(c.dir, 'Dockerfile'), 'utf8');
  for (const b of baseNames(dockerfileText)) {
    const id = baseIdFor(b);
    if (!id) fails.push(`base image ${b} is not provided by the suite`);
    else if (!availableBases.has(id)) fails.push(`base image ${b} was not set up`);
  }
  if (fails.length) return { name: c.name, fails };

  const work = path.join(tmp, 'cases', c.name);
  const beforeDir = path.join(work, 'before');
  const afterDir = path.join(work, 'after');
  await copyContext(c.dir, beforeDir);
  await copyContext(c.dir, afterDir);
  const logs = path.join(LOG_DIR, c.name);
  await fsp.rm(logs, { recursive: true, force: true });
  await fsp.mkdir(logs, { recursive: true });

  // 1. The codemod.
  // Every fix must keep the build working, unsafe ones included: the suite applies them unless a case says safeOnly.
  const extra = [...(e.safeOnly ? [] : ['--unsafe-fixes']), ...(e.codemodArgs ?? [])];
  const afterFile = path.join(afterDir, 'Dockerfile');
  let reportStrings = null;
  if (e.transforms?.length && (await cliSupportsJson())) {
    const r = await run(process.execPath, [CLI, ...extra, '--dry-run', '--format', 'json', afterFile], { cwd: afterDir, logFile: path.join(logs, 'codemod-json.log'), timeout: 120000 });
    try {
      reportStrings = reportedTransforms(JSON.parse(r.stdout));
    } catch {
      reportStrings = null;
    }
  }
  const [cmd, args] = codemodCommand(afterFile, extra);
  const cm = await run(cmd, args, { cwd: afterDir, logFile: path.join(logs, 'codemod.log'), timeout: 120000 });
  if (cm.code !== 0) fails.push(`codemod exited ${cm.code}: ${lastLines(cm.stderr || cm.stdout, 3)}`);
  const afterText = fs.readFileSync(afterFile, 'utf8');
  const changed = afterText !== dockerfileText;
  if (e.changes === true && !changed) fails.push('codemod left the Dockerfile unchanged');
  if (e.changes === false && changed) fails.push('codemod changed a Dockerfile that needs no change');
  if (e.transforms?.length) {
    const text = cm.stdout + cm.stderr;
    const missing = e.transforms.filter((id) => !(reportStrings ? reportStrings.has(id) : text.includes(id)));
    if (missing.length) fails.push(`transforms not reported: ${missing.join(', ')}`);
  }
  await fsp.writeFile(path.join(logs, 'Dockerfile.after'), afterText);
  if (!CODEMOD_CMD && cm.code === 0) {
    // A second run over its own output must find nothing left to do.
    const again = await run(process.execPath, [CLI, ...extra, '--check', afterFile], { cwd: afterDir, logFile: path.join(logs, 'codemod-again.log'), timeout: 120000 });
    if (again.code !== 0) fails.push(`a second codemod run would change the file again (--check exit ${again.code})`);
  }

  if (e.emulateHeredocs) {
    for (const [side, dir] of [['before', beforeDir], ['after', afterDir]]) {
      try {
        await writeHeredocEmulation(dir, path.join(logs, `Dockerfile.${side}.emulated`));
      } catch (err) {
        fails.push(`heredoc emulation of the ${side} Dockerfile: ${err.message}`);
      }
    }
    if (fails.length) return { name: c.name, fails };
  }

  // 2. Both builds.
  const tagBefore = `localhost/${SUITE}-${c.name}:before`;
  const tagAfter = `localhost/${SUITE}-${c.name}:after`;
  const phase = (what) => log(`${c.name}: ${what} at ${((Date.now() - caseT0) / 1000).toFixed(1)} s`);
  phase('codemod done');
  const bb = await buildImage(beforeDir, tagBefore, path.join(logs, 'before.log'), e.buildArgs);
  if (e.beforeFails !== undefined) return checkFixedBuild(c, bb, afterDir, tagAfter, logs, fails);
  if (!bb.ok) {
    fails.push(`before did not build${bb.timedOut ? ' (timed out)' : ''}: ${bb.tail}`);
    return { name: c.name, fails };
  }
  phase('before built');
  const ab = await buildImage(afterDir, tagAfter, path.join(logs, 'after.log'), e.buildArgs);
  if (!ab.ok) {
    fails.push(`after did not build${ab.timedOut ? ' (timed out)' : ''} (see .build-cache/logs/${c.name}/after.log): ${ab.tail}`);
    return { name: c.name, fails };
  }

  // 3. Image metadata.
  phase('after built');
  const before = await inspectImage(tagBefore);
  const after = await inspectImage(tagAfter);
  // Creating the user the image switches to costs one RUN: its layer is allowed for.
  const userAdded = after.user !== before.user && !/^(|root|0)(:.*)?$/.test(after.user);
  const maxSize = before.size + (e.maxSizeIncrease ?? 0) + (userAdded ? USER_ADD_BYTES : 0);
  if (after.size > maxSize) fails.push(`after is larger: ${before.size} -> ${after.size} bytes`);
  const maxLayers = before.layers + (e.maxLayerIncrease ?? 0) + (userAdded ? 1 : 0);
  if (after.layers > maxLayers) fails.push(`after has more layers: ${before.layers} -> ${after.layers}`);
  if (e.user !== undefined && after.user !== e.user) fails.push(`user is ${JSON.stringify(after.user)}, expected ${JSON.stringify(e.user)}`);
  if (e.nonRootUser && /^(|root|0)(:.*)?$/.test(after.user)) fails.push(`user is ${JSON.stringify(after.user)}, expected a non-root user`);
  for (const k of CONFIG_KEYS) {
    if ((e.allowConfigChanged ?? []).includes(k)) continue;
    if (JSON.stringify(before.config[k]) !== JSON.stringify(after.config[k])) {
      fails.push(`image config ${k} changed: ${JSON.stringify(before.config[k])} -> ${JSON.stringify(after.config[k])}`);
    }
  }

  // 4. File trees, packages and run checks.
  const allowed = [...DEFAULT_ALLOWED, ...(e.recommendsDropped ? RECOMMENDS_ALLOWED : []), ...(e.allowChanged ?? [])];
  if (after.user !== before.user && after.user) {
    const name = after.user.split(':')[0];
    allowed.push(`/home/${name}/**`, `/var/mail/${name}`, `/var/spool/mail/${name}`);
  }
  const allowedRe = allowed.map(globToRegExp);
  await withMounted(tagBefore, `${SUITE}-${c.name}-b`, async (bRoot, bCont) => {
    await withMounted(tagAfter, `${SUITE}-${c.name}-a`, async (aRoot, aCont) => {
      phase('mounted');
      const bTree = snapshotTree(bRoot);
      const aTree = snapshotTree(aRoot);
      phase(`file trees read (${bTree.size} + ${aTree.size} paths)`);
      const bPkgs = installedPackages(bRoot);
      const aPkgs = installedPackages(aRoot);
      const added = [...aPkgs.keys()].filter((p) => !bPkgs.has(p));
      const dropped = [...bPkgs.keys()].filter((p) => !aPkgs.has(p));
      if (added.length) fails.push(`after installs packages the original does not: ${added.join(', ')}`);
      if (dropped.length && !e.recommendsDropped) fails.push(`after lacks packages: ${dropped.join(', ')}`);
      // Without recommendations, other packages may come in other versions (a recommended
      // package may have pulled a newer version of a shared dependency) and maintainer
      // scripts of the dropped packages did not run.
      const bLinks = topLevelLinks(bRoot);
      const aLinks = topLevelLinks(aRoot);
      const droppedFiles = new Set(dropped.flatMap((p) => packageFiles(bRoot, p, bLinks)));
      const droppedScripts = dropped.map((p) => maintainerScripts(bRoot, p)).join('\n');
      const reversioned = e.recommendsDropped ? [...aPkgs.keys()].filter((p) => bPkgs.get(p) !== aPkgs.get(p)) : [];
      const reversionedFiles = new Set(reversioned.flatMap((p) => [...packageFiles(bRoot, p, bLinks), ...packageFiles(aRoot, p, aLinks)]));
      const missingAllowed = (p, b) =>
        droppedFiles.has(p) ||
        reversionedFiles.has(p) ||
        (b.kind === 'link' && b.target.startsWith('/etc/alternatives/')) ||
        scriptsMention(droppedScripts, p);

      const diffs = [];
      for (const [p, b] of bTree) {
        const a = aTree.get(p);
        if (a && a.desc === b.desc) continue;
        if (allowedRe.some((re) => re.test(p))) continue;
        if (a ? reversionedFiles.has(p) : missingAllowed(p, b)) continue;
        diffs.push(a ? `changed ${p} (${b.desc} -> ${a.desc})` : `missing ${p}`);
      }
      for (const p of aTree.keys()) {
        if (bTree.has(p) || allowedRe.some((re) => re.test(p)) || reversionedFiles.has(p)) continue;
        diffs.push(`new ${p}`);
      }
      if (diffs.length) {
        await fsp.writeFile(path.join(logs, 'tree-diff.txt'), `${diffs.join('\n')}\n`);
        fails.push(`file trees differ in ${diffs.length} path(s): ${diffs.slice(0, 4).join('; ')}${diffs.length > 4 ? '; …' : ''}`);
      }
      for (const p of e.mustExist ?? []) if (!aTree.has(p)) fails.push(`${p} missing from the after image`);
      for (const g of e.mustNotExist ?? []) {
        const re = globToRegExp(g);
        const hit = [...aTree.keys()].find((p) => re.test(p));
        if (hit) fails.push(`${hit} present in the after image (matches ${g})`);
      }
      if (after.user && !userExists(aRoot, after.user)) fails.push(`user ${after.user} does not exist in the after image`);

      phase('compared');
      for (const command of e.run ?? []) {
        for (const [side, cont] of [['before', bCont], ['after', aCont]]) {
          const r = await run('buildah', ['run', '--isolation', 'chroot', cont, '--', 'sh', '-c', command], { logFile: path.join(logs, `run-${side}.log`), timeout: 120000 });
          if (r.code !== 0) fails.push(`\`${command}\` failed in the ${side} image (exit ${r.code}): ${lastLines(r.stderr || r.stdout, 2)}`);
        }
      }
    });
  });

  phase('done');
  const pct = before.size ? ((after.size - before.size) / before.size) * 100 : 0;
  const pctText = Math.abs(pct) < 0.05 ? '0.0' : `${pct > 0 ? '+' : ''}${pct.toFixed(1)}`;
  const summary = `before ${humanMB(before.size)}, after ${humanMB(after.size)} (${pctText}%), layers ${before.layers} -> ${after.layers}, user ${after.user || 'root'}`;
  if (!KEEP) {
    await run('buildah', ['rmi', tagBefore]);
    await run('buildah', ['rmi', tagAfter]);
  }
  return { name: c.name, fails, summary, seconds: bb.seconds + ab.seconds };
}

/** A case whose original Dockerfile fails to build: the codemod's must build and pass the checks of its image alone. */
async function checkFixedBuild(c, bb, afterDir, tagAfter, logs, fails) {
  const e = c.expect;
  if (bb.ok) fails.push('before built, but the case says it fails');
  else if (!readText('/', path.join(logs, 'before.log')).includes(e.beforeFails)) {
    fails.push(`before failed without ${JSON.stringify(e.beforeFails)}: ${bb.tail}`);
  }
  const ab = await buildImage(afterDir, tagAfter, path.join(logs, 'after.log'), e.buildArgs);
  if (!ab.ok) {
    fails.push(`after did not build${ab.timedOut ? ' (timed out)' : ''} (see .build-cache/logs/${c.name}/after.log): ${ab.tail}`);
    return { name: c.name, fails };
  }
  const after = await inspectImage(tagAfter);
  if (e.user !== undefined && after.user !== e.user) fails.push(`user is ${JSON.stringify(after.user)}, expected ${JSON.stringify(e.user)}`);
  await withMounted(tagAfter, `${SUITE}-${c.name}-a`, async (aRoot, aCont) => {
    const aTree = snapshotTree(aRoot);
    for (const p of e.mustExist ?? []) if (!aTree.has(p)) fails.push(`${p} missing from the after image`);
    for (const g of e.mustNotExist ?? []) {
      const re = globToRegExp(g);
      const hit = [...aTree.keys()].find((p) => re.test(p));
      if (hit) fails.push(`${hit} present in the after image (matches ${g})`);
    }
    for (const command of e.run ?? []) {
      const r = await run('buildah', ['run', '--isolation', 'chroot', aCont, '--', 'sh', '-c', command], { logFile: path.join(logs, 'run-after.log'), timeout: 120000 });
      if (r.code !== 0) fails.push(`\`${command}\` failed in the after image (exit ${r.code}): ${lastLines(r.stderr || r.stdout, 2)}`);
    }
  });
  if (!KEEP) await run('buildah', ['rmi', tagAfter]);
  const summary = `before failed to build, after ${humanMB(after.size)}, layers ${after.layers}, user ${after.user || 'root'}`;
  return { name: c.name, fails, summary, seconds: bb.seconds + ab.seconds };
}

// ---------------------------------------------------------------------------
// Main

let tmpRoot = null;
let cleanupPromise = null;

/** Stops what is running and removes the containers, images and temporary files of this run (once). */
function cleanup() {
  cleanupPromise ??= doCleanup();
  return cleanupPromise;
}

async function doCleanup() {
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  if (!tmpRoot) return;
  if (KEEP) {
    console.error(`kept ${tmpRoot} (CONTAINERS_STORAGE_CONF=${storageConf})`);
    return;
  }
  await run('buildah', ['rm', '--all'], { timeout: 120000, always: true });
  await run('buildah', ['rmi', '--all', '--force'], { timeout: 120000, always: true });
  // Unmount anything still mounted below our temporary directory, deepest first.
  try {
    const mounts = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n')
      .map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
      .filter((m) => m && (m === tmpRoot || m.startsWith(`${tmpRoot}/`)))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) await run('umount', ['-l', m], { always: true });
  } catch {
    // no /proc
  }
  await fsp.rm(tmpRoot, { recursive: true, force: true }).catch(() => {});
}

async function main() {
  checkPreconditions();
  const started = Date.now();
  let names = fs.readdirSync(CASES_DIR).filter((n) => fs.statSync(path.join(CASES_DIR, n)).isDirectory()).sort();
  const unknown = [];
  if (env.BUILD_CASES) {
    const wanted = env.BUILD_CASES.split(',').map((s) => s.trim()).filter(Boolean);
    unknown.push(...wanted.filter((w) => !names.includes(w)));
    names = names.filter((n) => wanted.includes(n));
  }
  const cases = names.map(loadCase);

  await fsp.mkdir(LOG_DIR, { recursive: true });
  tmpRoot = await fsp.mkdtemp(path.join(os.tmpdir(), `${SUITE}-`));
  const storage = path.join(tmpRoot, 'storage');
  await fsp.mkdir(path.join(storage, 'graph'), { recursive: true });
  await fsp.mkdir(path.join(storage, 'run'), { recursive: true });
  storageConf = path.join(storage, 'storage.conf');
  await fsp.writeFile(storageConf, `[storage]\ndriver = "${STORAGE_DRIVER}"\ngraphroot = "${storage}/graph"\nrunroot = "${storage}/run"\n`);

  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      console.log(`interrupted (${sig}): cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }

  const needed = new Set();
  for (const c of cases) {
    try {
      for (const b of baseNames(fs.readFileSync(path.join(c.dir, 'Dockerfile'), 'utf8'))) {
        const id = baseIdFor(b);
        if (id) needed.add(id);
      }
    } catch {
      // reported by the case
    }
  }
  let setup;
  try {
    setup = await setupBases(tmpRoot, needed);
  } catch (err) {
    if (interrupted) await new Promise(() => {}); // the signal handler exits
    console.log(`FAIL base images: ${err.message}`);
    await cleanup();
    console.log(`0 passed, ${cases.length + unknown.length} failed`);
    process.exit(1);
  }
  const available = new Set(['debian', ...DERIVED_BASES.filter((b) => needed.has(b.id)).map((b) => b.id)]);
  console.log(`base images ready in ${setup.seconds.toFixed(1)} s${setup.built.length ? ` (built: ${setup.built.join(', ')})` : ' (cached)'}`);

  let passed = 0;
  let failed = 0;
  for (const u of unknown) {
    console.log(`FAIL ${u}: no such case`);
    failed++;
  }
  const queue = [...cases];
  const timings = [];
  async function worker() {
    while (queue.length && !stopping) {
      const c = queue.shift();
      const caseStarted = Date.now();
      let res;
      try {
        res = await runCase(c, tmpRoot, available);
      } catch (err) {
        res = { name: c.name, fails: [`harness error: ${err.message}`] };
      }
      if (interrupted) return;
      timings.push(`${res.name}\t${((Date.now() - caseStarted) / 1000).toFixed(1)} s\t${res.fails.length ? 'FAIL' : 'ok'}`);
      if (res.fails.length) {
        failed++;
        console.log(`FAIL ${res.name}: ${res.fails.join('; ')}`);
      } else {
        passed++;
        console.log(`ok ${res.name}: ${res.summary}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(JOBS, cases.length || 1) }, worker));
  if (interrupted) await new Promise(() => {}); // the signal handler exits
  await fsp.writeFile(path.join(LOG_DIR, 'timings.tsv'), `${timings.join('\n')}\n`).catch(() => {});
  await cleanup();
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s, logs in .build-cache/logs`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch(async (err) => {
  if (interrupted) return;
  console.log(`FAIL harness: ${err.stack ?? err}`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
});

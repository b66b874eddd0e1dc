#!/usr/bin/env node
// Regenerates data/debian/<release>.txt.gz: what apt installs for each binary package of Debian's main archive
// (amd64), read from the release's own Packages index. apt-no-install-recommends uses it to tell which packages
// --no-install-recommends leaves out.
//
//   npm run data:debian                        mirror read from this machine's apt sources
//   node scripts/debian-data.mjs [--mirror http://host/debian] [release ...]   default releases: bookworm trixie
//
// Downloads dists/<release>/Release (for its Date) and dists/<release>/main/binary-amd64/Packages.xz, decompresses
// with the `xz` binary. Per package it keeps: Depends + Pre-Depends (the first alternative of each, versions and
// architecture qualifiers stripped), Recommends (the first alternative: the one apt installs when it can), and
// Provides. Packages of Priority: required and Essential: yes packages, with apt, make the base of every Debian
// image (debootstrap's minbase, which the official debian images are built from).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'data', 'debian');

const args = process.argv.slice(2);
let mirror = null;
const releases = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mirror') mirror = args[++i];
  else if (args[i].startsWith('--mirror=')) mirror = args[i].slice('--mirror='.length);
  else if (args[i] === '--help' || args[i] === '-h') {
    console.log('usage: node scripts/debian-data.mjs [--mirror URL] [release ...]   (default: bookworm trixie)');
    process.exit(0);
  } else releases.push(args[i]);
}
if (releases.length === 0) releases.push('bookworm', 'trixie');
mirror ??= aptMirror();
if (!mirror) {
  console.error('no Debian mirror found in /etc/apt/sources.list{,.d}: pass one with --mirror http://host/debian');
  process.exit(1);
}
mirror = mirror.replace(/\/+$/, '');

/** The first Debian archive URI of the apt sources (deb822 `.sources` or one-line `.list`), not the security one. */
function aptMirror() {
  const files = ['/etc/apt/sources.list'];
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) files.push(...readdirSync(dir).sort().map((f) => join(dir, f)));
  for (const f of files) {
    if (!existsSync(f)) continue;
    const text = readFileSync(f, 'utf8');
    const uris = f.endsWith('.sources')
      ? [...text.matchAll(/^URIs:\s*(.+)$/gim)].flatMap((m) => m[1].trim().split(/\s+/))
      : [...text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm)].map((m) => m[1]);
    const uri = uris.find((u) => /^https?:\/\//.test(u) && /\/debian\/?$/.test(u));
    if (uri) return uri;
  }
  return null;
}

async function download(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Stanzas of a Packages file, as maps of field name (lower-cased) to value (continuation lines joined). */
function* stanzas(text) {
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map();
    let last = null;
    for (const line of block.split('\n')) {
      if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
      else {
        const c = line.indexOf(':');
        if (c <= 0) continue;
        last = line.slice(0, c).toLowerCase();
        fields.set(last, line.slice(c + 1).trim());
      }
    }
    if (fields.has('package')) yield fields;
  }
}

/** Names of a relation field: per comma-separated item, its alternatives' names (no versions, no `:any`). */
function relation(value) {
  if (!value) return [];
  return value.split(',').map((item) => item.split('|').map((alt) => alt.trim().replace(/\s*[([<].*$/, '').replace(/:\S+$/, '')).filter(Boolean)).filter((a) => a.length);
}

const PRIORITY_RANK = { required: 0, important: 1, standard: 2, optional: 3, extra: 4 };

async function build(release) {
  const base = `${mirror}/dists/${release}`;
  const releaseText = (await download(`${base}/Release`)).toString('utf8');
  const date = /^Date:\s*(.+)$/m.exec(releaseText)?.[1] ?? null;
  const version = /^Version:\s*(.+)$/m.exec(releaseText)?.[1] ?? null;
  const xz = await download(`${base}/main/binary-amd64/Packages.xz`);
  const text = execFileSync('xz', ['-dc'], { input: xz, maxBuffer: 1 << 30 }).toString('utf8');

  const pkgs = new Map();
  for (const f of stanzas(text)) {
    const name = f.get('package');
    if (pkgs.has(name)) continue; // one version per name in a release's main
    pkgs.set(name, {
      depends: [...relation(f.get('pre-depends')), ...relation(f.get('depends'))],
      recommends: relation(f.get('recommends')),
      provides: relation(f.get('provides')).map((a) => a[0]),
      priority: f.get('priority') ?? 'optional',
      essential: f.get('essential') === 'yes',
    });
  }
  // Virtual names: the providers of each, the best priority first (apt's choice when nothing else decides).
  const providers = new Map();
  for (const [name, p] of pkgs) {
    for (const v of p.provides) {
      if (v === name) continue;
      if (!providers.has(v)) providers.set(v, []);
      providers.get(v).push(name);
    }
  }
  for (const list of providers.values()) {
    list.sort((a, b) => (PRIORITY_RANK[pkgs.get(a).priority] ?? 9) - (PRIORITY_RANK[pkgs.get(b).priority] ?? 9));
  }
  /** The real package a relation item installs: its first alternative, through Provides when virtual. */
  const pick = (alts) => {
    const first = alts[0];
    if (pkgs.has(first)) return first;
    return providers.get(first)?.[0] ?? null;
  };

  const names = [...pkgs.keys()].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const ids = (items) => [...new Set(items.map(pick).filter((n) => n !== null).map((n) => index.get(n)))];
  // Packages of the base system: required + essential + apt, and what they depend on.
  const baseSet = new Set();
  const stack = names.filter((n) => pkgs.get(n).priority === 'required' || pkgs.get(n).essential || n === 'apt');
  while (stack.length) {
    const n = stack.pop();
    if (baseSet.has(n)) continue;
    baseSet.add(n);
    for (const d of pkgs.get(n).depends) {
      const r = pick(d);
      if (r) stack.push(r);
    }
  }
  // Compact: per package "depends;recommends" as base-36 indices joined by ',' ("" when both are empty).
  const rel = names.map((n) => {
    const p = pkgs.get(n);
    const d = ids(p.depends).filter((i) => names[i] !== n);
    const r = ids(p.recommends).filter((i) => names[i] !== n);
    return d.length || r.length ? `${d.map((i) => i.toString(36)).join(',')};${r.map((i) => i.toString(36)).join(',')}` : '';
  });
  const virtual = {};  // name → provider ids
  for (const [v, list] of [...providers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Rust crates' feature names and Haskell's hashed library names are only reached through Depends (resolved
    // above); nobody installs them by hand, and they are most of the virtual names.
    if (!pkgs.has(v) && !/^(librust-|libghc-)/.test(v)) virtual[v] = list.map((n) => index.get(n).toString(36)).join(',');
  }
  // Text, one record a line (splitting lines is much faster than parsing the same data as JSON): a JSON header,
  // the names, then per name "depends;recommends" (base-36 ids), then "virtual-name<TAB>provider ids", then
  // the ids of the base system.
  const header = { format: 2, release, version, date, source: `Debian ${release} main binary-amd64 Packages`, count: names.length };
  const virtualLines = Object.entries(virtual).map(([v, list]) => `${v}\t${list}`);
  const baseLine = [...baseSet].map((n) => index.get(n)).sort((a, b) => a - b).map((i) => i.toString(36)).join(',');
  const out = [JSON.stringify(header), ...names, ...rel, ...virtualLines, baseLine].join('\n');
  const gz = gzipSync(out, { level: 9 });
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${release}.txt.gz`);
  writeFileSync(file, gz);
  console.log(`${release} ${version ?? ''} (${date}): ${names.length} packages, ${Object.keys(virtual).length} virtual names, ${baseSet.size} in the base; ${out.length} bytes, ${gz.length} gzipped → ${file}`);
}

for (const r of releases) await build(r);

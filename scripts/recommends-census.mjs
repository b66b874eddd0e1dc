#!/usr/bin/env node
// Which recommended packages --no-install-recommends would drop from the apt installs of a directory of
// Dockerfiles, most frequent first, and how transforms/apt-no-install-recommends/recommends.ts classifies them.
// Grows that list: the unclassified ones at the top are the next to look at. Run `npm run build` first.
//   node scripts/recommends-census.mjs [dir] [--top N] [--all]     default: ../shared/corpus/files next to the repository
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 60;
// --all: count the installs of stages on other releases too, as if they were on bookworm.
const allAt = args.indexOf('--all');
const all = allAt >= 0 && args.splice(allAt, 1).length > 0;
const dir = resolve(args[0] ?? join(root, '../shared/corpus/files'));

const { initShell, parseDockerfile } = await import(join(root, 'dist/src/index.js'));
const pmLib = await import(join(root, 'dist/transforms/shared/package-managers.js'));
const { stageRelease } = await import(join(root, 'dist/transforms/shared/debian-release.js'));
const { releaseData } = await import(join(root, 'dist/transforms/shared/debian-data.js'));
const { droppedBy } = await import(join(root, 'dist/transforms/apt-no-install-recommends/dropped.js'));
const { classify } = await import(join(root, 'dist/transforms/apt-no-install-recommends/recommends.js'));
await initShell();

const counts = new Map();
const releases = new Map();
const unknownWhy = new Map();
let installs = 0;
for (const f of readdirSync(dir).sort()) {
  let m;
  try {
    m = parseDockerfile(readFileSync(join(dir, f), 'utf8'));
  } catch {
    continue;
  }
  for (const ins of m.instructions) {
    if (ins.name !== 'RUN' || !ins.stage) continue;
    for (const pm of pmLib.pmCommands(ins)) {
      if (!((pm.tool === 'apt-get' || pm.tool === 'apt') && pm.subName === 'install')) continue;
      if (pm.options.some((o) => o.name === '--no-install-recommends')) continue;
      let rel = stageRelease(ins.stage);
      const key = rel.kind === 'known' ? `${rel.releases.join('+')}${rel.approximate ? ' (approximate)' : ''}` : 'unknown';
      releases.set(key, (releases.get(key) ?? 0) + 1);
      if (rel.kind !== 'known' && all) rel = { kind: 'known', releases: ['bookworm'], approximate: 'other', preinstalled: [] };
      if (rel.kind !== 'known') {
        const why = rel.reason.replace(/^\S+ /, '');
        unknownWhy.set(why, (unknownWhy.get(why) ?? 0) + 1);
        continue;
      }
      installs++;
      const names = pm.operands.map((w) => w.value?.replace(/[=/].*$/, '').replace(/:[a-z0-9-]+$/, '').toLowerCase()).filter(Boolean);
      const seen = new Set();
      for (const r of rel.releases) {
        const { packages } = droppedBy(releaseData(r), names, rel.preinstalled);
        for (const [p, by] of packages) {
          if (by === null || seen.has(p)) continue;
          seen.add(p);
          const c = counts.get(p) ?? { n: 0, by: new Map() };
          c.n++;
          c.by.set(by, (c.by.get(by) ?? 0) + 1);
          counts.set(p, c);
        }
      }
    }
  }
}
console.log(`installs without the option, by release: ${JSON.stringify(Object.fromEntries(releases))}`);
console.log(`unknown release: ${JSON.stringify(Object.fromEntries(unknownWhy))}`);
console.log(`${installs} on a known release; ${counts.size} different recommended packages dropped`);
for (const [p, c] of [...counts].sort((a, b) => b[1].n - a[1].n).slice(0, top)) {
  const v = classify(p);
  const by = [...c.by].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n]) => n).join(' ');
  console.log(`${String(c.n).padStart(4)}  ${p.padEnd(32)} ${(v?.verdict ?? '?').padEnd(5)} by ${by}`);
}

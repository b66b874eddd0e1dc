import type { Model, Stage } from '../src/model/types.js';
import { analysable, analysableRuns, stageChain } from './shared/package-managers.js';
import { failureIgnored } from './shared/shell-context.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/**
 * gpg commands that only read keys, signatures or armour: they never ask a question on a build that passes, so
 * `--batch` keeps what they do, and it stops gpg from opening /dev/tty (which fails where there is none).
 * gpg reads unique prefixes of long options (`--recv-key` is `--recv-keys`).
 */
const BATCHABLE = ['--import', '--recv-keys', '--receive-keys', '--dearmor', '--dearmour', '--enarmor', '--enarmour', '--verify', '--fetch-keys', '--refresh-keys', '--export', '--import-ownertrust'];
/**
 * Commands and options whose meaning `--batch` changes: key deletion goes ahead without asking when the key is
 * named by fingerprint, key generation reads a parameter file, passphrases are read from the command line only in
 * batch mode, and key editing refuses interactive commands.
 */
const CHANGED = [
  '--delete-keys', '--delete-secret-keys', '--delete-secret-and-public-keys', '--gen-key', '--generate-key',
  '--full-gen-key', '--full-generate-key', '--quick-gen-key', '--quick-generate-key', '--edit-key', '--sign-key',
  '--lsign-key', '--quick-sign-key', '--passwd', '--passphrase', '--passphrase-fd', '--passphrase-file',
  '--pinentry-mode', '--command-fd', '--command-file', '--sign', '--clear-sign', '--clearsign', '--detach-sign',
  '--encrypt', '--symmetric', '--decrypt', '--card-edit', '--change-pin',
];
/** Options that take the next word as their argument. */
const WITH_ARG = new Set([
  '--keyserver', '--homedir', '--keyring', '--secret-keyring', '--primary-keyring', '--trust-model', '--output', '-o',
  '--default-key', '--local-user', '-u', '--recipient', '-r', '--keyserver-options', '--import-options',
  '--export-options', '--verify-options', '--status-fd', '--logger-fd', '--trustdb-name',
]);
/** Already non-interactive. */
const NON_INTERACTIVE = new Set(['--batch', '--no-tty']);
/** Writes `batch` or `no-tty` into a gpg configuration file. */
const CONFIG_BATCH = /^(batch|no-tty)$/;

const base = (v: string) => v.slice(v.lastIndexOf('/') + 1);

/** Per stage, the offset of its first command that writes `batch` or `no-tty` (a gpg configuration line). */
function batchConfigs(m: Model): Map<Stage, number> {
  const out = new Map<Stage, number>();
  for (const ins of m.instructions) {
    if (!ins.stage || out.has(ins.stage) || !analysable(ins)) continue;
    const c = ins.shell!.commands.find((x) => [x.name, ...x.args].some((w) => w?.value && CONFIG_BATCH.test(w.value)));
    if (c) out.set(ins.stage, c.node.start);
  }
  return out;
}

/** The long option a word names, expanding unique prefixes of the names in `names` (3 characters at least). */
function longName(word: string, names: string[]): string | null {
  const name = word.split('=')[0];
  if (names.includes(name)) return name;
  if (name.length < 5) return null;
  const hits = names.filter((n) => n.startsWith(name));
  return hits.length === 1 ? hits[0] : null;
}

export const gpgBatch: Transform = {
  id: 'gpg-batch',
  description: 'Add --batch to gpg commands that import, fetch, verify or (de)armour keys and signatures, so gpg never needs a terminal in a build',
  hadolint: [],
  // On a build that passes today --batch changes nothing that can be seen (gpg 2.2 neither prompts nor opens the
  // terminal for these commands); it guards against gpg versions that do. Asked for by name, not applied by default.
  defaultOn: false,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    const configs = batchConfigs(m);
    /** An earlier command of the stage, or of a stage it is built FROM, configures batch mode. */
    const configured = (stage: Stage, at: number) => stageChain(stage).some((s) => (configs.get(s) ?? Infinity) < (s === stage ? at : Infinity));
    for (const ins of analysableRuns(m, ['gpg', 'gpg2'], '', skips)) {
      const runFixes: Fix[] = [];
      const runSkips: Skip[] = [];
      for (const c of ins.shell!.commands) {
        const eff = c.effective;
        if (!eff || eff.name.value === null || !/^gpg2?$/.test(base(eff.name.value))) continue;
        const words = eff.args.map((a) => a.value);
        if (words.some((w) => w !== null && NON_INTERACTIVE.has(w))) continue;
        const line = m.lineOf(eff.name.start);
        const what = `the ${base(eff.name.value)} on line ${line}`;
        const options = words.filter((w): w is string => w !== null && w.startsWith('--'));
        const command = options.map((o) => longName(o, BATCHABLE)).find((n) => n !== null);
        if (!command) continue;
        const changed = options.map((o) => longName(o, CHANGED)).find((n) => n !== null)
          ?? words.find((w) => w !== null && /^-[a-zA-Z]+$/.test(w) && /[sedcb]/.test(w.slice(1)));
        if (changed) {
          runSkips.push({ reason: `${what} also uses ${changed}, whose meaning --batch changes`, line });
          continue;
        }
        // A word the codemod cannot read may expand to options (`gpg $GPG_OPTS --import`), unless it is a
        // key, file or option argument: after the command option, or after an option that takes one.
        const commandAt = words.findIndex((w) => w !== null && w.startsWith('--') && longName(w, BATCHABLE) !== null);
        const args = eff.args;
        if (words.some((w, i) => w === null && i < commandAt && !WITH_ARG.has(words[i - 1] ?? '') && !/^--[a-z-]+=/.test(args[i].raw))) {
          runSkips.push({ reason: `${what} has words the codemod cannot read (they may include --batch)`, line });
          continue;
        }
        if (configured(ins.stage!, c.node.start)) continue;
        if (failureIgnored(ins, c)) {
          runSkips.push({ reason: `${what} may fail without failing the build: with --batch it might succeed where it failed and change the image`, line });
          continue;
        }
        runFixes.push({
          message: `added --batch to ${what} (${command}): gpg then never opens the terminal, which a build does not have`,
          line,
          edits: [{ start: eff.name.end, end: eff.name.end, text: ' --batch' }],
          touches: [ins.index],
        });
      }
      skips.push(...runSkips);
      // A RUN whose gpg commands would end up half with --batch and half without is left as it is.
      if (runSkips.length === 0) fixes.push(...runFixes);
      else for (const f of runFixes) skips.push({ reason: `the gpg on line ${f.line} is left as it is, like the one on line ${runSkips[0].line} of the same RUN`, line: f.line });
    }
    return { fixes, skips };
  },
};

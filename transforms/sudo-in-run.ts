import type { ShellCommand, Word } from '../src/model/types.js';
import type { Instruction } from '../src/model/types.js';
import { classifyImage } from './shared/base-images.js';
import { analysableRuns, stageChain } from './shared/package-managers.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/** sudo options that change nothing for a command root runs as root. */
const HARMLESS = new Set(['-E', '-H', '-n', '-k', '-P', '--preserve-env', '--set-home', '--non-interactive', '--reset-timestamp', '--preserve-groups', '--']);
/** Why other sudo options are kept. */
const MEANING: Record<string, string> = {
  '-u': 'runs the command as another user',
  '--user': 'runs the command as another user',
  '-g': 'runs the command with another group',
  '--group': 'runs the command with another group',
  '-i': 'starts a login shell',
  '--login': 'starts a login shell',
  '-s': 'starts a shell',
  '--shell': 'starts a shell',
  '-S': 'reads a password from its standard input',
  '--stdin': 'reads a password from its standard input',
  '-b': 'runs the command in the background',
  '--background': 'runs the command in the background',
};
const ROOT = /^(root|0|#0)$/;

/** The words from `sudo` up to the command it runs, or why they cannot go. */
function sudoSpan(cmd: ShellCommand): { sudo: Word; next: Word } | string | null {
  const name = cmd.name;
  if (!name || name.value === null || name.value.slice(name.value.lastIndexOf('/') + 1) !== 'sudo') return null;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) return 'its options cannot be read';
    const eq = v.indexOf('=');
    const opt = v.startsWith('--') && eq > 0 ? v.slice(0, eq) : v;
    if (opt === '-u' || opt === '--user') {
      const user = eq > 0 ? v.slice(eq + 1) : args[++i]?.value ?? null;
      if (user !== null && ROOT.test(user)) continue;
      return MEANING[opt];
    }
    if (/^-u./.test(v)) {
      if (ROOT.test(v.slice(2))) continue;
      return MEANING['-u'];
    }
    if (HARMLESS.has(opt)) continue;
    if (/^-[EHnkP]+$/.test(v)) continue;
    if (opt.startsWith('-')) return MEANING[opt] ?? MEANING[opt.slice(0, 2)] ?? `has the option ${opt}`;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) return 'passes variables through sudo (VAR=value)';
    return { sudo: name, next: args[i] };
  }
  return null;
}

/**
 * Whether the RUN runs as root: a USER root/0 in force, or no USER in the file and a base image known to run as root
 * (images such as circleci/*, jenkins/jenkins or ocaml/opam run as their own user, and need sudo). Null when unknown.
 */
function runsAsRoot(ins: Instruction): boolean | null {
  const u = ins.state.user;
  if (u !== null) return /^(root|0)(:.*)?$/.test(u);
  const image = classifyImage(stageChain(ins.stage!).pop()!.resolvedImage);
  if (image.kind === 'create' || image.kind === 'root') return true;
  if (image.kind === 'shipped') return !image.defaultNonRoot;
  if (image.kind === 'unknown') return null;
  return false;
}

export const sudoInRun: Transform = {
  id: 'sudo-in-run',
  description: 'Drop sudo from RUN commands that already run as root',
  hadolint: ['DL3004'],
  defaultOn: true,
  tier: 'unsafe',
  unsafeReason:
    'sudo resets the environment (PATH becomes its secure_path, ENV variables are dropped): without it the command sees the ENV and PATH of the image',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['sudo'], '', skips)) {
      const root = runsAsRoot(ins);
      if (root === false) continue;
      for (const c of ins.shell!.commands) {
        const span = sudoSpan(c);
        if (span === null) continue;
        const line = m.lineOf(c.node.start);
        if (root === null) {
          skips.push({ reason: `sudo on line ${line} kept: the base image is not known to run as root (it may set a USER that needs sudo)`, line });
          break;
        }
        if (typeof span === 'string') {
          skips.push({ reason: `sudo on line ${line} kept: it ${span}`, line });
          continue;
        }
        if (m.text.slice(span.sudo.start, span.next.start).includes('\n')) {
          skips.push({ reason: `sudo on line ${line} kept: its command starts on another line`, line });
          continue;
        }
        fixes.push({
          message: `removed sudo on line ${line}: the RUN already runs as root`,
          line,
          edits: [{ start: span.sudo.start, end: span.next.start, text: '' }],
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};

import { parseDockerfile } from '../../src/model/parse.js';
import { continuation, keyword } from '../../src/model/style.js';
import type { Instruction, Model, Stage } from '../../src/model/types.js';
import { expandVars, hasVariable, resolvePath } from '../../src/model/vars.js';
import { accountConflict, classifyImage, createUserCommands, type BaseImage, type Family } from '../shared/base-images.js';
import { copiedPaths } from './copied-dirs.js';
import { baseEntrypointRisk, inferFamily } from './infer-family.js';
import { planChowns } from './own-dirs.js';
import { copyParts, rootNeed, type Finding } from './root-needs.js';
import { ownedDirs } from './written-paths.js';
import type { Fix, Skip, Transform, TransformContext } from '../../src/transform-types.js';

/** Why the transform left a file alone (stable codes, for reports and tests). */
export type SkipCode =
  | 'ignored' | 'windows' | 'deliberate-root' | 'unresolved-base' | 'image-needs-root' | 'unknown-base' | 'no-user-name'
  | 'non-posix-shell' | 'etc-replaced' | 'open-at-end' | 'bad-option' | 'account-exists' | Finding['code'];

/** How the USER line was chosen. */
export type How = `create:${Family}` | 'shipped' | 'scratch' | 'restore';

export type Plan =
  | { action: 'none' }
  | { action: 'skip'; code: SkipCode; skip: Skip }
  | { action: 'fix'; how: How; fix: Fix };

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const POSIX_SHELL = /(^|\/)(sh|bash|dash|ash|zsh|ksh|mksh)$/;
/** Comments with which linters are told to accept a root user: hadolint, Checkov and Trivy. */
const IGNORE_PRAGMA = /^(hadolint\s+(global\s+)?ignore=.*\bDL3002\b|checkov:skip=CKV_DOCKER_(3|8)\b|trivy:ignore:(AVD-)?DS-?0*02\b)/i;
/** Instructions that describe how the container starts: the USER line goes before them. */
const STARTUP = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'ONBUILD']);

function isRoot(user: string): boolean {
  const name = user.split(':')[0];
  return name === 'root' || name === '0';
}

/** Names of the variables a text refers to, with whether each has an inline default (`${X:-d}`). */
function variableRefs(text: string): Array<{ name: string; hasDefault: boolean }> {
  const refs: Array<{ name: string; hasDefault: boolean }> = [];
  for (const r of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    refs.push({ name: r[1] ?? r[3], hasDefault: (r[2] ?? '').includes('-') });
  }
  return refs;
}

/** The value a USER instruction sets, or null when it depends on a value not known here. */
function userValue(m: Model, ins: Instruction): string | null {
  const raw = m.text.slice(ins.argsStart, ins.argsEnd).trim();
  const known = variableRefs(raw).every((r) => r.hasDefault || (ins.state.vars[r.name] ?? '') !== '');
  return known ? expandVars(raw, ins.state.vars) : null;
}

/** The stages making up the final image, base first. */
function finalChain(m: Model): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = m.stages[m.stages.length - 1]; s; s = s.baseStage) chain.unshift(s);
  return chain;
}

/** Why the base image reference cannot be resolved, or null. */
function unresolvedBase(m: Model, root: Stage): string | null {
  const defaults = new Set<string>();
  for (const ins of m.instructions) {
    if (ins.stage !== null || ins.name !== 'ARG') continue;
    const word = ins.args[0]?.value ?? '';
    const eq = word.indexOf('=');
    if (eq > 0 && word.slice(eq + 1).replace(/^["']|["']$/g, '') !== '') defaults.add(word.slice(0, eq));
  }
  for (const r of variableRefs(root.image)) {
    if (!r.hasDefault && !defaults.has(r.name)) {
      return `the base image ${root.image} (line ${root.from.line}) depends on build argument ${r.name}, which has no default`;
    }
  }
  if (root.resolvedImage.trim() === '' || hasVariable(root.resolvedImage)) {
    return `the base image ${root.image} (line ${root.from.line}) cannot be resolved`;
  }
  return null;
}

/** Start of the comment lines directly above an instruction (they belong to it), else its line start. */
function blockStart(m: Model, ins: Instruction): number {
  const prevEnd = ins.index > 0 ? m.instructions[ins.index - 1].end : 0;
  let start = ins.lineStart;
  while (start > 0) {
    const lineEnd = start - 1;
    const lineStart = m.text.lastIndexOf('\n', lineEnd - 1) + 1;
    if (lineStart <= prevEnd) break;
    if (!/^[ \t]*#/.test(m.text.slice(lineStart, lineEnd))) break;
    start = lineStart;
  }
  return start;
}

interface Spot {
  offset: number;
  /** Text to put before the inserted lines (a line break at the end of a file without one). */
  lead: string;
  /** Line ending after each inserted line. */
  trail: string;
  indent: string;
  /** The instruction the lines go before, or null at the end of the stage. */
  before: Instruction | null;
}

/** Where new lines go before `own[idx]`, or after the stage's last instruction when idx is past the end. */
function spotAt(m: Model, own: Instruction[], idx: number): Spot {
  const { eol } = m.style;
  const indentOf = (ins: Instruction) => {
    const s = m.text.slice(ins.lineStart, ins.start);
    return /^[ \t]*$/.test(s) ? s : '';
  };
  if (idx < own.length) {
    const ins = own[idx];
    return { offset: blockStart(m, ins), lead: '', trail: eol, indent: indentOf(ins), before: ins };
  }
  const last = own[own.length - 1];
  const nl = m.text.indexOf('\n', last.end);
  if (nl < 0) return { offset: m.text.length, lead: eol, trail: '', indent: indentOf(last), before: null };
  return { offset: nl + 1, lead: '', trail: eol, indent: indentOf(last), before: null };
}

/**
 * Whether a line added at the end of the file is an instruction of its own: not text of a heredoc that has no
 * end line, nor joined to the last instruction by a line continuation (even one followed only by comments).
 */
function takesNewLines(m: Model): boolean {
  const { eol } = m.style;
  const probe = parseDockerfile(`${m.text}${/[\r\n]$/.test(m.text) ? '' : eol}USER probe${eol}`);
  const last = probe.instructions[probe.instructions.length - 1];
  return probe.instructions.length === m.instructions.length + 1 && probe.text.slice(last.start, last.end) === 'USER probe';
}

function describeSpot(spot: Spot): string {
  return spot.before ? `before ${spot.before.name} on line ${spot.before.line}` : 'at the end of the final stage';
}

/** A COPY/ADD that may replace /etc/passwd or /etc/group (it copies to /, /etc or those files). */
function etcDest(m: Model, ins: Instruction): boolean {
  const dest = copyParts(m, ins)?.dest;
  return dest === '/' || dest === '/etc' || /^\/etc\/(passwd|group|shadow)$/.test(dest ?? '');
}

/** What the USER line will say, and the RUN that creates the user when one is needed. */
interface Target {
  user: string;
  /** Name usable in `--chown=`. */
  owner: string;
  how: How;
  create: { family: Family; commands: [string, string] } | null;
  why: string;
}

function chooseTarget(
  m: Model,
  base: BaseImage,
  chainIns: Instruction[],
  lastUser: Instruction | null,
  ctx: TransformContext,
  image: string,
): Target | { code: SkipCode; reason: string; line: number } {
  // A non-root user the file switched to before its final `USER root`: switch back to it.
  if (lastUser) {
    const earlier = chainIns.filter((i) => i.name === 'USER' && i.index < lastUser.index).reverse();
    for (const u of earlier) {
      const v = userValue(m, u);
      if (v === null || isRoot(v)) continue;
      const raw = m.text.slice(u.argsStart, u.argsEnd).trim();
      const finalStage = m.stages[m.stages.length - 1];
      if (hasVariable(raw) && u.stage !== finalStage) {
        return { code: 'no-user-name', reason: `the earlier USER ${raw} (line ${u.line}) depends on a variable of another stage`, line: u.line };
      }
      return { user: raw, owner: v, how: 'restore', create: null, why: `switching back to the user of line ${u.line} after the RUNs that needed root` };
    }
  }
  const uid = ctx.options.uid;
  const name = ctx.options.user ?? 'app';
  switch (base.kind) {
    case 'shipped':
      return { user: base.user, owner: base.user, how: 'shipped', create: null, why: `${image}: ${base.label}` };
    case 'scratch': {
      const id = String(uid ?? 65532);
      return { user: `${id}:${id}`, owner: `${id}:${id}`, how: 'scratch', create: null, why: 'scratch has no /etc/passwd, so the user is numeric' };
    }
    case 'create': {
      const clash = accountConflict(image, base.family, name, uid);
      if (clash) return { code: 'account-exists', reason: clash, line: m.stages[m.stages.length - 1].from.line };
      const user = uid === undefined ? name : `${uid}:${uid}`;
      return {
        user,
        owner: `${name}:${name}`,
        how: `create:${base.family}`,
        create: { family: base.family, commands: createUserCommands(base.family, name, uid) },
        why: `${image}: ${base.label}`,
      };
    }
    case 'nonroot-default':
      return {
        code: 'no-user-name',
        reason: `${image}: ${base.label}, but its user name is not known here: add the image's own USER after the last RUN`,
        line: lastUser?.line ?? 1,
      };
    default:
      return { code: 'unknown-base', reason: 'unreachable', line: 1 };
  }
}

/** Files the user cannot write: what was copied without --chown into the working directory the app starts in. */
function ownershipNote(m: Model, own: Instruction[], userIdx: number, chainIns: Instruction[], target: Target, chowned: Set<number>): string | null {
  const last = own[own.length - 1];
  const dir = userIdx < own.length
    ? own[userIdx].state.workdir
    : last.name === 'WORKDIR'
      ? resolvePath(last.state.workdir, expandVars(last.args.map((a) => a.value).join(' '), last.state.vars))
      : last.state.workdir;
  if (dir === '/' || dir === '/tmp' || dir.startsWith('/tmp/') || dir.startsWith('/home/')) return null;
  const lines: number[] = [];
  for (const ins of chainIns) {
    const dest = copyParts(m, ins)?.dest;
    if (dest === undefined) continue;
    const chown = ins.flags.find((f) => f.name.toLowerCase() === 'chown');
    if ((chown && chown.value && !isRoot(chown.value)) || chowned.has(ins.index)) continue;
    if (dest === dir || dest.startsWith(`${dir}/`)) lines.push(ins.line);
  }
  if (lines.length === 0) return null;
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  return `files copied to ${dir} (${where}) stay owned by root and read-only for ${target.user}: if the app writes there, copy them with --chown=${target.owner}`;
}

/** Decide what to do with the final stage. */
export function planNonRootUser(m: Model, ctx: TransformContext): Plan {
  const skip = (code: SkipCode, reason: string, line: number): Plan => ({ action: 'skip', code, skip: { reason, line } });
  const chain = finalChain(m);
  const fin = chain[chain.length - 1];
  if (!fin) return { action: 'none' };
  const chainIns = chain.flatMap((s) => s.instructions.filter((i) => i.name !== 'FROM'));
  const users = chainIns.filter((i) => i.name === 'USER');
  const lastUser = users.length ? users[users.length - 1] : null;
  if (lastUser) {
    const v = userValue(m, lastUser);
    if (v === null || !isRoot(v)) return { action: 'none' };
  }
  const pragma = m.comments.find((c) => IGNORE_PRAGMA.test(c.content));
  if (pragma) {
    return skip('ignored', `the comment on line ${m.lineOf(pragma.start)} tells linters to accept a root user (# ${pragma.content})`, m.lineOf(pragma.start));
  }
  if (fin.windows) return skip('windows', 'Windows image: USER names Windows accounts (ContainerUser); not handled', fin.from.line);
  if (lastUser && !chainIns.some((i) => i.name === 'RUN' && i.index > lastUser.index)) {
    return skip(
      'deliberate-root',
      `USER ${m.text.slice(lastUser.argsStart, lastUser.argsEnd).trim()} on line ${lastUser.line} is followed by no RUN: running as root looks deliberate`,
      lastUser.line,
    );
  }

  const root = chain[0];
  const unresolved = unresolvedBase(m, root);
  if (unresolved) return skip('unresolved-base', unresolved, root.from.line);
  const image = root.resolvedImage;
  let base = classifyImage(image);
  if (base.kind === 'root') return skip('image-needs-root', base.reason, root.from.line);
  if (base.kind === 'unknown' && base.reason.startsWith('unknown base image')) {
    // The stage's own package manager tells the family; the base's entrypoint must be replaced by one read here.
    const inferred = inferFamily(m, chainIns, image);
    if ('reason' in inferred) return skip('unknown-base', inferred.reason, root.from.line);
    const risk = baseEntrypointRisk(m, chainIns, image);
    if (risk) return skip('unknown-base', risk, root.from.line);
    base = { kind: 'create', family: inferred.family, label: inferred.label };
  }
  if (base.kind === 'unknown') {
    return skip('unknown-base', base.reason, root.from.line);
  }
  if (!lastUser && ((base.kind === 'shipped' && base.defaultNonRoot) || base.kind === 'nonroot-default')) return { action: 'none' };

  const name = ctx.options.user ?? 'app';
  if (!USER_NAME.test(name)) return skip('bad-option', `the user name option "${name}" is not a valid user name`, fin.from.line);
  const uid = ctx.options.uid;
  if (uid !== undefined && (!Number.isInteger(uid) || uid < 1 || uid > 2147483646)) {
    return skip('bad-option', `the uid option ${uid} is not a non-root user id`, fin.from.line);
  }

  const need: Finding | null = rootNeed(m, chainIns, ctx, base.kind === 'shipped' && base.defaultNonRoot);
  if (need) return skip(need.code, need.reason, need.line);

  const target = chooseTarget(m, base, chainIns, lastUser, ctx, image);
  if ('code' in target) return skip(target.code, target.reason, target.line);

  // Placement: USER after the last RUN and before the startup instructions that follow it; the user-creating
  // RUN before the first COPY/ADD (so `COPY --chown` can name the user), unless a copy may replace /etc/passwd.
  const own = fin.instructions;
  let lastRun = 0;
  own.forEach((ins, i) => {
    if (ins.name === 'RUN') lastRun = i;
  });
  let userIdx = own.length;
  for (let i = lastRun + 1; i < own.length; i++) {
    if (STARTUP.has(own[i].name)) {
      userIdx = i;
      break;
    }
  }
  const lastIns = own[own.length - 1];
  if (userIdx === own.length && !takesNewLines(m)) {
    return skip(
      'open-at-end',
      `the ${lastIns.name} on line ${lastIns.line} runs to the end of the file (a heredoc without its end line, or a line continuation): lines added after it would be part of it`,
      lastIns.line,
    );
  }
  const copies = own.map((ins, i) => ({ ins, i })).filter(({ ins }) => ins.name === 'COPY' || ins.name === 'ADD');
  const replacesEtc = copies.some(({ ins }) => etcDest(m, ins));
  const firstCopy = copies.length ? copies[0].i : own.length;
  const createIdx0 = !replacesEtc && firstCopy < userIdx ? firstCopy : userIdx;
  const lateEtc = replacesEtc && target.create ? copies.find(({ ins, i }) => i >= userIdx && etcDest(m, ins)) : undefined;
  if (lateEtc) {
    return skip('etc-replaced', `${lateEtc.ins.name} on line ${lateEtc.ins.line} may replace /etc/passwd after the user would be created`, lateEtc.ins.line);
  }

  // Directories made by root that the process writes: chowned where the user exists, before any VOLUME freezes them.
  const lastOwn = chainIns[chainIns.length - 1];
  const workdir = lastOwn.name === 'WORKDIR'
    ? resolvePath(lastOwn.state.workdir, expandVars(lastOwn.args.map((a) => a.value).join(' '), lastOwn.state.vars))
    : lastOwn.state.workdir;
  const lastOf = (name: string) => [...chainIns].reverse().find((i) => i.name === name) ?? null;
  const dirs = ownedDirs(m, chainIns, workdir, lastOf('ENTRYPOINT'), lastOf('CMD'), ctx);
  let createIdx = createIdx0;
  let chownNote = '';
  const extraEdits: Fix['edits'] = [];
  const touched: number[] = [];
  let createChown: string | null = null;
  if (dirs.length) {
    const userFrom = target.how === 'restore' ? (chainIns.find((i) => i.name === 'USER' && i.index < lastUser!.index)?.index ?? Infinity) : -1;
    if (target.how === 'scratch') {
      return skip('app-writes', `${dirs[0].made.path} (created by RUN on line ${dirs[0].made.ins.line}, named by ${dirs[0].ref.by}) is owned by root, and a scratch image has no chown`, dirs[0].made.ins.line);
    }
    const cp = planChowns(m, own, chainIns, dirs, target.owner, target.create ? createIdx : null, userFrom);
    if ('reason' in cp) return skip('app-writes', cp.reason, cp.line);
    createIdx = cp.createIdx;
    if (cp.inCreate.length) createChown = `chown ${target.owner} ${cp.inCreate.map((d) => d.made.path).join(' ')}`;
    extraEdits.push(...cp.edits);
    for (const d of dirs) if (!cp.inCreate.includes(d)) touched.push(d.made.ins.index);
    chownNote = `; gives ${target.owner} ${cp.described.join(', ')}`;
  }
  // Paths a COPY creates: `--chown` on that COPY.
  for (const c of copiedPaths(m, chainIns, workdir, lastOf('ENTRYPOINT'), lastOf('CMD'), ctx)) {
    if (dirs.some((d) => d.made.path === c.path)) continue;
    const what = `${c.path} (created by ${c.copy.name} on line ${c.copy.line}, ${c.ref.write ? 'written by' : 'named by'} ${c.ref.by})`;
    const flag = c.copy.flags.find((f) => f.name.toLowerCase() === 'chown');
    if (flag?.value && !isRoot(flag.value)) continue;
    const userAt = target.create ? (own[createIdx]?.index ?? Infinity) : target.how === 'restore'
      ? (chainIns.find((i) => i.name === 'USER' && i.index < lastUser!.index)?.index ?? Infinity) : -1;
    const why = flag ? `its ${c.copy.name} sets --chown=${flag.value}`
      : c.copy.name !== 'COPY' ? `it is created by ${c.copy.name}, which this fix does not change (use COPY --chown)`
      : !own.includes(c.copy) ? `the ${c.copy.name} that creates it is in an earlier stage`
        : c.copy.index < userAt ? `the ${c.copy.name} that creates it comes before the user exists` : null;
    if (why) return skip('app-writes', `${what} is owned by root: ${why}`, c.copy.line);
    const at = c.copy.start + c.copy.keyword.length;
    extraEdits.push({ start: at, end: at, text: ` --chown=${target.owner}` });
    touched.push(c.copy.index);
    chownNote += `; copies ${what} with --chown=${target.owner}`;
  }

  const { style } = m;
  const userSpot = spotAt(m, own, userIdx);
  const userLine = `${keyword(style, 'USER')} ${target.user}`;
  const edits: Fix['edits'] = [];
  let runText = '';
  if (target.create) {
    const last = own[own.length - 1];
    const posix = createIdx < own.length
      ? own[createIdx].state.posix
      : last.name === 'SHELL' ? POSIX_SHELL.test(last.args[0]?.value ?? '') : last.state.posix;
    if (!posix) {
      const shell = [...chainIns].reverse().find((i) => i.name === 'SHELL' && i.index < (own[createIdx]?.index ?? Infinity));
      return skip(
        'non-posix-shell',
        `the SHELL${shell ? ` on line ${shell.line}` : ''} is not a POSIX shell, so the user-creating RUN cannot be written`,
        shell?.line ?? fin.from.line,
      );
    }
    const [c1, ...rest] = [...target.create.commands, ...(createChown ? [createChown] : [])];
    const body = rest.reduce((b, c) => (style.andPosition === 'leading' ? `${b}${continuation(style)}&& ${c}` : `${b} &&${continuation(style)}${c}`), c1);
    const createSpot = spotAt(m, own, createIdx);
    runText = `${createSpot.indent}${keyword(style, 'RUN')} ${body}`;
    if (createIdx !== userIdx) {
      edits.push({ start: createSpot.offset, end: createSpot.offset, text: `${createSpot.lead}${runText}${createSpot.trail}` });
    }
  }
  const sameSpot = target.create && createIdx === userIdx;
  const userText = sameSpot
    ? `${userSpot.lead}${runText}${style.eol}${userSpot.indent}${userLine}${userSpot.trail}`
    : `${userSpot.lead}${userSpot.indent}${userLine}${userSpot.trail}`;
  edits.push({ start: userSpot.offset, end: userSpot.offset, text: userText });
  edits.push(...extraEdits);

  const note = ownershipNote(m, own, userIdx, chainIns, target, new Set(touched));
  const created = target.create
    ? `, and a RUN creating system user ${ctx.options.user ?? 'app'} ${createIdx === userIdx ? 'just above it' : describeSpot(spotAt(m, own, createIdx))}`
    : '';
  const message = `added USER ${target.user} ${describeSpot(userSpot)}${created}${chownNote} (${target.why})${note ? `. Note: ${note}` : ''}`;
  return {
    action: 'fix',
    how: target.how,
    fix: { message, line: userSpot.before?.line ?? own[own.length - 1].line, edits, touches: touched },
  };
}

export const nonRootUser: Transform = {
  id: 'non-root-user',
  description: 'Make the final stage run as a non-root user: add a USER line (creating the user when the base image has none)',
  hadolint: ['DL3002'],
  defaultOn: true,
  tier: 'unsafe',
  unsafeReason:
    'running as another user changes which files the process can read and write (volumes and state written by earlier versions of the image, directories made by root), its $HOME and device access',
  run(m, ctx) {
    const plan = planNonRootUser(m, ctx);
    if (plan.action === 'fix') return { fixes: [plan.fix], skips: [] };
    if (plan.action === 'skip') return { fixes: [], skips: [plan.skip] };
    return { fixes: [], skips: [] };
  },
};

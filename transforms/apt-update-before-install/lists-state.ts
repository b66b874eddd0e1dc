/**
 * Whether a stage has apt package lists at a given command: its base image (known images ship none), then every
 * RUN of the stage and the stages it is built FROM, in build order, up to that command.
 */
import type { Instruction, Model, ShellCommand, Stage } from '../../src/model/types.js';
import { parseImageRef } from '../shared/base-images.js';
import {
  analysable, covers, mentionsTool, mountsOf, opaqueScript, parsePm, rmPaths, stageChain, whyNotAnalysable,
} from '../shared/package-managers.js';

export const APT_LISTS = '/var/lib/apt/lists';

/**
 * Official images built on Debian or Ubuntu whose Dockerfiles end every apt step with `rm -rf /var/lib/apt/lists/*`
 * (the official-images review asks for it; Debian's and Ubuntu's own images are published without lists).
 */
const LISTS_FREE_OFFICIAL = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'ruby', 'golang', 'php', 'perl', 'rust', 'gcc', 'pypy',
]);

/** Why the image is not known to ship without package lists, or null when it is known to. */
export function listsFreeImage(image: string): string | null {
  if (image.trim() === '' || image.includes('$')) return `its base image ${image} cannot be resolved`;
  const ref = parseImageRef(image);
  const name = ref.official;
  if (!name || !LISTS_FREE_OFFICIAL.has(name)) return `its base image ${image} is not one known to ship without package lists`;
  if (/alpine|windows|nanoserver/.test(ref.tag)) return `its base image ${image} is not a Debian or Ubuntu image`;
  return null;
}

/** What the lists are at a point of the build. */
export type ListsState =
  /** None: the base image ships none and nothing fetched them since, or they were removed. */
  | { kind: 'absent'; removedOn: number | null }
  | { kind: 'present' }
  /** Something the codemod cannot see may have fetched them. */
  | { kind: 'unknown'; reason: string };

const basename = (v: string) => v.slice(v.lastIndexOf('/') + 1);

/** What one command does to the lists: 'fill', 'clean', a reason it may fill them, or null. */
function commandEffect(m: Model, ins: Instruction, c: ShellCommand): 'fill' | 'clean' | string | null {
  const paths = rmPaths(c);
  if (paths) return paths.some((p) => covers(p, APT_LISTS)) ? 'clean' : null;
  const pm = parsePm(ins, c);
  if (pm && (pm.tool === 'apt-get' || pm.tool === 'apt' || pm.tool === 'aptitude')) {
    if (pm.subName === 'update') return 'fill';
    if (pm.subName === 'distclean' || pm.subName === 'dist-clean') return 'clean';
    if (pm.subName === null && pm.dynamic) return `the ${pm.toolWord.value} on line ${m.lineOf(pm.toolWord.start)} runs a subcommand the codemod cannot read`;
    return null;
  }
  const name = c.effective?.name.value;
  // add-apt-repository updates the lists unless told not to; Ubuntu's unminimize runs apt-get update itself.
  if (name && /^(add-apt-repository|apt-add-repository|unminimize)$/.test(basename(name))) {
    return `the ${basename(name)} on line ${m.lineOf(c.node.start)} may fetch the lists`;
  }
  if (!pm) {
    const what = opaqueScript(m, c);
    if (what) return `\`${what}\` (line ${m.lineOf(c.node.start)}) may fetch the lists`;
  }
  return null;
}

/** A mount of the RUN on the apt state (a cache keeps the lists between builds, outside the image). */
export function aptMount(ins: Instruction): string | null {
  const mt = mountsOf(ins).find((x) => x.target !== null && (covers(x.target, APT_LISTS) || covers('/var/lib/apt', x.target)));
  return mt ? `the RUN on line ${ins.line} mounts ${mt.target} (type=${mt.type}): the lists may be there` : null;
}

/** Instructions other than RUN that may put lists in place: COPY/ADD into the apt state. */
function copiesLists(ins: Instruction): boolean {
  if ((ins.name !== 'COPY' && ins.name !== 'ADD') || ins.json) return false;
  const words = ins.args.map((a) => a.value);
  const dest = words[words.length - 1] ?? '';
  if (dest.includes('$') || covers('/var/lib/apt', dest)) return true;
  if (!covers(dest, APT_LISTS)) return false;
  // Into `/`, `/var` or `/var/lib`: only a directory (or a glob, an archive ADD unpacks) can bring the lists along.
  return words.slice(0, -1).some((w) => w.endsWith('/') || w === '.' || /[*?[]/.test(w) || !basename(w).includes('.') || ins.name === 'ADD');
}

/** The lists' state at the start of a stage built on an image (not on an earlier stage). */
function imageStart(stage: Stage): ListsState {
  const root = stageChain(stage).at(-1)!;
  const why = listsFreeImage(root.resolvedImage.includes('$') || root.resolvedImage.trim() === '' ? root.image : root.resolvedImage);
  if (why) return { kind: 'unknown', reason: why };
  return { kind: 'absent', removedOn: null };
}

/**
 * Follow the lists through every stage in one pass, in build order: a stage starts with the state its base stage
 * ended with (or its base image's). `visit` is called for each command of an analysable RUN with the state right
 * before it; it returns true when the command is to count as fetching the lists (an install the caller fixes).
 */
export function followLists(m: Model, visit: (ins: Instruction, cmd: ShellCommand, state: ListsState) => boolean): void {
  const ends = new Map<Stage, ListsState>();
  for (const stage of m.stages) {
    let state: ListsState = stage.baseStage ? ends.get(stage.baseStage) ?? imageStart(stage) : imageStart(stage);
    const apply = (effect: 'fill' | 'clean' | string, line: number) => {
      if (effect === 'fill') state = { kind: 'present' };
      else if (effect === 'clean') state = { kind: 'absent', removedOn: line };
      else if (state.kind === 'absent') state = { kind: 'unknown', reason: effect };
    };
    if (stage.baseStage) {
      for (const i of stage.baseStage.instructions) {
        if (i.name === 'ONBUILD' && mentionsTool(m, i, ['apt-get', 'apt', 'aptitude'])) apply(`the ONBUILD on line ${i.line} may fetch the lists`, i.line);
      }
    }
    for (const i of stage.instructions) {
      if (copiesLists(i)) apply(`the ${i.name} on line ${i.line} may put lists in place`, i.line);
      if (i.name !== 'RUN') continue;
      if (!analysable(i)) {
        if (mentionsTool(m, i, ['apt-get', 'apt', 'aptitude'])) apply(`the RUN on line ${i.line} ${whyNotAnalysable(i)}`, i.line);
        continue;
      }
      // Under a mount on the apt state, what the RUN does to the lists stays out of the image (or may).
      const mount = aptMount(i);
      const before = state;
      for (const c of i.shell!.commands) {
        if (visit(i, c, state)) {
          apply('fill', i.line);
          continue;
        }
        const effect = commandEffect(m, i, c);
        if (effect) apply(effect, m.lineOf(c.node.start));
      }
      if (mount) state = before.kind === 'present' ? before : { kind: 'unknown', reason: mount };
    }
    ends.set(stage, state);
  }
}

import type { Instruction, Model, Stage } from '../../src/model/types.js';
import { printOnlyRun } from './prints.js';
import { cleansUp, commandCount, installFamilies, installsFromIndex, installsFromManifest, refreshOnly, type Family } from './gain.js';

/** What separates two adjacent RUNs: nothing but a line break, blank lines, or comment lines (blank ones too). */
export type Gap = 'none' | 'blank' | 'comment';

/** Two adjacent RUNs of a group, and why the chaining cannot join them (null when it can). */
export interface RunPair {
  a: Instruction;
  b: Instruction;
  why: string | null;
}

export interface GroupPlan {
  /** Per pair: joined or not. */
  join: boolean[];
  /** Per pair that is joined: what the join buys. */
  gains: Array<string | null>;
  /** Why RUNs that hadolint would have joined, or whose join would buy something, were left separate. */
  skip: { reason: string; line: number } | null;
}

export function gapBetween(m: Model, a: Instruction, b: Instruction): Gap {
  const lines = m.text.slice(a.end, b.lineStart).split('\n').slice(1, -1);
  if (lines.some((l) => /^[ \t]*#/.test(l))) return 'comment';
  return lines.length > 0 ? 'blank' : 'none';
}

const list = (xs: Iterable<string>) => [...xs].join(', ');
const listLines = (xs: number[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : `${xs[0]}`);

/** Why joining a RUN as the one before others, or as the last one, would wrap it in `( … )`; null when it would not. */
function wrapNeeded(r: Instruction, last: boolean): string | null {
  const sh = r.shell;
  if (!sh || !sh.ok || sh.stateChanges.length === 0) return null;
  if (last && sh.andList) return null;
  return `the RUN on line ${r.line} changes the shell's state (${list(sh.stateChanges)}): chaining it would wrap it in a subshell`;
}

/** Why a small RUN is not chained for its size alone: its body is a list that would be wrapped in `( … )`. */
function listWrap(r: Instruction): string | null {
  return r.shell?.andList === false
    ? `the RUN on line ${r.line} is a list (\`;\`, \`||\`, \`&\`): chaining it would wrap it in ( … )`
    : null;
}

/**
 * Two adjacent RUNs of the file that repeat the same body (layer tests, benchmarks), or null. Such a file
 * measures layers: its separate RUNs, repeated or not, look deliberate.
 */
export function repeatedBodies(m: Model, groups: RunPair[][]): RunPair | null {
  const body = (r: Instruction) => m.text.slice(r.argsStart, r.argsEnd);
  for (const pairs of groups) {
    const p = pairs.find((q) => q.why === null && body(q.a) === body(q.b));
    if (p) return p;
  }
  return null;
}

/** hadolint's DL3059 condition for two RUNs with equal flags: both hold at most two commands. */
function small(r: Instruction): boolean {
  const n = commandCount(r);
  return n !== null && n <= 2;
}

function sameSet(a: Set<Family>, b: Set<Family>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Why two small RUNs are not worth joining by themselves: an install next to an unrelated step (its line). */
function unrelated(a: Instruction, b: Instruction): string | { install: number } | null {
  const fa = installFamilies(a);
  const fb = installFamilies(b);
  if (fa.size === 0 && fb.size === 0) return null;
  if (fa.size > 0 && fb.size > 0) {
    if (sameSet(fa, fb) && installsFromManifest(a) !== installsFromManifest(b)) {
      const [manifest, other] = installsFromManifest(a) ? [a, b] : [b, a];
      return `the install on line ${other.line} stays apart from the install from the project's manifest on line ${manifest.line}, so it is not redone whenever the manifest changes`;
    }
    if (sameSet(fa, fb)) return null;
    return `the installs on lines ${a.line} and ${b.line} use different package managers: apart, each keeps its own build cache entry`;
  }
  return { install: (fa.size > 0 ? a : b).line };
}

/**
 * Which adjacent RUNs of a group to join under the default policy: only where the join buys something.
 * (a) an index refresh alone in a RUN and the install after it (any stage: the stale-index bug); in stages that
 * reach the final image, (b) a RUN that removes what an earlier RUN of the group wrote, with the RUNs between, and
 * (c) small RUNs (hadolint DL3059: at most two commands each) with nothing between them and no install joined to
 * an unrelated step. Never across a comment line, across a blank line only for (a), and never a body that would
 * have to be wrapped in a subshell (state changes).
 */
export function planGain(m: Model, stage: Stage, pairs: RunPair[]): GroupPlan {
  const n = pairs.length;
  const gaps = pairs.map((p) => gapBetween(m, p.a, p.b));
  const blocked = pairs.map((p) => p.why ?? wrapNeeded(p.a, false) ?? wrapNeeded(p.b, true));
  const join: boolean[] = new Array(n).fill(false);
  const gains: Array<string | null> = new Array(n).fill(null);
  const notes: string[] = [];
  const firstLine: number[] = [];
  /** RUNs left apart, small enough for DL3059, because blank or comment lines separate them. */
  const gapLines = { blank: [] as number[], comment: [] as number[] };
  /** Small RUNs that only print (their layers are empty), left apart from their neighbours. */
  const printing: number[] = [];
  /** Installs left apart from an unrelated small step next to them. */
  const installs: number[] = [];
  const note = (reason: string, line: number) => {
    if (!notes.includes(reason)) notes.push(reason);
    firstLine.push(line);
  };
  // Builder stages only feed other stages (COPY --from, FROM): their layers never ship. A stage nothing uses is not
  // one: it is built on its own (`--target`), so its layers are an image's.
  const final = stage.inFinalImage || stage.usedBy.length === 0;

  // (b): a RUN removes what an earlier RUN of the group wrote; the RUNs between join too.
  if (final) {
    for (let k = 1; k <= n; k++) {
      let lost: string | null = null;
      let crossed = 0;
      for (let j = k - 1; j >= 0; j--) {
        // Look back across one blank or comment line at most: past it lie other steps of the author's.
        if (gaps[j] !== 'none' && ++crossed > 1) break;
        const what = cleansUp(pairs[k - 1].b, pairs[j].a);
        if (what === null) continue;
        const span = pairs.slice(j, k).map((_, i) => j + i);
        const gap = span.find((i) => gaps[i] !== 'none');
        const stop = span.map((i) => blocked[i]).find((b) => b !== null);
        if (gap === undefined && !stop) {
          const gain = `line ${pairs[k - 1].b.line} removes ${what} from line ${pairs[j].a.line}: in one layer, the bytes leave the image`;
          for (const i of span) {
            join[i] = true;
            gains[i] ??= gain;
          }
          lost = null;
          break;
        }
        const removes = `line ${pairs[k - 1].b.line} removes ${what} from line ${pairs[j].a.line}, but the bytes stay in the image`;
        lost = gap !== undefined ? `${removes}: a ${gaps[gap]} line between the RUNs keeps them apart` : `${removes}: ${stop}`;
        break;
      }
      if (lost) note(lost, pairs[k - 1].b.line);
    }
  }

  pairs.forEach((p, i) => {
    if (join[i]) return;
    // (a): refresh alone, then the install that uses the index.
    const family = refreshOnly(p.a);
    if (family !== null && installsFromIndex(p.b, family)) {
      if (gaps[i] === 'comment') {
        note(`a comment line separates the index refresh on line ${p.a.line} from the install on line ${p.b.line} (a cached refresh layer can leave the install a stale index)`, p.b.line);
      } else if (blocked[i]) {
        note(blocked[i]!, p.b.line);
      } else {
        join[i] = true;
        gains[i] = `the index refresh on line ${p.a.line} now runs with the install on line ${p.b.line}, so a cached refresh layer cannot leave the install a stale index`;
      }
      return;
    }
    // (c): small adjacent RUNs, the ones hadolint's DL3059 reports.
    if (!(small(p.a) && small(p.b))) return;
    let why: string | { install: number } | null;
    if (!final) why = `${stage.name ? `stage ${stage.name}` : `the stage on line ${stage.from.line}`} only feeds other stages: fewer layers there save nothing`;
    else if (gaps[i] !== 'none') {
      const lines = gapLines[gaps[i] as 'blank' | 'comment'];
      for (const l of [p.a.line, p.b.line]) if (!lines.includes(l)) lines.push(l);
      firstLine.push(p.b.line);
      return;
    } else if (printOnlyRun(p.a) || printOnlyRun(p.b)) {
      for (const r of [p.a, p.b]) if (printOnlyRun(r) && !printing.includes(r.line)) printing.push(r.line);
      firstLine.push(p.b.line);
      return;
    } else why = blocked[i] ?? listWrap(p.a) ?? listWrap(p.b) ?? unrelated(p.a, p.b);
    if (why === null) {
      join[i] = true;
      gains[i] = 'small consecutive RUNs (hadolint DL3059)';
    } else if (typeof why === 'string') {
      note(why, p.b.line);
    } else {
      if (!installs.includes(why.install)) installs.push(why.install);
      firstLine.push(p.b.line);
    }
  });

  const reasons = notes.length > 3 ? [...notes.slice(0, 3), `${notes.length - 3} more`] : [...notes];
  if (installs.length) {
    const which = installs.length > 1 ? `installs on lines ${listLines(installs)} stay` : `install on line ${installs[0]} stays`;
    reasons.push(`the ${which} apart from the unrelated small steps next to them: one layer would only make the build cache coarser`);
  }
  if (printing.length) {
    const which = printing.length > 1 ? `RUNs on lines ${listLines(printing)} only print: their layers are` : `RUN on line ${printing[0]} only prints: its layer is`;
    reasons.push(`the ${which} empty, so joining saves nothing`);
  }
  for (const kind of ['blank', 'comment'] as const) {
    const lines = gapLines[kind];
    if (lines.length) reasons.push(`${kind} lines keep the RUNs on lines ${listLines(lines)} apart, as the author grouped them`);
  }
  const skip = reasons.length ? { reason: `not chained: ${reasons.join('; ')}`, line: Math.min(...firstLine) } : null;
  return { join, gains, skip };
}

import type { Instruction, Model } from '../../src/model/types.js';
import { planGain, repeatedBodies, type RunPair } from './policy.js';
import { andLines } from '../shared/package-managers.js';
import type { Fix, Skip, Transform } from '../../src/transform-types.js';

const PRAGMA = /^hadolint\s/i;

function flagsText(m: Model, ins: Instruction): string {
  return ins.flags.map((f) => m.text.slice(f.start, f.end)).join(' ');
}

/** Lines between two instructions, when they are only blank lines and comment lines; null otherwise. */
function commentLinesBetween(m: Model, a: Instruction, b: Instruction): string[] | null {
  const between = m.text.slice(a.end, b.lineStart);
  const lines = between.split('\n').map((l) => l.replace(/\r$/, ''));
  // The first piece is what follows `a` on its own line: only blanks may stand there.
  if (!/^[ \t]*$/.test(lines[0]) || !/^[ \t]*$/.test(m.text.slice(b.lineStart, b.start))) return null;
  const comments: string[] = [];
  for (const l of lines.slice(1)) {
    if (/^[ \t]*$/.test(l)) continue;
    if (!/^[ \t]*#/.test(l)) return null;
    comments.push(l);
  }
  return comments;
}

/** Why RUN `b` cannot be chained after RUN `a`, or null when it can. */
function whyNotJoinable(m: Model, a: Instruction, b: Instruction): string | null {
  for (const r of [a, b]) {
    if (r.json) return `the RUN on line ${r.line} is in exec (JSON) form`;
    if (r.heredoc) return `the RUN on line ${r.line} has a heredoc`;
    if (!r.state.posix) return `the RUN on line ${r.line} does not run under a POSIX shell (SHELL or Windows image)`;
    const sh = r.shell;
    if (!sh) return `the RUN on line ${r.line} has no shell body`;
    if (!sh.ok) return `the RUN on line ${r.line}: ${sh.problem}`;
  }
  if (flagsText(m, a) !== flagsText(m, b)) return `the RUNs on lines ${a.line} and ${b.line} have different flags`;
  const comments = commentLinesBetween(m, a, b);
  if (comments === null) return `unexpected text between the RUNs on lines ${a.line} and ${b.line}`;
  if (comments.some((c) => PRAGMA.test(c.replace(/^[ \t]*#[ \t]*/, '')))) {
    return `a hadolint pragma above the RUN on line ${b.line} applies to it alone`;
  }
  if (a.shell!.trailingComment) {
    return `the shell comment at the end of the RUN on line ${a.line} would swallow the commands chained after it`;
  }
  if (m.text.slice(a.argsStart, a.argsEnd).trimEnd().endsWith(m.escape)) {
    return `the RUN on line ${a.line} ends with a line continuation`;
  }
  return null;
}

/**
 * The text a body contributes to the chain: comment lines that open it (after `RUN \`), then its code,
 * grouped as `( … )` when it must be: a list at its top level, or state that would leak to later bodies.
 */
function bodyText(m: Model, r: Instruction, position: number, count: number): { comments: string[]; text: string; note: string | null } {
  const sh = r.shell!;
  let start = r.argsStart;
  const comments: string[] = [];
  if (position > 0) {
    // Start right after the keyword and flags: the argument span may begin after a leading `\` and comments.
    start = Math.max(r.start + r.keyword.length, ...r.flags.map((f) => f.end));
    while (start < r.argsStart && /[ \t]/.test(m.text[start])) start++;
    // Drop a leading continuation (`RUN \` + newline): the joined line supplies its own.
    const lead = new RegExp(`^\\${m.escape}[ \\t]*\\r?\\n`).exec(m.text.slice(start, r.argsEnd));
    if (lead) {
      start += lead[0].length;
      for (;;) {
        const eol = m.text.indexOf('\n', start);
        const line = m.text.slice(start, eol < 0 ? r.argsEnd : eol).replace(/\r$/, '');
        if (eol < 0 || eol >= r.argsEnd || !/^[ \t]*(#.*)?$/.test(line)) break;
        if (line.trim()) comments.push(line);
        start = eol + 1;
      }
      while (start < r.argsEnd && /[ \t]/.test(m.text[start])) start++;
    }
  }
  const leaks = position < count - 1 ? sh.stateChanges : [];
  const needsGroup = !sh.andList || leaks.length > 0;
  if (!needsGroup) return { comments, text: m.text.slice(start, r.argsEnd), note: null };
  const note = leaks.length > 0 ? `kept ${leaks.join(', ')} on line ${r.line} in a subshell` : `grouped the list on line ${r.line}`;
  return {
    comments,
    text: `( ${m.text.slice(start, sh.codeEnd)} )${m.text.slice(sh.codeEnd, r.argsEnd)}`,
    note,
  };
}

/** `&&` placement and indentation for the joins: as on the chained RUNs' own `&&` lines, else the file's style. */
function chainStyle(m: Model, chain: Instruction[]): { indent: string; andPosition: 'leading' | 'trailing' } {
  const a = andLines(m, chain);
  if (a.leading + a.trailing === 0) return m.style;
  return a.leading > a.trailing ? { andPosition: 'leading', indent: a.leadingIndent } : { andPosition: 'trailing', indent: a.trailingIndent };
}

function chainFix(m: Model, chain: Instruction[], gains: string[]): Fix {
  const { escape, eol } = m.style;
  const { indent, andPosition } = chainStyle(m, chain);
  let out = '';
  const notes: string[] = [];
  chain.forEach((r, i) => {
    const body = bodyText(m, r, i, chain.length);
    if (body.note) notes.push(body.note);
    if (i > 0) {
      const comments = [...commentLinesBetween(m, chain[i - 1], r)!, ...body.comments];
      const kept = comments.map((c) => c + eol).join('');
      out += andPosition === 'leading'
        ? ` ${escape}${eol}${kept}${indent}&& `
        : ` && ${escape}${eol}${kept}${indent}`;
    }
    out += body.text;
  });
  const first = chain[0];
  const last = chain[chain.length - 1];
  const lines = chain.map((r) => r.line).join(', ');
  return {
    message: `chained ${chain.length} RUN instructions (lines ${lines}) into one layer${gains.length ? `: ${gains.join('; ')}` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    line: first.line,
    edits: [{ start: first.argsStart, end: last.argsEnd, text: out }],
    touches: chain.map((r) => r.index),
  };
}

/** The stage's groups of adjacent RUNs: any other instruction ends a group. */
function runGroups(instructions: Instruction[]): Instruction[][] {
  const groups: Instruction[][] = [[]];
  for (const ins of instructions) {
    if (ins.name === 'RUN') groups[groups.length - 1].push(ins);
    else if (groups[groups.length - 1].length) groups.push([]);
  }
  return groups.filter((g) => g.length > 1);
}

export const chainRuns: Transform = {
  id: 'chain-runs',
  description: 'Join consecutive RUN instructions of a stage into one RUN with &&, where one layer buys something (fresh package index, removed files leave the image, tiny RUNs)',
  hadolint: ['DL3059'],
  defaultOn: true,
  tier: 'safe',
  run(m, ctx) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    if (m.comments.some((c) => /^hadolint\s+global\s+ignore\s*=.*\bDL3059\b/i.test(c.content))) {
      return { fixes, skips: [{ reason: 'the file ignores DL3059 (hadolint global ignore)', line: 1 }] };
    }
    const all = ctx?.options.chainPolicy === 'all';
    const planned = m.stages.map((stage) =>
      runGroups(stage.instructions).map((group) => ({
        group,
        pairs: group.slice(1).map((b, i): RunPair => ({ a: group[i], b, why: whyNotJoinable(m, group[i], b) })),
      })),
    );
    const repeated = all ? null : repeatedBodies(m, planned.flat().map((g) => g.pairs));
    if (repeated) {
      const reason = `not chained: the RUNs on lines ${repeated.a.line} and ${repeated.b.line} repeat the same body, so the file looks like a layer test or benchmark where separate layers are deliberate`;
      return { fixes, skips: [{ reason, line: repeated.a.line }] };
    }
    for (const [s, stage] of m.stages.entries()) {
      for (const { group, pairs } of planned[s]) {
        let join: boolean[];
        let gains: Array<string | null>;
        if (all) {
          join = pairs.map((p) => p.why === null);
          gains = pairs.map(() => null);
          for (const p of pairs) if (p.why) skips.push({ reason: `not chained: ${p.why}`, line: p.b.line });
        } else {
          const plan = planGain(m, stage, pairs);
          ({ join, gains } = plan);
          if (plan.skip) skips.push(plan.skip);
        }
        let chain = [group[0]];
        let chainGains: string[] = [];
        const flush = () => {
          if (chain.length > 1) fixes.push(chainFix(m, chain, chainGains));
        };
        pairs.forEach((p, i) => {
          if (join[i]) {
            chain.push(p.b);
            const g = gains[i];
            if (g && !chainGains.includes(g)) chainGains.push(g);
            return;
          }
          flush();
          chain = [p.b];
          chainGains = [];
        });
        flush();
      }
    }
    return { fixes, skips };
  },
};

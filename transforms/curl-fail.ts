import type { Edit } from '../src/edits.js';
import type { Instruction, ShellCommand, Word } from '../src/model/types.js';
import { analysableRuns } from './shared/package-managers.js';
import { enclosing, failureIgnored } from './shared/shell-context.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';
import { CURL_LONG_WITH_ARG as LONG_WITH_ARG, CURL_SHORT_WITH_ARG as SHORT_WITH_ARG } from './shared/download-options.js';

/** Programs that run what they are given as code: a shell or a script interpreter. */
const RUNS_CODE = /^(sh|bash|dash|ash|zsh|ksh|mksh|python[\d.]*|perl|ruby|node|php)$/;

const base = (v: string) => v.slice(v.lastIndexOf('/') + 1);

interface Curl {
  cmd: ShellCommand;
  name: Word;
  fails: boolean;
  /** Files it writes (`-o FILE`, `-O` with the URL's last segment). */
  outputs: string[];
  /** The first cluster of short options (`-sSL`, `-sLo`, or a lone `-L` that takes no argument), where `f` can join them. */
  group: Word | null;
  /** An option word the codemod cannot read. */
  dynamic: boolean;
}

function readCurl(cmd: ShellCommand): Curl | null {
  const eff = cmd.effective;
  if (!eff || eff.name.value === null || base(eff.name.value) !== 'curl') return null;
  const out: Curl = { cmd, name: eff.name, fails: false, outputs: [], group: null, dynamic: false };
  const urls: string[] = [];
  let remoteName = false;
  const args = eff.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null) {
      out.dynamic = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      let arg: string | null = eq < 0 ? null : v.slice(eq + 1);
      if (eq < 0 && LONG_WITH_ARG.has(name)) arg = args[++i]?.value ?? null;
      if (name === '--fail' || name === '--fail-with-body') out.fails = true;
      if (name === '--output' && arg !== null) out.outputs.push(arg);
      if (name === '--remote-name') remoteName = true;
      if (name === '--url' && arg !== null) urls.push(arg);
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      // `f` can join the first cluster of short options (`-sSL` → `-fsSL`, `-sLo x` → `-fsLo x`): placed first it takes no argument.
      // A lone short option joins only when it takes no argument (`-L` → `-fL`; `-o x` stays `-f -o x`).
      if (out.group === null && (/^-[A-Za-z]{2}/.test(w.raw) || (/^-[A-Za-z]$/.test(w.raw) && !SHORT_WITH_ARG.includes(w.raw[1])))) out.group = w;
      for (let j = 1; j < v.length; j++) {
        const c = v[j];
        if (c === 'f') out.fails = true;
        if (c === 'O') remoteName = true;
        if (!SHORT_WITH_ARG.includes(c)) continue;
        const arg = j + 1 < v.length ? v.slice(j + 1) : args[++i]?.value ?? null;
        if (c === 'o' && arg !== null) out.outputs.push(arg);
        break;
      }
      continue;
    }
    urls.push(v);
  }
  if (remoteName) for (const u of urls) out.outputs.push(base(u.replace(/[?#].*$/, '')));
  return out;
}

/** A later command of the pipeline the curl command writes into that runs its output as code, or null. */
function pipedInto(ins: Instruction, curl: Curl): ShellCommand | null {
  const pipeline = enclosing(ins, curl.cmd).reverse().find((n) => n.type === 'pipeline');
  if (!pipeline) return null;
  const after = pipeline.children.filter((c) => c.named && c.start >= curl.cmd.node.end);
  for (const c of ins.shell!.commands) {
    if (!after.some((a) => c.node.start >= a.start && c.node.end <= a.end)) continue;
    const n = c.effective?.name.value;
    if (n && RUNS_CODE.test(base(n))) return c;
  }
  return null;
}

/** A later command of the RUN that runs a file the curl command wrote, or null. */
function runsOutput(ins: Instruction, curl: Curl): ShellCommand | null {
  if (curl.outputs.length === 0) return null;
  const same = (a: string, b: string) => a.replace(/^\.\//, '') === b.replace(/^\.\//, '');
  for (const c of ins.shell!.commands) {
    if (c.node.start < curl.cmd.node.end || !c.effective) continue;
    const n = c.effective.name.value;
    if (n === null) continue;
    if (n.includes('/') && curl.outputs.some((o) => same(n, o))) return c;
    if (RUNS_CODE.test(base(n)) || n === '.' || n === 'source') {
      const script = c.effective.args.find((a) => a.value === null || !a.value.startsWith('-'));
      if (script?.value && curl.outputs.some((o) => same(script.value!, o))) return c;
    }
  }
  return null;
}

/** `set -o pipefail` is in force for the command: in the SHELL, or set earlier at the top of the RUN. */
function pipefail(ins: Instruction, cmd: ShellCommand): boolean {
  const sh = ins.state.shell;
  if (sh.some((a, i) => a === 'pipefail' && /^-[a-z]*o$/.test(sh[i - 1] ?? ''))) return true;
  return ins.shell!.commands.some((c) => {
    if (c.node.start >= cmd.node.start || c.contained || c.name?.value !== 'set') return false;
    return c.args.some((a, i) => a.value === 'pipefail' && /^-[a-z]*o$/.test(c.args[i - 1]?.value ?? ''));
  });
}

export const curlFail: Transform = {
  id: 'curl-fail',
  description: 'Add -f (--fail) to curl commands whose download is run as a script, so an HTTP error page is not run',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['curl'], '', skips)) {
      for (const c of ins.shell!.commands) {
        const curl = readCurl(c);
        if (!curl || curl.fails) continue;
        const line = m.lineOf(curl.name.start);
        const piped = pipedInto(ins, curl);
        const saved = piped ? null : runsOutput(ins, curl);
        if (!piped && !saved) continue;
        const runner = (piped ?? saved)!.effective!.name.value!;
        if (curl.dynamic) {
          skips.push({ reason: `the curl on line ${line} has words the codemod cannot read (they may include -f)`, line });
          continue;
        }
        if (piped && !pipefail(ins, c)) {
          skips.push({
            reason: `the curl on line ${line} is piped into ${runner} without pipefail: with -f an HTTP error would give ${runner} an empty script and the build would go on`,
            line,
          });
          continue;
        }
        if (failureIgnored(ins, c)) {
          skips.push({ reason: `the curl on line ${line} may fail without failing the build`, line });
          continue;
        }
        const edit: Edit = curl.group
          ? { start: curl.group.start + 1, end: curl.group.start + 1, text: 'f' }
          : { start: curl.name.end, end: curl.name.end, text: ' -f' };
        fixes.push({
          message: `added -f to the curl on line ${line}, whose download ${runner} runs: an HTTP error now fails the build instead of running the error page`,
          line,
          edits: [edit],
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};

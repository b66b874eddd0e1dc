import type { Instruction } from '../src/model/types.js';
import { hasVariable } from '../src/model/vars.js';
import { basenameOf, contextPath } from './shared/copy-paths.js';
import type { BuildContext, Fix, Skip, Transform } from '../src/transform-types.js';

/** Sources ADD fetches instead of copying: URLs (http, https, git, …) and `git@host:repo`. */
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\/|^git@/i;
/**
 * File names of archives and compressed files, anywhere in the name (`x.tar.gz`, `x.tgz`, `x.tar.bz2+`): ADD
 * extracts a local tar archive (plain, gzip, bzip2, xz, zstd), whatever its name, into the destination.
 */
const ARCHIVE_NAME = /\.(tar|t[gbxl]z|tbz2?|tb2|tzst|tz|gz|gzip|bz2?|xz|lz|lzma|lz4|z|zst|zstd)(?![A-Za-z0-9])/i;
const GLOB = /[*?[\\]/;
/** Flags that mean the same for COPY. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link']);
/** Flags that only ADD has (remote sources): the instruction is an ADD on purpose. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** `COPY` in the case the keyword is written in (`add` → `copy`, `Add` → `Copy`). */
function copyKeyword(keyword: string): string {
  if (keyword === keyword.toLowerCase()) return 'copy';
  if (keyword === keyword.toUpperCase()) return 'COPY';
  return 'Copy';
}

type Verdict = { kind: 'copy' } | { kind: 'add' } | { kind: 'skip'; reason: string };

/** Whether one source is copied the same by COPY: a local file or directory that cannot be a tar archive. */
function sourceVerdict(written: string, context: BuildContext): Verdict {
  const raw = written.replace(/^(["'])(.*)\1$/, '$2');
  if (REMOTE.test(raw)) return { kind: 'add' };
  if (hasVariable(raw)) return { kind: 'skip', reason: `the source ${raw} depends on a variable, which may name an archive or a URL` };
  const path = contextPath(raw);
  if (path === null) return { kind: 'skip', reason: `the source ${raw} leaves the build context` };
  const name = basenameOf(path);
  if (ARCHIVE_NAME.test(name)) return { kind: 'add' };
  if (GLOB.test(path)) {
    // A pattern can stand for a tar archive unless every name it matches ends with a literal, non-archive extension.
    const ext = /\.([A-Za-z0-9_-]+)$/.exec(name);
    if (!ext || GLOB.test(name.slice(name.lastIndexOf('.')))) {
      return { kind: 'skip', reason: `the pattern ${raw} may match a tar archive, which ADD would extract` };
    }
    return { kind: 'copy' };
  }
  if (path !== '' && context.exists(path)) {
    // ADD recognises an archive by its content: a tar archive has NUL bytes, a compressed one is not UTF-8.
    const text = context.readText(path);
    if (text === null) return { kind: 'skip', reason: `${raw} cannot be read to check that it is not a tar archive` };
    if (text.includes('\0') || text.includes('\uFFFD')) {
      return { kind: 'skip', reason: `${raw} is a binary file: it may be a tar archive, which ADD extracts` };
    }
  }
  return { kind: 'copy' };
}

function verdict(ins: Instruction, context: BuildContext): Verdict {
  if (ins.heredoc) return { kind: 'skip', reason: 'it has a heredoc' };
  for (const f of ins.flags) {
    const name = f.name.toLowerCase();
    if (ADD_ONLY_FLAGS.has(name)) return { kind: 'add' };
    if (!COPY_FLAGS.has(name)) return { kind: 'skip', reason: `it has --${name}` };
  }
  const sources = ins.args.slice(0, -1);
  if (sources.length === 0) return { kind: 'skip', reason: 'it has no source' };
  let out: Verdict = { kind: 'copy' };
  for (const s of sources) {
    const v = sourceVerdict(s.value, context);
    if (v.kind === 'add') return v;
    if (v.kind === 'skip' && out.kind === 'copy') out = v;
  }
  return out;
}

export const addToCopy: Transform = {
  id: 'add-to-copy',
  description: 'Use COPY instead of ADD for local files and directories (ADD stays for URLs, git sources and tar archives)',
  hadolint: ['DL3020'],
  defaultOn: true,
  tier: 'safe',
  run(m, ctx) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of m.instructions) {
      if (ins.name !== 'ADD') continue;
      const v = verdict(ins, ctx.context);
      if (v.kind === 'add') continue;
      if (v.kind === 'skip') {
        skips.push({ reason: `the ADD on line ${ins.line} stays: ${v.reason}`, line: ins.line });
        continue;
      }
      fixes.push({
        message: `ADD on line ${ins.line} copies local files only: replaced by COPY`,
        line: ins.line,
        edits: [{ start: ins.start, end: ins.start + ins.keyword.length, text: copyKeyword(ins.keyword) }],
        touches: [ins.index],
      });
    }
    return { fixes, skips };
  },
};

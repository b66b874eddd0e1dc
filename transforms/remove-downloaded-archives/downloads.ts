/**
 * Files that `curl` and `wget` commands of a RUN write: the output path as the shell will see it (the word as
 * written, so ARG/ENV references stay references) and as the codemod resolves it (with the model's values).
 */
import type { ShellCommand, Word } from '../../src/model/types.js';
import { expandVars, hasVariable } from '../../src/model/vars.js';
import { CURL_LONG_WITH_ARG, CURL_SHORT_WITH_ARG, WGET_LONG_WITH_ARG, WGET_SHORT_WITH_ARG } from '../shared/download-options.js';

export interface Download {
  cmd: ShellCommand;
  tool: 'curl' | 'wget';
  /** Shell text naming the file (relative paths are relative to the command's working directory). */
  shellText: string;
  /** The same path with the ARG/ENV values the model knows. */
  path: string;
  /** Variables the path refers to. */
  vars: string[];
  /** The output word exactly as the author wrote it (`-o WORD`), or null when the name is computed (wget's remote name). */
  written: string | null;
}

/** A download the codemod cannot name, with the reason; null when the command is not a download to a file. */
export type DownloadResult = Download | { cmd: ShellCommand; problem: string } | null;

const base = (v: string) => v.slice(v.lastIndexOf('/') + 1);


interface Parsed {
  /** The output word (`-o X`), or the attached form's text (`-oX`). */
  output: { word: Word; attached: string | null } | null;
  urls: Word[];
  /** An option that changes where or under which name the file is written. */
  problem: string | null;
  remoteName: boolean;
}

function parse(tool: 'curl' | 'wget', args: Word[]): Parsed {
  const shortWithArg = tool === 'curl' ? CURL_SHORT_WITH_ARG : WGET_SHORT_WITH_ARG;
  const longWithArg = tool === 'curl' ? CURL_LONG_WITH_ARG : WGET_LONG_WITH_ARG;
  const out: Parsed = { output: null, urls: [], problem: null, remoteName: false };
  const outLong = tool === 'curl' ? '--output' : '--output-document';
  const outShort = tool === 'curl' ? 'o' : 'O';
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null) {
      if (/^["']?-/.test(w.raw)) out.problem = 'it has options the codemod cannot read';
      else out.urls.push(w);
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      let argWord: Word | null = null;
      if (eq < 0 && longWithArg.has(name)) argWord = args[++i] ?? null;
      if (name === outLong) out.output = eq < 0 ? (argWord ? { word: argWord, attached: null } : null) : { word: w, attached: v.slice(eq + 1) };
      else if (name === '--remote-name' || name === '--remote-name-all') out.remoteName = true;
      else if (name === '--url' && argWord) out.urls.push(argWord);
      else if (/^--(output-dir|directory-prefix|remote-header-name|content-disposition|input-file|recursive|mirror|page-requisites|no-clobber|continue|timestamping|trust-server-names|config)$/.test(name)) {
        out.problem = `${name} decides where or under which name the file is written`;
      }
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (tool === 'wget' && v === '-nc') out.problem = '-nc decides under which name the file is written';
      for (let j = 1; j < v.length; j++) {
        const c = v[j];
        if (tool === 'curl' && c === 'O') out.remoteName = true;
        if (tool === 'wget' && c === 'n') break; // -nv, -nc, -nd, -nH: `c` of -nc is no-clobber, read below
        if ((tool === 'curl' && 'JK'.includes(c)) || (tool === 'wget' && 'PirmpNc'.includes(c))) {
          out.problem = `-${c} decides where or under which name the file is written`;
        }
        if (!shortWithArg.includes(c)) continue;
        if (j + 1 < v.length) {
          if (c === outShort) out.output = { word: w, attached: v.slice(j + 1) };
        } else {
          const argWord = args[++i] ?? null;
          if (c === outShort && argWord) out.output = { word: argWord, attached: null };
        }
        break;
      }
      continue;
    }
    out.urls.push(w);
  }
  return out;
}

const SIMPLE_SEGMENT = /^([A-Za-z0-9._+~-]|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/;

/** Shell text without its quotes when it is one plain or double-quoted word with simple `$VAR` references. */
export function unquoted(raw: string): string | null {
  const m = /^"([^"\\`]*)"$/.exec(raw) ?? /^([^"'\\`\s]*)$/.exec(raw) ?? /^'([^']*)'$/.exec(raw);
  if (!m) return null;
  if (raw.startsWith("'") && m[1].includes('$')) return null;
  if (/\$\(|\$\{[^}]*[^A-Za-z0-9_}]/.test(m[1])) return null;
  return m[1];
}

export function namedVars(text: string): string[] {
  return [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((x) => x[1]);
}

/** The file a curl or wget command writes, or why it cannot be named, or null when it writes none (stdout). */
export function downloadOf(cmd: ShellCommand, vars: Record<string, string>): DownloadResult {
  const eff = cmd.effective;
  const name = eff?.name.value ? base(eff.name.value) : null;
  if (!eff || (name !== 'curl' && name !== 'wget')) return null;
  const tool = name;
  const p = parse(tool, eff.args);
  let text: string | null;
  if (p.output) {
    text = p.output.attached ?? unquoted(p.output.word.raw);
    if (p.output.attached !== null && p.output.word.value === null) text = null;
    if (text === '-' || text === '/dev/null' || text === '/dev/stdout') return null;
  } else if (tool === 'curl' && !p.remoteName) {
    return null;
  } else {
    if (p.urls.length !== 1) return { cmd, problem: `it names ${p.urls.length} URLs` };
    const url = unquoted(p.urls[0].raw);
    if (url === null) return { cmd, problem: 'its URL is not a plain word' };
    if (/[?#]/.test(url)) return { cmd, problem: 'its URL has a query: the file name is not the last path segment' };
    text = url.slice(url.lastIndexOf('/') + 1);
    if (!url.includes('/') || text === '') return { cmd, problem: 'its URL names no file' };
  }
  if (p.problem) return { cmd, problem: p.problem };
  if (text === null || !SIMPLE_SEGMENT.test(text.split('/').filter((s) => s !== '').join('') || '')) {
    return { cmd, problem: 'its output path is not a plain word' };
  }
  const names = namedVars(text);
  const unknown = names.find((v) => !(v in vars));
  if (unknown) return { cmd, problem: `its path uses $${unknown}, which no ARG or ENV sets` };
  const path = expandVars(text, vars);
  if (hasVariable(path) || path === '') return { cmd, problem: 'its path cannot be resolved' };
  const shellText = names.length ? `"${text}"` : text;
  let written: string | null = null;
  if (p.output) written = p.output.attached === null ? p.output.word.raw : p.output.word.raw === p.output.word.value ? p.output.attached : null;
  return { cmd, tool, shellText, path, vars: names, written };
}

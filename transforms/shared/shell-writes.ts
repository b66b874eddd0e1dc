/** Files and directories a shell script writes: redirection targets and the operands of file-creating commands. */
import { parseShell, preorder } from '../../src/model/shell.js';

const unquote = (raw: string) => raw.replace(/^(['"])(.*)\1$/s, '$2');
const base = (p: string) => p.split('/').pop() ?? p;
/** Paths that are not files of the image. */
const NOT_A_FILE = /^\/dev\/(null|stdout|stderr|fd\/\d+|tty)$|^&|^-$/;

export interface ShellWrite {
  /** The path as written (unquoted; may hold variables). */
  path: string;
  /** What writes it: `>`, `>>`, `mkdir`, `touch`, … */
  by: string;
}

/** Operands that are written by a command (`mkdir -p a b`, `touch f`, `tee -a f`, `cp x dest`, `sqlite3 db`). */
function commandWrites(words: string[]): ShellWrite[] {
  const name = base(words[0] ?? '');
  const operands = words.slice(1).filter((w) => !w.startsWith('-'));
  switch (name) {
    case 'mkdir':
    case 'touch':
    case 'tee': {
      // `mkdir -m 755 dir`: the mode is not an operand.
      const out: string[] = [];
      for (let i = 1; i < words.length; i++) {
        if (name === 'mkdir' && (words[i] === '-m' || words[i] === '--mode')) i++;
        else if (!words[i].startsWith('-')) out.push(words[i]);
      }
      return out.map((path) => ({ path, by: name }));
    }
    case 'sqlite3':
    case 'sqlite':
      return operands.length ? [{ path: operands[0], by: name }] : [];
    case 'cp':
    case 'mv':
    case 'ln':
      return operands.length >= 2 ? [{ path: operands[operands.length - 1], by: name }] : [];
    default:
      return [];
  }
}

/** What a shell script writes, in source order. Unparsable text gives what the parser recovered. */
export function shellWrites(text: string): ShellWrite[] {
  const out: ShellWrite[] = [];
  for (const n of preorder(parseShell(text).root)) {
    if (n.type === 'file_redirect') {
      const op = n.children.find((c) => c.field === null && /^(&?>>?|>\||&>>?)$/.test(text.slice(c.start, c.end)));
      const dest = n.children.find((c) => c.field === 'destination');
      if (!op || !dest) continue;
      const path = unquote(text.slice(dest.start, dest.end));
      if (!NOT_A_FILE.test(path)) out.push({ path, by: text.slice(op.start, op.end) });
    } else if (n.type === 'command') {
      const words = n.children.filter((c) => c.field === 'name' || c.field === 'argument').map((c) => unquote(text.slice(c.start, c.end)));
      out.push(...commandWrites(words).filter((w) => !NOT_A_FILE.test(w.path)));
    }
  }
  return out;
}

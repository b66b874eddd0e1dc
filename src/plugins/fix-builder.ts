import type { Edit } from '../edits.js';
import { keyword } from '../model/style.js';
import type { Arg, Instruction, Model, Word } from '../model/types.js';
import { appendCommand as appendToRun } from '../builtins.js';
import type { Fix, Tier } from '../transform-types.js';

/** Instruction names, so an inserted line's keyword can be written in the file's case. */
const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** A span of the file: a shell word, an instruction argument or flag. */
export type Span = Pick<Word | Arg, 'start' | 'end'>;

export interface FixOptions {
  /** 1-based line the fix is about; by default the line of the first instruction an edit touches. */
  line?: number;
  tier?: Tier;
  unsafeReason?: string;
}

/**
 * Records edits on a model's text and the instructions they change, so that a transform never counts offsets or
 * lists `touches` by hand. Call edit methods, then `fix(message)` to get the Fix (the builder is then empty again).
 * Offsets are those of the model the builder was made for: make one builder per model (per `run`).
 */
export class FixBuilder {
  private edits: Edit[] = [];
  private touches = new Set<number>();

  constructor(readonly model: Model) {}

  /** Whether no edit was recorded since the last fix. */
  get empty(): boolean {
    return this.edits.length === 0;
  }

  /** Replace the image of a FROM (its first argument after the flags), keeping `AS name`. */
  replaceImage(from: Instruction, image: string): this {
    if (from.name !== 'FROM' || from.args.length === 0) throw new Error(`replaceImage needs a FROM with an image (line ${from.line})`);
    return this.replace(from.args[0], image);
  }

  /** Replace a word (a shell word of a RUN, an instruction argument or flag) by text. */
  replaceWord(word: Span, text: string): this {
    return this.replace(word, text);
  }

  /** Insert text right after a word (`insertAfter(pm.sub, ' --no-cache')`). */
  insertAfter(word: Span, text: string): this {
    return this.record({ start: word.end, end: word.end, text }, this.owner(word.end));
  }

  /** Insert text right before a word. */
  insertBefore(word: Span, text: string): this {
    return this.record({ start: word.start, end: word.start, text }, this.owner(word.start));
  }

  /**
   * Set `--name=value` on an instruction: rewrite the flag if it is there, else add it after the last flag (or the
   * keyword). `value` null writes a bare `--name`.
   */
  setFlag(ins: Instruction, name: string, value: string | null): this {
    const bare = name.replace(/^--/, '');
    const text = value === null ? `--${bare}` : `--${bare}=${value}`;
    const flag = ins.flags.find((f) => f.name === bare || f.name === `--${bare}`);
    if (flag) return this.record({ start: flag.start, end: flag.end, text }, ins.index);
    const after = ins.flags.length > 0 ? ins.flags[ins.flags.length - 1].end : ins.start + ins.keyword.length;
    return this.record({ start: after, end: after, text: ` ${text}` }, ins.index);
  }

  /** Replace a whole instruction by text (its keyword written in the file's case); its indentation stays. */
  replaceInstruction(ins: Instruction, text: string): this {
    return this.record({ start: ins.start, end: ins.end, text: this.lines(text).join(this.model.style.eol) }, ins.index);
  }

  /** Insert a line (or lines, separated by `\n`) before an instruction, with its indentation and the file's EOL. */
  insertLineBefore(ins: Instruction, text: string): this {
    const { eol } = this.model.style;
    const indent = this.indentOf(ins);
    const lines = this.lines(text).map((l) => indent + l + eol).join('');
    return this.record({ start: ins.lineStart, end: ins.lineStart, text: lines }, ins.index);
  }

  /** Insert a line (or lines) after an instruction, with its indentation and the file's EOL. */
  insertLineAfter(ins: Instruction, text: string): this {
    const { eol } = this.model.style;
    const t = this.model.text;
    const indent = this.indentOf(ins);
    const lines = this.lines(text).map((l) => indent + l);
    const nl = t.indexOf('\n', ins.end);
    if (nl < 0) return this.record({ start: t.length, end: t.length, text: lines.map((l) => eol + l).join('') }, ins.index);
    return this.record({ start: nl + 1, end: nl + 1, text: lines.map((l) => l + eol).join('') }, ins.index);
  }

  /**
   * Append `&& command` at the end of a RUN's shell body, in the file's style (continuation lines, `&&` position,
   * escape character); in a heredoc script, ` && command` on its last statement's line (a line of its own when the
   * script sets -e). Returns null when done, or why it cannot be done safely (exec form, a heredoc that is not the
   * script the RUN runs, a body ending with `exit` or `&`, …): report that as a Skip.
   */
  appendCommand(run: Instruction, command: string): string | null {
    if (run.name !== 'RUN') return `the instruction on line ${run.line} is not a RUN`;
    const edit = appendToRun(this.model, run, command);
    if (typeof edit === 'string') return edit;
    this.record(edit, run.index);
    return null;
  }

  /** Remove an instruction with its whole line(s). Its comments go too, which verification refuses: keep them. */
  removeInstruction(ins: Instruction): this {
    const t = this.model.text;
    const nl = t.indexOf('\n', ins.end);
    return this.record({ start: ins.lineStart, end: nl < 0 ? t.length : nl + 1, text: '' }, ins.index);
  }

  /** The Fix of the edits recorded since the last one; the builder is empty afterwards. */
  fix(message: string, opts: FixOptions = {}): Fix {
    if (this.edits.length === 0) throw new Error(`fix '${message}' has no edits`);
    const touches = [...this.touches].sort((a, b) => a - b);
    const line = opts.line ?? this.model.instructions[touches[0]].line;
    const fix: Fix = { message, line, edits: this.edits, touches };
    if (opts.tier) fix.tier = opts.tier;
    if (opts.unsafeReason) fix.unsafeReason = opts.unsafeReason;
    this.edits = [];
    this.touches = new Set();
    return fix;
  }

  private replace(word: Span, text: string): this {
    return this.record({ start: word.start, end: word.end, text }, this.owner(word.start));
  }

  private record(edit: Edit, index: number): this {
    this.edits.push(edit);
    this.touches.add(index);
    return this;
  }

  /** Index of the top-level instruction holding an offset (an ONBUILD trigger belongs to its ONBUILD). */
  private owner(offset: number): number {
    const ins = this.model.instructions.find((i) => i.start <= offset && offset <= i.end);
    if (!ins) throw new Error(`offset ${offset} is not inside an instruction`);
    return ins.index;
  }

  private indentOf(ins: Instruction): string {
    return this.model.text.slice(ins.lineStart, ins.start);
  }

  /** The lines of inserted text, each keyword in the file's case. */
  private lines(text: string): string[] {
    return text.split(/\r?\n/).map((l) => l.replace(/^[A-Za-z]+\b/, (w) => (KEYWORDS.has(w.toUpperCase()) ? keyword(this.model.style, w) : w)));
  }
}

/** A builder of fixes for this model: `const b = edits(model); b.replaceImage(from, 'node:20'); fixes.push(b.fix('…'))`. */
export function edits(model: Model): FixBuilder {
  return new FixBuilder(model);
}

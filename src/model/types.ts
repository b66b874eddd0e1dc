/** A node of a parsed shell body (a plain copy of the tree-sitter-bash node; offsets are file offsets). */
export interface SyntaxNode {
  type: string;
  named: boolean;
  /** Field name under its parent (`name`, `argument`, `body`, …), or null. */
  field: string | null;
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** A parser directive at the top of the file (`# syntax=…`, `# escape=…`, `# check=…`). */
export interface Directive {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** A comment line (`# …`), top level or inside a continued instruction. */
export interface Comment {
  start: number;
  end: number;
  /** The comment text without the leading `#` and surrounding blanks. */
  content: string;
}

/** `--name=value` flag of an instruction, with its span in the file. */
export interface Flag {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

/** A whitespace-separated argument of an instruction (shell form) or a JSON string (exec form). */
export interface Arg {
  /** The value Docker sees (quotes of JSON form removed; shell-form words as written). */
  value: string;
  start: number;
  end: number;
}

/** What is in force when an instruction runs: inherited through `FROM <stage>` and earlier instructions. */
export interface State {
  /** SHELL in force, e.g. ["/bin/sh", "-c"]. */
  shell: string[];
  /** True when RUN bodies are interpreted by a POSIX-like shell (sh, bash, dash, ash, …) on Linux. */
  posix: boolean;
  /** WORKDIR resolved to an absolute path (ARG/ENV expanded where known). */
  workdir: string;
  /**
   * ARG and ENV values known at this point (ARG without default: empty string). Each ENV/ARG extends the table of
   * the instruction before it through the prototype chain, so a file with thousands of them keeps one entry per
   * assignment instead of a full copy per instruction: read it with `vars[name]` or `name in vars`, extend it with
   * `Object.create(vars)`; a spread or Object.keys sees only the last instruction's own names.
   */
  vars: Record<string, string>;
  /** Last USER in force, or null when none was set (root). */
  user: string | null;
}

export interface Instruction {
  /** Position among the file's top-level instructions. */
  index: number;
  /** Keyword as written (`run`, `RUN`, `Run`). */
  keyword: string;
  /** Keyword upper-cased. */
  name: string;
  /** Span from the keyword to the end of the last argument (no line ending). */
  start: number;
  end: number;
  /** Offset of the start of the line holding the keyword (before indentation). */
  lineStart: number;
  /** 1-based line of the keyword. */
  line: number;
  flags: Flag[];
  /** Span of the arguments after the flags (empty span at `end` when there are none). */
  argsStart: number;
  argsEnd: number;
  /** Exec (JSON array) form. */
  json: boolean;
  /** Arguments: JSON strings in exec form, whitespace-separated words otherwise. */
  args: Arg[];
  /** Has heredocs (`RUN <<EOF`). */
  heredoc: boolean;
  /**
   * For a RUN with heredocs that are not the script it runs (`RUN python3 <<EOF`, a `#!` line naming another
   * interpreter, several heredocs): why its text is not modelled as shell; null otherwise.
   */
  readonly heredocData: string | null;
  /** For ONBUILD: the trigger instruction (its spans are file offsets too). */
  trigger: Instruction | null;
  /** The stage this instruction belongs to (null for ARGs before the first FROM). */
  stage: Stage | null;
  /** State in force when this instruction runs (before its own effect). */
  state: State;
  /**
   * Shell model of a shell-form RUN body run by a POSIX shell, or of the heredoc script of `RUN <<EOF`; null for
   * anything else.
   * Computed on first access.
   */
  readonly shell: ShellBody | null;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased, or null. */
  name: string | null;
  /** Image reference as written. */
  image: string;
  /** Image reference with ARG defaults substituted. */
  resolvedImage: string;
  /** The earlier stage this one is built FROM, if any. */
  baseStage: Stage | null;
  from: Instruction;
  /** Instructions of the stage, FROM included. */
  instructions: Instruction[];
  /** Last stage of the file. */
  final: boolean;
  /** The final stage or a stage the final one is (transitively) built FROM. */
  inFinalImage: boolean;
  /** Indices of stages that use this one through `FROM` or `COPY --from` / `RUN --mount=from=`. */
  usedBy: number[];
  /** Windows base image (or built from one). */
  windows: boolean;
}

/** One word of a shell command, with its span in the file. */
export interface Word {
  /** Source text of the word. */
  raw: string;
  /** Value after removing quotes, when the word has no expansion; null when it depends on expansions. */
  value: string | null;
  start: number;
  end: number;
  node: SyntaxNode;
}

export interface ShellCommand {
  node: SyntaxNode;
  /** Command name word (null for assignment-only commands). */
  name: Word | null;
  /** Arguments after the name. */
  args: Word[];
  /** Prefix assignments (`FOO=bar cmd`). */
  assignments: Word[];
  /** Inside a subshell, pipeline, command substitution, or an `sh -c` string: state it changes cannot leak. */
  contained: boolean;
  /** Found inside the string of `sh -c '…'` (offsets still point into the file). */
  viaShellString: boolean;
  /** The command actually run after wrappers (`sudo`, `env`, `xargs`, `nice`, `nohup`, `time`, `command`). */
  effective: { name: Word; args: Word[] } | null;
}

export interface ShellBody {
  /** Span of the body in the file. */
  start: number;
  end: number;
  /**
   * The body as a single shell line of the same length: continuations, and the comment and empty lines
   * Docker drops inside a continuation, are blanked, so offsets map 1:1 to the file (`start + i`). For a heredoc
   * script (`RUN <<EOF`, see heredoc-script.ts), the script's lines as written.
   */
  text: string;
  /** Parsed without syntax errors and safe to analyse. */
  ok: boolean;
  /** Why the body cannot be analysed, when !ok. */
  problem: string | null;
  root: SyntaxNode;
  /** Every simple command in source order, nested ones included. */
  commands: ShellCommand[];
  /** Top-level statements (comments excluded). */
  statements: SyntaxNode[];
  /** True when the top level is one pipeline or an and-list joined only by `&&`, with no trailing `;`/`&`. */
  andList: boolean;
  /** A shell comment at the end of the body (it swallows anything appended after it on the joined line). */
  trailingComment: { start: number; end: number } | null;
  /** End of the body's code: after the last top-level statement or terminator, before a trailing comment. */
  codeEnd: number;
  /** File spans of the comment-only backquote substitutions blanked in `text` (see backquote-comments.ts). */
  commentSubstitutions: Array<[number, number]>;
  /**
   * Things the body does that change the shell's state for commands after it, or may end the shell, outside
   * any subshell: command names (`cd`, `export`, `exit`, …), `assignment`, `function`, `dynamic command`.
   */
  stateChanges: string[];
}

export interface Style {
  eol: '\n' | '\r\n';
  escape: '\\' | '`';
  /** Indentation used on continuation lines (most common in the file, else 4 spaces). */
  indent: string;
  /** Keyword case: 'upper' | 'lower' (majority of the file). */
  keywordCase: 'upper' | 'lower';
  /** Where `&&` goes on continued RUN lines: end of line (`a && \`) or start of the next (`&& b`). */
  andPosition: 'trailing' | 'leading';
}

export interface Model {
  /** Text without BOM. */
  text: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** The escape character (`# escape=`), a backslash by default. */
  escape: '\\' | '`';
  /** The file's formatting conventions, computed on first access. */
  style: Style;
  /** 1-based line number of an offset. */
  lineOf(offset: number): number;
}

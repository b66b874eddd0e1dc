import { createRequire } from 'node:module';
import type { DockerfileParser as Parser, Instruction as AstInstruction } from 'dockerfile-ast';
import { cacheRawArguments } from './ast-cache.js';
import { argsSpan, isJsonForm, type Syntax, type SyntaxInstruction } from './syntax.js';
import type { Flag } from './types.js';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

/** Line starts as dockerfile-ast's documents count lines (`\r\n`, `\r` and `\n` each end one). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

type Props = Array<{ getName(): string; getValue(): string | null }>;

function propertiesOf(ast: AstInstruction): Array<{ name: string; value: string | null }> {
  const a = ast as unknown as Record<string, (...x: unknown[]) => unknown>;
  const name = ast.getKeyword();
  if (name === 'ENV') return (a.getProperties.call(ast) as Props).map((p) => ({ name: p.getName(), value: p.getValue() }));
  if (name !== 'ARG') return [];
  const p = a.getProperty.call(ast) as Props[number] | null;
  return p ? [{ name: p.getName(), value: p.getValue() }] : [];
}

/**
 * Whether the instruction has heredocs. getHeredocs throws on some continuation layouts (a line `\#x` after a
 * continuation ends its first line for it, with no `<<` word before): then any word starting with `<<` counts, so
 * the transforms leave the instruction alone.
 */
function hasHeredoc(ast: AstInstruction): boolean {
  const a = ast as unknown as Record<string, (...x: unknown[]) => unknown>;
  if (typeof a.getHeredocs !== 'function') return false;
  try {
    return (a.getHeredocs.call(ast) as unknown[]).length > 0;
  } catch {
    return ast.getArguments().some((g) => g.getValue().startsWith('<<'));
  }
}

function instruction(ast: AstInstruction, text: string, offset: (p: Position) => number): SyntaxInstruction {
  const a = ast as unknown as Record<string, (...x: unknown[]) => unknown>;
  const range = ast.getRange();
  const start = offset(range.start);
  const end = offset(range.end);
  const kw = ast.getInstructionRange();
  const flags: Flag[] = [];
  if (typeof a.getFlags === 'function') {
    for (const f of a.getFlags.call(ast) as Array<{ getName(): string; getValue(): string | null; getRange(): Range }>) {
      flags.push({ name: f.getName(), value: f.getValue(), start: offset(f.getRange().start), end: offset(f.getRange().end) });
    }
  }
  const argsRange = ast.getArgumentsRange();
  const { argsStart, argsEnd } = argsSpan(text, argsRange && offset(argsRange.start), argsRange && offset(argsRange.end), end, flags);
  const name = ast.getInstruction().toUpperCase();
  const json = isJsonForm(name, text.slice(argsStart, argsEnd)) && typeof a.getJSONStrings === 'function';
  const trig = name === 'ONBUILD' && typeof a.getTriggerInstruction === 'function'
    ? (a.getTriggerInstruction.call(ast) as AstInstruction | null)
    : null;
  return {
    keyword: text.slice(offset(kw.start), offset(kw.end)),
    start,
    end,
    flags,
    argsStart,
    argsEnd,
    json,
    heredoc: hasHeredoc(ast),
    args: json
      ? () => (a.getJSONStrings.call(ast) as Array<{ getJSONValue(): string; getRange(): Range }>)
        .map((s) => ({ value: s.getJSONValue(), start: offset(s.getRange().start), end: offset(s.getRange().end) }))
      : () => ast.getArguments()
        .map((g) => ({ value: g.getValue(), start: offset(g.getRange().start), end: offset(g.getRange().end) }))
        .filter((g) => g.start >= argsStart),
    properties: () => propertiesOf(ast),
    trigger: trig ? instruction(trig, text, offset) : null,
  };
}

let parser: typeof Parser | null = null;

/** dockerfile-ast, loaded on first use: most files never need it, and loading it costs about 40 ms. */
function dockerfileAst(): typeof Parser {
  if (!parser) {
    const lib = createRequire(import.meta.url)('dockerfile-ast') as typeof import('dockerfile-ast');
    cacheRawArguments(lib.Instruction);
    parser = lib.DockerfileParser;
  }
  return parser;
}

/** The syntax of a Dockerfile (without BOM) as dockerfile-ast reads it. */
export function astSyntax(text: string): Syntax {
  const df = dockerfileAst().parse(text);
  const starts = lineStarts(text);
  const offset = (p: Position) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const off = (r: Range) => ({ start: offset(r.start), end: offset(r.end) });
  return {
    escape: df.getEscapeCharacter() === '`' ? '`' : '\\',
    directives: df.getDirectives().map((d) => ({ name: d.getName(), value: d.getValue(), ...off(d.getRange()) })),
    comments: df.getComments().map((c) => ({ ...off(c.getRange()), content: c.getContent() })),
    instructions: df.getInstructions().map((i) => instruction(i, text, offset)),
  };
}

/** Types and helpers shared by the dependency-install ecosystems (see manifests.ts). */
import type { ShellCommand, Word } from '../../src/model/types.js';
import { resolvePath } from '../../src/model/vars.js';

export type Ecosystem = 'pip' | 'pipenv' | 'poetry' | 'npm' | 'yarn' | 'pnpm' | 'go' | 'bundler' | 'composer' | 'maven';

/** The image as the install sees it, before it runs (container paths, absolute). */
export interface FileView {
  exists(abs: string): boolean;
  /** The file's text when it comes from the build context; null when absent or not known. */
  read(abs: string): string | null;
}

export interface InstallEnv {
  /** Directory the command runs in. */
  cwd: string;
  /** ARG/ENV in force plus the command's own `NAME=value` prefixes. */
  vars: Record<string, string>;
  /** Commands that ran earlier in the stage (earlier RUNs, then earlier commands of this RUN). */
  earlier: ShellCommand[];
}

/** A file or directory the install writes. */
export interface Write {
  path: string;
  dir: boolean;
  why: string;
}

export interface Analysis {
  /** Why the install needs more than its manifests, or may do something else after the move. */
  problem: string | null;
  /** Files it reads, all of which must be copied before it (absolute; required ones included even when missing). */
  reads: string[];
  /** Of `reads`, those that must exist. */
  required: string[];
  writes: Write[];
  /** Programs or directories it runs from (a pip inside a virtualenv, ./mvnw). */
  uses: string[];
  /**
   * Arguments that make the command install only the dependencies, when as written it also installs the
   * project itself (poetry's root package, composer's scripts and autoloader): then an early copy of the RUN
   * gets these and the original stays after the source COPY. Null when the command only installs dependencies.
   */
  earlyFlags: string[] | null;
}

export interface Install {
  ecosystem: Ecosystem;
  cmd: ShellCommand;
  /** The command for messages, e.g. `pip install -r requirements.txt`. */
  label: string;
  /** A directory the command switches to itself (`composer --working-dir`), relative to the RUN's directory. */
  chdir: string | null;
  /** Why the command line alone shows it needs more than the manifests (`pip install .`). */
  problem: string | null;
  /** As written it installs only the dependencies (used to tell an early dependency run from the full one). */
  depsOnly: boolean;
  analyse(view: FileView, env: InstallEnv): Analysis;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers shared by the ecosystems.

export function label(name: Word, args: Word[]): string {
  const text = [name, ...args].map((w) => w.value ?? w.raw).join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

export function at(env: InstallEnv, path: string): string {
  return resolvePath(env.cwd, path);
}

export function newAnalysis(): Analysis {
  return { problem: null, reads: [], required: [], writes: [], uses: [], earlyFlags: null };
}

export function readJson(view: FileView, abs: string): { value: unknown; ok: boolean } {
  const text = view.read(abs);
  if (text === null) return { value: null, ok: false };
  try {
    return { value: JSON.parse(text), ok: true };
  } catch {
    return { value: null, ok: false };
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Require a file; add optional ones that exist. */
export function need(a: Analysis, view: FileView, required: string[], optional: string[]): void {
  for (const r of required) {
    if (!a.reads.includes(r)) a.reads.push(r);
    if (!a.required.includes(r)) a.required.push(r);
  }
  for (const o of optional) if (view.exists(o) && !a.reads.includes(o)) a.reads.push(o);
}

/** The cwd and its parents, nearest first. */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = d.slice(0, d.lastIndexOf('/')) || '/') {
    out.push(d);
    if (d === '/') break;
  }
  return out;
}

export interface ParsedOption {
  name: string;
  value: string | null;
}

export interface ParsedArgs {
  options: ParsedOption[];
  positionals: Word[];
  /** An argument whose value depends on an expansion. */
  dynamic: Word | null;
  has(...names: string[]): boolean;
  values(...names: string[]): string[];
}

/**
 * Split arguments into options and positionals. `valued` lists the options that take a value (`--x v`,
 * `--x=v`, `-xv` for a one-letter option).
 */
export function parseArgs(args: Word[], valued: Iterable<string>): ParsedArgs {
  const takes = new Set(valued);
  const options: ParsedOption[] = [];
  const positionals: Word[] = [];
  let dynamic: Word | null = null;
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null) {
      dynamic ??= w;
      positionals.push(w);
      continue;
    }
    if (rest || !v.startsWith('-') || v === '-') {
      positionals.push(w);
      continue;
    }
    if (v === '--') {
      rest = true;
      continue;
    }
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      options.push({ name: v.slice(0, eq), value: v.slice(eq + 1) });
      continue;
    }
    if (takes.has(v)) {
      const next = args[i + 1];
      if (next && next.value === null) dynamic ??= next;
      options.push({ name: v, value: next ? next.value : null });
      i++;
      continue;
    }
    if (!v.startsWith('--') && v.length > 2 && takes.has(v.slice(0, 2))) {
      options.push({ name: v.slice(0, 2), value: v.slice(2) });
      continue;
    }
    options.push({ name: v, value: null });
  }
  return {
    options,
    positionals,
    dynamic,
    has: (...names) => options.some((o) => names.includes(o.name)),
    values: (...names) => options.filter((o) => names.includes(o.name) && o.value !== null).map((o) => o.value!),
  };
}

/** Leading global options before a subcommand; returns the index of the subcommand. */
export function skipGlobalOptions(args: Word[], valued: Set<string>): number {
  let i = 0;
  while (i < args.length) {
    const v = args[i].value;
    if (v === null || !v.startsWith('-')) break;
    i += valued.has(v) ? 2 : 1;
  }
  return i;
}

export function commandBase(w: Word): string | null {
  return w.value === null ? null : w.value.slice(w.value.lastIndexOf('/') + 1);
}


import type { Edit } from './edits.js';
import type { Instruction, Model } from './model/types.js';

/** Read-only view of the build context (the directory `COPY` sources are relative to). */
export interface BuildContext {
  /** Whether a file exists at this context-relative path. */
  exists(path: string): boolean;
  /** The text of a context file, or null when it is missing or unreadable. */
  readText(path: string): string | null;
  /**
   * Names in a context directory (`''` is the root), a directory's name ending in `/`; null when it is missing,
   * resolves outside the context or holds too many entries to list. Contexts without it list nothing.
   */
  list?(dir: string): string[] | null;
}

/** Options some transforms take (from the CLI or the library caller). */
export interface TransformOptions {
  /** Name of the non-root user to create (non-root-user). */
  user?: string;
  /** Numeric id for that user (non-root-user). */
  uid?: number;
  /** Apply unsafe fixes too (the engine reads this; default: safe fixes only). */
  unsafeFixes?: boolean;
  /**
   * Which adjacent RUNs chain-runs joins: 'gain' (default) only where one layer buys something (a package index
   * refresh with its install, files removed in a later RUN, tiny RUNs); 'all' every pair it can join safely.
   */
  chainPolicy?: 'gain' | 'all';
  /** Base-image rules `pattern=replacement`, first match wins (rebase; transforms/rebase/rules.ts). */
  rebase?: string[];
  /** ARG defaults to set, by ARG name (pin-args). */
  setArgs?: Record<string, string>;
}

export interface TransformContext {
  context: BuildContext;
  options: TransformOptions;
  /**
   * Name of the Dockerfile's own ignore file (`Dockerfile.dockerignore`), when one exists beside it: BuildKit reads
   * it instead of the context's `.dockerignore`.
   */
  dockerfileIgnore?: string;
}

/**
 * How far a fix can be trusted (ruff's applicability). `safe`: keeps what the build produces and what the image does
 * at run time, apart from the intended removal of caches and layers; applied by default. `unsafe`: may change
 * behaviour; applied only when asked (`--unsafe-fixes`), and otherwise reported with its reason.
 */
export type Tier = 'safe' | 'unsafe';

/** A file of the build context a fix creates or rewrites (the Dockerfile itself is changed by `edits`). */
export interface SideFile {
  /** Context-relative path, `/`-separated. */
  path: string;
  /** The text it replaces, or null when the fix creates the file. */
  before: string | null;
  after: string;
}

/** A proposed change: edits on offsets of the text the model was parsed from. */
export interface Fix {
  message: string;
  /** The fix's tier; the transform's own tier when absent. */
  tier?: Tier;
  /** Why the fix is unsafe (shown when it is not applied); the transform's `unsafeReason` when absent. */
  unsafeReason?: string;
  /** 1-based line the fix is about. */
  line: number;
  edits: Edit[];
  /** Context files the fix creates or rewrites (at most one fix a pass may change a given file). */
  files?: SideFile[];
  /** Indices of the instructions the edits change, move or remove. Everything else must stay byte-identical. */
  touches: number[];
}

/** A fix the transform could not prove safe, and why. */
export interface Skip {
  reason: string;
  line: number;
}

export interface TransformResult {
  fixes: Fix[];
  skips: Skip[];
}

export interface Transform {
  /** Stable kebab-case id. */
  id: string;
  description: string;
  /** hadolint rule ids this transform answers. */
  hadolint: string[];
  /** On unless named with --transforms. */
  defaultOn: boolean;
  /** The tier of its fixes, unless a fix says otherwise. */
  tier: Tier;
  /** Why its fixes are unsafe, for a transform whose tier is unsafe. */
  unsafeReason?: string;
  run(model: Model, ctx: TransformContext): TransformResult;
}

export type { Instruction, Model };

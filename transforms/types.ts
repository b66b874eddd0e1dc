import type { Edit } from '../src/edits.js';
import type { Instruction, Model } from '../src/model/types.js';

/** Read-only view of the build context (the directory `COPY` sources are relative to). */
export interface BuildContext {
  /** Whether a file exists at this context-relative path. */
  exists(path: string): boolean;
  /** The text of a context file, or null when it is missing or unreadable. */
  readText(path: string): string | null;
}

/** Options some transforms take (from the CLI or the library caller). */
export interface TransformOptions {
  /** Name of the non-root user to create (non-root-user). */
  user?: string;
  /** Numeric id for that user (non-root-user). */
  uid?: number;
}

export interface TransformContext {
  context: BuildContext;
  options: TransformOptions;
}

/** A proposed change: edits on offsets of the text the model was parsed from. */
export interface Fix {
  message: string;
  /** 1-based line the fix is about. */
  line: number;
  edits: Edit[];
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
  run(model: Model, ctx: TransformContext): TransformResult;
}

export type { Instruction, Model };

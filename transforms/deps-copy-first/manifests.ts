/**
 * Dependency installs that only need their manifests: recognising the command (from the shell model, never by
 * regex over the RUN text) and, per ecosystem, which files it reads, what it writes, and when it needs more
 * than its manifests (then the transform skips). Ecosystems live in python.ts, node.ts, go.ts, ruby.ts, php.ts and
 * maven.ts.
 */
import type { ShellCommand } from '../../src/model/types.js';
import { commandBase, type Install } from './common.js';
import { recogniseGo } from './go.js';
import { recogniseMaven } from './maven.js';
import { recogniseNode } from './node.js';
import { recognisePhp } from './php.js';
import { recognisePython } from './python.js';
import { recogniseRuby } from './ruby.js';

export type { Analysis, Ecosystem, FileView, Install, InstallEnv, Write } from './common.js';

/** The dependency install a shell command runs, or null when it is none. */
export function recogniseInstall(cmd: ShellCommand): Install | null {
  const eff = cmd.effective;
  if (!eff) return null;
  const base = commandBase(eff.name);
  if (!base) return null;
  return (
    recognisePython(cmd, base, eff.name, eff.args)
    ?? recogniseNode(cmd, base, eff.name, eff.args)
    ?? recogniseGo(cmd, base, eff.name, eff.args)
    ?? recogniseRuby(cmd, base, eff.name, eff.args)
    ?? recognisePhp(cmd, base, eff.name, eff.args)
    ?? recogniseMaven(cmd, base, eff.name, eff.args)
  );
}

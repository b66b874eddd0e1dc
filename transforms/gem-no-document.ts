import type { Instruction, ShellCommand, Stage, Word } from '../src/model/types.js';
import { parseImageRef } from './shared/base-images.js';
import { settingWrittenBefore } from './shared/earlier-config.js';
import { analysableRuns, stageChain } from './shared/package-managers.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/** A gemrc line that turns documentation off (`gem: --no-document`, `install: --no-rdoc --no-ri`). */
const CONFIG_NO_DOC = /(^|\s)(gem|install):[^\n]*(--no-document|--no-rdoc|--no-ri|(^|\s)-N(\s|$))/;
/** Options that already decide about documentation. */
const DOC_OPTIONS = new Set(['--no-document', '--document', '--no-rdoc', '--rdoc', '--no-ri', '--ri']);

interface GemInstall {
  sub: Word;
  /** An option decides about documentation already. */
  decided: boolean;
}

/** `gem install …` (after wrappers), or null. A subcommand the codemod cannot read gives null too. */
function gemInstall(cmd: ShellCommand): GemInstall | 'dynamic' | null {
  const eff = cmd.effective;
  const name = eff?.name.value ?? null;
  if (!eff || name === null || !/^gem\d*(\.\d+)*$/.test(name.slice(name.lastIndexOf('/') + 1))) return null;
  const sub = eff.args.find((a) => a.value === null || !a.value.startsWith('-'));
  if (!sub) return null;
  if (sub.value === null) return 'dynamic';
  if (sub.value !== 'install') return null;
  let decided = false;
  for (const a of eff.args) {
    if (a.value === null) continue;
    const opt = a.value.replace(/=.*$/, '');
    if (DOC_OPTIONS.has(opt) || (/^-[A-Za-z]+$/.test(opt) && opt.includes('N'))) decided = true;
  }
  return { sub, decided };
}

/**
 * What the base image says about gem install: the official ruby images write `install: --no-document` into their
 * gemrc (`no-docs`); a dev container is where people read the documentation (`dev`). RubyGems before 2.0 (Ruby
 * 1.8/1.9, as in Ubuntu 14.04, Debian 7 or CentOS 6) has no --no-document and fails on it (`too-old`), so only the
 * official images (whose Ruby packages are known) at tags newer than those are changed (`known`); other images
 * are `unknown`.
 */
function baseSays(stage: Stage): 'no-docs' | 'dev' | 'too-old' | 'unknown' | 'known' {
  const root = stageChain(stage).pop()!;
  const ref = parseImageRef(root.resolvedImage);
  if (ref.official === 'ruby') return 'no-docs';
  if (ref.registry === 'mcr.microsoft.com' && /^(vscode\/)?devcontainers\//.test(ref.path)) return 'dev';
  if (!ref.official || ref.official === 'scratch') return 'unknown';
  const old: Record<string, RegExp> = {
    ubuntu: /^(10\.04|12\.04|14\.04)\b/,
    debian: /^(6|7)\b/,
    centos: /^(5|6)\b/,
  };
  if (old[ref.official]?.test(ref.tag) || /(lucid|precise|trusty|squeeze|wheezy)/.test(ref.tag)) return 'too-old';
  return 'known';
}

/** A COPY/ADD of a gemrc, or ENV GEMRC, earlier in the stage (or its base stages): its settings are unknown. */
function gemrcProvided(ins: Instruction): boolean {
  if ('GEMRC' in ins.state.vars) return true;
  for (const s of stageChain(ins.stage!)) {
    for (const i of s.instructions) {
      if (i.index < ins.index && (i.name === 'COPY' || i.name === 'ADD') && i.args.some((a) => /gemrc/i.test(a.value))) return true;
    }
  }
  return false;
}

export const gemNoDocument: Transform = {
  id: 'gem-no-document',
  description: 'Add --no-document to gem install in stages that end up in the final image, so no rdoc/ri documentation is built into it',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['gem'], 'install', skips)) {
      if (!ins.stage!.inFinalImage) continue;
      for (const c of ins.shell!.commands) {
        const gem = gemInstall(c);
        if (!gem) continue;
        const line = m.lineOf(c.node.start);
        if (gem === 'dynamic') {
          skips.push({ reason: `the gem command on line ${line} has a subcommand the codemod cannot see`, line });
          continue;
        }
        if (gem.decided) continue;
        const base = baseSays(ins.stage!);
        if (base === 'no-docs') continue;
        if (base === 'dev') {
          skips.push({ reason: `the base image is a dev container image, where the gem documentation may be wanted`, line });
          continue;
        }
        if (base === 'too-old' || base === 'unknown') {
          const which = base === 'too-old' ? 'the base image is old' : 'the base image is not an official image';
          skips.push({ reason: `${which}: its RubyGems may predate 2.0, which fails on --no-document`, line });
          continue;
        }
        if (settingWrittenBefore(ins, c.node.start, CONFIG_NO_DOC) !== null || gemrcProvided(ins)) continue;
        fixes.push({
          message: `added --no-document to gem install on line ${line}`,
          line,
          edits: [{ start: gem.sub.end, end: gem.sub.end, text: ' --no-document' }],
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};

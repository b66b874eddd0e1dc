/**
 * pip before 6.0 has no --no-cache-dir ("no such option"): the distro pips of Ubuntu 14.04 (1.5.4) and older,
 * Ubuntu 15.04/15.10 (1.5.6) and Debian 8 jessie (1.5.6) and older are that old. A pip upgraded earlier in the
 * stage (`pip install -U pip`, `easy_install pip`, get-pip.py) or a conda pip is newer.
 */
import type { Instruction, Stage } from '../../src/model/types.js';
import { parseImageRef } from '../shared/base-images.js';
import { analysable, parsePm, type PmCommand, runsUpTo, stageChain } from '../shared/package-managers.js';

const OLD_UBUNTU = /^(1[0-5])\.\d+\b|(^|-)(lucid|maverick|natty|oneiric|precise|quantal|raring|saucy|trusty|utopic|vivid|wily)(-|$)/;
const OLD_DEBIAN = /^[4-8](\.\d+)*(-|$)|(^|-)(etch|lenny|squeeze|wheezy|jessie)(-|$)/;
/** Codenames in the tags of other official images built on those releases (`buildpack-deps:jessie`). */
const OLD_CODENAME = /(^|-)(lucid|precise|trusty|utopic|vivid|wily|squeeze|wheezy|jessie)(-|$)/;
/** Official images that bring their own, newer pip. */
const OWN_PIP = new Set(['python', 'pypy']);

/** The base image when its distro pip predates 6.0, else null. */
export function oldDistroPipImage(stage: Stage): string | null {
  // A quoted reference (`FROM 'ubuntu:trusty'`) names the same image.
  const image = stageChain(stage).pop()!.resolvedImage.replace(/^(['"])(.*)\1$/, '$2');
  const ref = parseImageRef(image);
  if (!ref.official || OWN_PIP.has(ref.official)) return null;
  if (ref.official === 'ubuntu' && OLD_UBUNTU.test(ref.tag)) return image;
  if (ref.official === 'debian' && OLD_DEBIAN.test(ref.tag)) return image;
  return OLD_CODENAME.test(ref.tag) ? image : null;
}

const base = (s: string) => s.slice(s.lastIndexOf('/') + 1);

/** Which Python a pip command runs under: '3' for pip3/python3, '2' for pip/pip2/python/python2. */
function pythonOf(pm: PmCommand): '2' | '3' {
  const name = base(pm.toolWord.value ?? '');
  return /^(pip|python)3/.test(name) ? '3' : '2';
}

/** A requirement naming pip itself: `pip`, `pip==20.3`, `pip>=9`, `"pip<21"`, `pip[…]` (not `pip-tools`, `pipenv`). */
const PIP_REQUIREMENT = /^pip(?![\w.-])/i;

/** A `pip install` that installs pip itself (`pip install -U pip setuptools`, `python -m pip install pip==20.3`). */
export function installsPip(pm: PmCommand): boolean {
  return pm.tool === 'pip' && pm.subName === 'install' && pm.operands.some((w) => PIP_REQUIREMENT.test(w.value ?? ''));
}

/** A requirement on pip itself (`pip`, `pip==20.3`, `pip>=9`), not pinned below 6. */
function upgradesPip(pm: PmCommand): boolean {
  if (pm.tool !== 'pip' || pm.subName !== 'install') return false;
  const upgrade = pm.options.some((o) => o.name === '-U' || o.name === '--upgrade' || /^-[A-Za-z]*U[A-Za-z]*$/.test(o.name));
  return pm.operands.some((w) => {
    const m = /^pip(?:\s*(==|>=|~=|>)\s*(\d+)[\w.*]*)?$/i.exec(w.value ?? '');
    if (!m) return false;
    if (m[1] === '==' || m[1] === '~=') return Number(m[2]) >= 6;
    return m[1] !== undefined || upgrade;
  });
}

interface Upgrade {
  start: number;
  /** The Python whose pip it upgrades; `any` for get-pip.py and easy_install. */
  py: '2' | '3' | 'any';
}

const upgradesCache = new WeakMap<Instruction, Upgrade[]>();

/** The commands of a RUN that install a newer pip, in order (found once per RUN). */
function upgradesIn(run: Instruction): Upgrade[] {
  let out = upgradesCache.get(run);
  if (out) return out;
  out = [];
  if (analysable(run)) {
    for (const c of run.shell!.commands) {
      const name = base(c.effective?.name.value ?? c.name?.value ?? '');
      const words = [c.name, ...c.args].map((w) => w?.value ?? '');
      const p = parsePm(run, c);
      if (words.some((w) => /get-pip\.py/.test(w))) out.push({ start: c.node.start, py: 'any' });
      else if (/^easy_install/.test(name) && words.slice(1).some((w) => /^pip\b/.test(w))) out.push({ start: c.node.start, py: 'any' });
      else if (p && upgradesPip(p)) out.push({ start: c.node.start, py: pythonOf(p) });
    }
  }
  upgradesCache.set(run, out);
  return out;
}

/**
 * Whether the pip this command runs is known to be newer than the distro's: a conda pip, or one installed by an
 * earlier command of the stage (or its base stages). An upgrade by Python 3's pip also writes `pip`.
 */
export function newerPipBefore(pm: PmCommand): boolean {
  const tool = pm.toolWord.value ?? '';
  if (/conda/.test(tool) || (!tool.includes('/') && /conda/.test(pm.ins.state.vars.PATH ?? ''))) return true;
  const py = pythonOf(pm);
  const bare = base(tool) === 'pip';
  for (const run of runsUpTo(pm.ins)) {
    for (const u of upgradesIn(run)) {
      if (run === pm.ins && u.start >= pm.cmd.node.start) break;
      if (u.py === 'any' || u.py === py || (u.py === '3' && bare)) return true;
    }
  }
  return false;
}

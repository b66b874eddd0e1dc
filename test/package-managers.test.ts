import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import type { Model } from '../src/model/types.js';
import { APT_LISTS_CACHE, aptCleanLists } from '../transforms/apt-clean-lists.js';
import { aptNoInstallRecommends } from '../transforms/apt-no-install-recommends/index.js';
import { chainRuns } from '../transforms/chain-runs/index.js';
import {
  appendCommand, covers, mountsOf, normalisePath, opaqueScript, parsePm, planCacheCleanups, pmCommands, runStyle,
} from '../transforms/shared/package-managers.js';

beforeAll(initShell);

const runs = (m: Model) => m.instructions.filter((i) => i.name === 'RUN');
const firstPm = (body: string) => {
  const m = parseDockerfile(`FROM debian\nRUN ${body}\n`);
  return pmCommands(runs(m)[0])[0];
};
const values = (ws: Array<{ value: string | null }>) => ws.map((w) => w.value);

describe('parsePm', () => {
  it('skips options (and their arguments) before the subcommand', () => {
    const p = firstPm('apt-get -o Dpkg::Options::=--force-confold -qq -y install curl=7.* -t bookworm-backports git');
    expect(p.tool).toBe('apt-get');
    expect(p.subName).toBe('install');
    expect(values(p.operands)).toEqual(['curl=7.*', 'git']);
    expect(p.options.map((o) => [o.name, o.arg])).toEqual([['-o', 'Dpkg::Options::=--force-confold'], ['-qq', null], ['-y', null], ['-t', 'bookworm-backports']]);
  });

  it('reads attached and `=` arguments', () => {
    const p = firstPm('apt-get -oAPT::Install-Recommends=0 --option=Foo=bar install x');
    expect(p.options.map((o) => [o.name, o.arg])).toEqual([['-o', 'APT::Install-Recommends=0'], ['--option', 'Foo=bar']]);
  });

  it('unwraps sudo/env and notes sudo', () => {
    const p = firstPm('env DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y x');
    expect(p.sudo).toBe(true);
    expect(p.subName).toBe('install');
    expect(firstPm('DEBIAN_FRONTEND=noninteractive apt-get install x').sudo).toBe(false);
  });

  it('recognises python -m pip and pip global options', () => {
    const p = firstPm('/usr/local/bin/python3.12 -u -m pip --proxy http://proxy:3128 install -r req.txt flask');
    expect(p.tool).toBe('pip');
    expect(p.subName).toBe('install');
    expect(values(p.operands)).toEqual(['flask']);
    expect(firstPm('python3 -c "import pip"')).toBeUndefined();
    expect(firstPm('uv pip install x')).toBeUndefined();
  });

  it('marks a word it cannot see before the subcommand as dynamic', () => {
    const p = firstPm('apt-get $APT_OPTS install x');
    expect(p.dynamic).toBe(true);
    expect(p.subName).toBe('install');
  });

  it('knows dnf options that take a separate argument', () => {
    const p = firstPm('dnf --enablerepo crb -y --setopt=tsflags=nodocs install gcc');
    expect(p.subName).toBe('install');
    expect(values(p.operands)).toEqual(['gcc']);
  });
});

describe('paths and mounts', () => {
  it('normalises and compares cache paths', () => {
    expect(normalisePath('/var/lib/apt/lists/*')).toBe('/var/lib/apt/lists');
    expect(normalisePath('/var/cache/apk/')).toBe('/var/cache/apk');
    expect(normalisePath('/a/./*/.//')).toBe('/a');
    expect(normalisePath('/')).toBe('');
    expect(normalisePath(`/a${'/.'.repeat(100_000)}`)).toBe('/a');
    expect(covers('/var/lib/apt', '/var/lib/apt/lists')).toBe(true);
    expect(covers('/var/lib/apt/lists/*', '/var/lib/apt/lists')).toBe(true);
    expect(covers('/var/lib/apt/lists/partial', '/var/lib/apt/lists')).toBe(false);
    expect(covers('/var/lib/ap', '/var/lib/apt/lists')).toBe(false);
  });

  it('parses --mount flags', () => {
    const m = parseDockerfile('FROM debian\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=dst=/src,source=. true\n');
    expect(mountsOf(runs(m)[0])).toEqual([{ type: 'cache', target: '/var/lib/apt' }, { type: 'bind', target: '/src' }]);
  });
});

describe('opaqueScript', () => {
  const scripts = (body: string) => {
    const m = parseDockerfile(`FROM debian\nRUN ${body}\n`);
    return runs(m)[0].shell!.commands.map((c) => opaqueScript(m, c)).filter((x) => x !== null);
  };
  it('flags code the model cannot see', () => {
    expect(scripts('./configure --prefix=/usr')).toEqual(['./configure --prefix=/usr']);
    expect(scripts('/tmp/setup.sh')).toHaveLength(1);
    expect(scripts('sh build.sh')).toHaveLength(1);
    expect(scripts('. ./env && make')).toHaveLength(1);
    expect(scripts('curl -fsSL https://example.com/i | bash -')).toHaveLength(1);
    expect(scripts('bash -c "$CMD"')).toHaveLength(1);
  });
  it('leaves plain commands and parsed sh -c strings alone', () => {
    expect(scripts('make install && /usr/bin/env true && npm ci')).toEqual([]);
    expect(scripts("sh -c 'apt-get update'")).toEqual([]);
  });
});

describe('appendCommand', () => {
  const append = (text: string) => {
    const m = parseDockerfile(text);
    const e = appendCommand(m, runs(m)[0], 'rm -rf /x/*');
    if (typeof e === 'string') return e;
    return m.text.slice(0, e.start) + (e as { text: string }).text + m.text.slice(e.end);
  };
  it('goes before a trailing `;` and a trailing comment', () => {
    expect(append('FROM d\nRUN a; b;\n')).toBe('FROM d\nRUN a; b && rm -rf /x/*;\n');
    expect(append('FROM d\nRUN a && b # note\n')).toBe('FROM d\nRUN a && b && rm -rf /x/* # note\n');
  });
  it('continues the RUN in its own style', () => {
    expect(append('FROM d\nRUN a \\\n  && b\n')).toBe('FROM d\nRUN a \\\n  && b \\\n  && rm -rf /x/*\n');
    expect(append('FROM d\nRUN a && \\\n\tb\n')).toBe('FROM d\nRUN a && \\\n\tb && \\\n\trm -rf /x/*\n');
  });
  it('refuses bodies where an appended command would not run', () => {
    expect(append('FROM d\nRUN a && exit 0\n')).toMatch(/ends with `exit`/);
    expect(append('FROM d\nRUN a &\n')).toMatch(/background/);
  });
  it('takes the file style when the RUN has no && line', () => {
    const m = parseDockerfile('FROM d\nRUN a \\\n  b\nRUN c \\\n      && d\n');
    expect(runStyle(m, runs(m)[0])).toEqual({ andPosition: 'leading', indent: '      ' });
  });
});

describe('planCacheCleanups (apt lists)', () => {
  const plan = (text: string) => {
    const m = parseDockerfile(text);
    return planCacheCleanups(m, APT_LISTS_CACHE).map((c) => ({ line: c.ins.line, from: c.filledBy.line, fix: c.edit !== null, skip: c.skip }));
  };
  it('closes each epoch at its last user, and starts a new one at each update', () => {
    expect(plan([
      'FROM debian',
      'RUN apt-get update && apt-get install -y a',
      'RUN apt-get install -y b',
      'RUN apt-get update && apt-get install -y c',
      'RUN apt-cache policy c',
      'RUN echo done',
      '',
    ].join('\n'))).toEqual([
      { line: 3, from: 2, fix: true, skip: null },
      { line: 5, from: 4, fix: true, skip: null },
    ]);
  });
  it('looks through stages built FROM a stage, transitively', () => {
    const r = plan([
      'FROM debian AS base',
      'RUN apt-get update',
      'FROM base AS mid',
      'RUN echo mid',
      'FROM mid AS build',
      'RUN apt-get install -y gcc',
      'FROM base',
      'RUN echo final',
      '',
    ].join('\n'));
    expect(r).toHaveLength(1);
    expect(r[0].skip).toMatch(/stage on line 3 is built FROM this one/);
  });
  it('a script run after the last user blocks the cleanup; a later install moves it past the script', () => {
    expect(plan('FROM d\nRUN apt-get update && apt-get install -y a\nRUN ./setup.sh\n')[0].skip).toMatch(/runs `\.\/setup\.sh`/);
    expect(plan('FROM d\nRUN apt-get update && apt-get install -y a\nRUN ./setup.sh\nRUN apt-get install -y b\n'))
      .toEqual([{ line: 4, from: 2, fix: true, skip: null }]);
  });
});

describe('apt transforms together', () => {
  const all = [chainRuns, aptNoInstallRecommends, aptCleanLists];
  it('converge to one clean result with chain-runs', () => {
    const input = 'FROM ubuntu:22.04\nRUN apt-get update\nRUN apt-get install -y curl\n';
    expect(transformText(input, { transforms: all, options: { unsafeFixes: true } }).output).toBe(
      'FROM ubuntu:22.04\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl ca-certificates && \\\n    rm -rf /var/lib/apt/lists/*\n',
    );
    // Run before chain-runs, the cleanup lands first and is then chained: same commands, other line breaks.
    const reversed = transformText(input, { transforms: [...all].reverse(), options: { unsafeFixes: true } }).output;
    expect(reversed.replace(/ \\\n\s*/g, ' ')).toBe(
      'FROM ubuntu:22.04\nRUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && rm -rf /var/lib/apt/lists/*\n',
    );
  });
  it('never adds a second --no-install-recommends or ca-certificates', () => {
    const input = 'FROM debian\nRUN apt-get update && apt-get install -y curl && apt-get install -y wget\nRUN apt-get install -y git\n';
    const out = transformText(input, { transforms: [aptNoInstallRecommends], options: { unsafeFixes: true } }).output;
    expect(out.match(/ca-certificates/g)).toHaveLength(1);
    expect(out.match(/--no-install-recommends/g)).toHaveLength(3);
  });
});

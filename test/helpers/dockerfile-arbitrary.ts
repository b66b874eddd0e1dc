/**
 * fast-check arbitraries generating Dockerfiles from a grammar of the constructs transforms touch: RUN chains
 * with shell operators and compound commands, state changers, continuation layouts (indentation, leading or
 * trailing `&&`, comment and blank lines inside continuations, shell comments), heredocs, RUN flags, exec
 * form, package-manager commands (apt-get/apt/apk/pip/dnf/yum/microdnf/zypper/npm/yarn/…) with wrappers and
 * options, COPY/ADD/WORKDIR orders, multi-stage builds, ARG before FROM, SHELL, Windows stages, keyword case,
 * CRLF, `# escape=`` `, BOM and a missing final newline.
 *
 * Everything is generated as a small syntax tree and rendered at the end, so fast-check shrinks failures to
 * small files. Every file starts (after directives, comments and ARGs) with FROM.
 */
import fc from 'fast-check';
import type { TransformOptions } from '../../src/transform-types.js';

export interface DockerfileCase {
  text: string;
  /** Build-context files (context-relative path → text), for memoryContext. */
  context: Record<string, string>;
  options: TransformOptions;
}

// ---------------------------------------------------------------------------------------------------------
// Layout pieces

/** Lines Docker drops inside a continuation. */
type Extra = 'comment' | 'comment0' | 'empty' | 'blank' | 'escapeOnly' | 'commentEsc';

/** Where a line may break: same line, or a continuation (with optional dropped lines before the next one). */
interface Gap {
  brk: boolean;
  /** Put the operator on the other side than the file's usual style. */
  flip: boolean;
  extras: Extra[];
  /** Blanks between the escape character and the line break. */
  tws: boolean;
  /** A shell comment before the escape (`a # note \`): it swallows the rest of the joined line. */
  cmt: boolean;
  /** Extra indentation on the continued line. */
  deeper: boolean;
  /** No blank before the escape (`curl\`): with an unindented next line, Docker joins the two words. */
  tight: boolean;
}

const NO_GAP: Gap = { brk: false, flip: false, extras: [], tws: false, cmt: false, deeper: false, tight: false };
const LIST_GAP: Gap = { ...NO_GAP, brk: true, deeper: true };

/** True once in n + 1 cases; shrinks to false. */
const rare = (n: number) => fc.integer({ min: 0, max: n }).map((x) => x === n);
/** False once in n + 1 cases; shrinks to true. */
const usually = (n: number) => fc.integer({ min: 0, max: n }).map((x) => x !== n);

const extraArb: fc.Arbitrary<Extra> = fc.constantFrom('comment', 'comment', 'comment0', 'empty', 'blank', 'escapeOnly', 'commentEsc');

const gapArb = (breakWeight: number): fc.Arbitrary<Gap> =>
  fc.oneof(
    { weight: 100 - breakWeight, arbitrary: fc.constant(NO_GAP) },
    {
      weight: breakWeight,
      arbitrary: fc.record({
        brk: fc.constant(true),
        flip: rare(9),
        extras: fc.oneof(
          { weight: 6, arbitrary: fc.constant([] as Extra[]) },
          { weight: 2, arbitrary: fc.array(extraArb, { minLength: 1, maxLength: 2 }) },
        ),
        tws: rare(14),
        cmt: rare(30),
        deeper: rare(5),
        tight: rare(20),
      }),
    },
  );

const gapsArb = (n: number, breakWeight: number) => fc.array(gapArb(breakWeight), { minLength: n, maxLength: n });

interface Style {
  esc: '\\' | '`';
  eol: '\n' | '\r\n';
  indent: string;
  /** Continued lines start with the operator (`&& b`) rather than ending with it (`a &&`). */
  lead: boolean;
}

const NOTES = ['install deps', 'clean up', 'TODO: pin versions', 'see https://example.com/#faq', 'a && b; c | d', "it's fine", 'hadolint ignore=DL3008', 'dépendances ✓ 🚀 日本語'];

function extrasText(g: Gap, s: Style, note: number): string {
  return g.extras
    .map((e, i) => {
      const text = NOTES[(note + i) % NOTES.length];
      switch (e) {
        case 'comment':
          return `${s.indent}# ${text}${s.eol}`;
        case 'comment0':
          return `#${text}${s.eol}`;
        case 'empty':
          return s.eol;
        case 'blank':
          return `  ${s.eol}`;
        case 'escapeOnly':
          // A continued line holding only the escape character.
          return `${s.indent}${s.esc}${s.eol}`;
        case 'commentEsc':
          return `${s.indent}# ${text} ${s.esc}${s.eol}`;
      }
    })
    .join('');
}

/** A line break inside an instruction: ` \` + EOL + dropped lines + indentation. */
function cont(g: Gap, s: Style, note = 0): string {
  return `${g.tight ? '' : ' '}${s.esc}${g.tws ? '  ' : ''}${s.eol}${extrasText(g, s, note)}${s.indent}${g.deeper ? s.indent || ' ' : ''}`;
}

/** Join with an operator at a gap. */
function joinOp(op: string, g: Gap, s: Style, note: number, top: boolean): string {
  if (!g.brk) return op === '' ? ' ' : ` ${op} `;
  if (op === '') return cont(g, s, note);
  const lead = g.flip ? !s.lead : s.lead;
  // Only at the top level: inside `( … )` the comment would swallow the closing parenthesis.
  if (lead) return `${g.cmt && top ? ' # note' : ''}${cont(g, s, note)}${op} `;
  return ` ${op}${cont(g, s, note)}`;
}

/** Join words of a command at a gap. */
const joinWord = (g: Gap, s: Style, note: number) => (g.brk ? cont(g, s, note) : ' ');

// ---------------------------------------------------------------------------------------------------------
// Shell syntax

type Op = '&&' | '||' | ';' | '|' | '&';

type Sh =
  | { k: 'cmd'; words: string[]; gaps: Gap[]; listFrom?: number }
  | { k: 'seq'; items: Array<{ op: Op; gap: Gap; node: Sh }> }
  | { k: 'sub'; body: Sh; tight: boolean }
  | { k: 'group'; body: Sh }
  | { k: 'if'; cond: Sh; then: Sh; els: Sh | null; gaps: Gap[] }
  | { k: 'for'; v: string; list: string[]; body: Sh; gaps: Gap[] }
  | { k: 'shc'; shell: string[]; quote: "'" | '"'; body: Sh }
  | { k: 'not'; body: Sh };

function renderSh(n: Sh, s: Style, top = false): string {
  switch (n.k) {
    case 'cmd': {
      // listFrom: one word per line from that word on (`install -y \` / `    curl \` / `    git`).
      const gap = (i: number) => (n.listFrom !== undefined ? (i >= n.listFrom ? LIST_GAP : NO_GAP) : n.gaps[(i - 1) % n.gaps.length] ?? NO_GAP);
      return n.words.map((w, i) => (i === 0 ? w : joinWord(gap(i), s, i) + w)).join('');
    }
    case 'seq':
      // `a | ! b` is not POSIX: `!` only starts a pipeline.
      return n.items
        .map((it, i) => (i === 0 ? '' : joinOp(it.op === '|' && it.node.k === 'not' ? '&&' : it.op, it.gap, s, i, top)) + renderSh(it.node, s))
        .join('');
    case 'sub':
      return n.tight ? `(${renderSh(n.body, s)})` : `( ${renderSh(n.body, s)} )`;
    case 'group':
      return `{ ${renderSh(n.body, s)}; }`;
    case 'if': {
      const g = (i: number) => joinWord(n.gaps[i] ?? NO_GAP, s, i);
      const els = n.els ? `;${g(2)}else${g(3)}${renderSh(n.els, s)}` : '';
      return `if ${renderSh(n.cond, s)}; then${g(0)}${renderSh(n.then, s)}${els};${g(1)}fi`;
    }
    case 'for': {
      const g = (i: number) => joinWord(n.gaps[i] ?? NO_GAP, s, i);
      return `for ${n.v} in ${n.list.join(' ')}; do${g(0)}${renderSh(n.body, s)};${g(1)}done`;
    }
    case 'shc': {
      const inner = renderSh(n.body, s);
      return `${n.shell.join(' ')} ${n.quote}${inner}${n.quote}`;
    }
    case 'not':
      return `! ${renderSh(n.body, s)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Commands

type Words = string[];

/** Pick one of several word lists. */
const pick = (...xs: Words[]) => fc.constantFrom(...xs);
/** Concatenate word-list arbitraries. */
const words = (...parts: Array<fc.Arbitrary<Words>>) => fc.tuple(...parts).map((xs) => xs.flat());
const maybe = (a: fc.Arbitrary<Words>, weight = 1) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant([] as Words) }, { weight, arbitrary: a });
const someOf = (xs: Words[], max = 3) => fc.subarray(xs, { maxLength: max }).map((x) => x.flat());
const oneOrMore = (xs: string[], max = 4) => fc.subarray(xs, { minLength: 1, maxLength: max });

const APT_PKGS = ['curl', 'ca-certificates', 'git', 'wget', 'build-essential', 'gnupg', 'python3', 'python3-pip', 'libpq-dev', 'unzip', 'jq', '"nginx=1.22.*"', 'openssh-client', '${EXTRA_PKGS}', '$PKGS', 'locales', 'tzdata', "'libssl-dev'"];
const APK_PKGS = ['curl', 'bash', 'git', 'ca-certificates', 'build-base', 'python3', 'py3-pip', 'tzdata', 'openssl', '$PKGS', 'su-exec', 'libffi-dev'];
const RPM_PKGS = ['gcc', 'make', 'git', 'curl', 'python3', 'tar', 'gzip', 'shadow-utils', 'procps-ng', '$PKGS', '"openssl-devel"'];
const PY_PKGS = ['flask', '"django>=4"', 'gunicorn==21.2.0', 'pip', 'setuptools', 'wheel', 'requests', '-r requirements.txt', '-r requirements/prod.txt', '--requirement requirements.txt', '.', '-e .', '"$PKG"'];

const sudoPrefix = pick([], [], [], ['sudo'], ['sudo', '-E'], ['env', 'DEBIAN_FRONTEND=noninteractive'], ['DEBIAN_FRONTEND=noninteractive'], ['sudo', 'DEBIAN_FRONTEND=noninteractive'], ['DEBIAN_FRONTEND=noninteractive', 'sudo', '-E'], ['nice', '-n', '10'], ['timeout', '600'], ['command'], ['eatmydata'], ['xargs', '-r']);

const aptCmd: fc.Arbitrary<Words> = fc
  .record({
    prefix: sudoPrefix,
    tool: fc.constantFrom('apt-get', 'apt-get', 'apt-get', 'apt', '/usr/bin/apt-get'),
    verb: fc.constantFrom('install', 'install', 'install', 'install', 'update', 'update', 'upgrade', 'dist-upgrade', 'clean', 'autoremove', 'purge', 'remove', '--reinstall install'),
    opts: someOf([['-y'], ['-y'], ['-yq'], ['-qq'], ['-q'], ['--yes'], ['--assume-yes'], ['--no-install-recommends'], ['--no-install-suggests'], ['-o', 'Dpkg::Options::="--force-confold"'], ['--fix-missing'], ['-qqy'], ['--no-install-recommends=false'], ['-o', 'APT::Install-Recommends=false'], ['-o', 'APT::Install-Recommends=1'], ['--install-recommends']], 3),
    before: fc.boolean(),
    pkgs: oneOrMore(APT_PKGS),
    tail: maybe(pick(['>', '/dev/null'], ['2>&1'], ['>/dev/null', '2>&1'], ['$(cat', 'packages.txt)'])),
  })
  .map(({ prefix, tool, verb, opts, before, pkgs, tail }) => {
    const v = verb.split(' ');
    const takesPkgs = ['install', 'purge', 'remove'].includes(v[v.length - 1]);
    const body = before ? [...opts, ...v] : [...v, ...opts];
    return [...prefix, tool, ...body, ...(takesPkgs ? pkgs : []), ...tail];
  });

const aptCleanCmd = pick(
  ['rm', '-rf', '/var/lib/apt/lists/*'],
  ['rm', '-rf', '/var/lib/apt/lists/*'],
  ['rm', '-rf', '/var/lib/apt/lists/*', '/tmp/*', '/var/tmp/*'],
  ['rm', '-r', '/var/lib/apt/lists'],
  ['rm', '-rf', '/var/lib/apt/lists'],
  ['rm', '-rf', '/var/cache/apt/archives/*.deb'],
  ['apt-get', 'clean'],
  ['sudo', 'rm', '-rf', '/var/lib/apt/lists/*'],
  ['rm', '-fr', '"/var/lib/apt/lists/"*'],
);

const apkCmd: fc.Arbitrary<Words> = fc
  .record({
    prefix: pick([], [], ['sudo']),
    verb: fc.constantFrom('add', 'add', 'add', 'add', 'update', 'upgrade', 'del', 'fix'),
    opts: someOf([['--no-cache'], ['--no-cache'], ['--update'], ['--update-cache'], ['-U'], ['--virtual', '.build-deps'], ['-t', '.deps'], ['--quiet'], ['-q'], ['--repository', 'http://dl-cdn.alpinelinux.org/alpine/edge/testing']], 2),
    before: fc.boolean(),
    pkgs: oneOrMore(APK_PKGS),
  })
  .map(({ prefix, verb, opts, before, pkgs }) => {
    const takes = ['add', 'del'].includes(verb);
    return [...prefix, 'apk', ...(before ? [...opts, verb] : [verb, ...opts]), ...(takes ? pkgs : [])];
  });

const apkCleanCmd = pick(['rm', '-rf', '/var/cache/apk/*'], ['apk', 'cache', 'clean'], ['apk', 'del', '.build-deps']);

const pipCmd: fc.Arbitrary<Words> = fc
  .record({
    prefix: pick([], [], [], ['sudo'], ['PIP_NO_CACHE_DIR=1'], ['PIP_NO_CACHE_DIR=off'], ['env', 'PIP_ROOT_USER_ACTION=ignore'], ['sudo', '-H']),
    tool: pick(['pip'], ['pip'], ['pip3'], ['python', '-m', 'pip'], ['python3', '-m', 'pip'], ['/venv/bin/pip'], ['pip3.12'], ['"$VENV/bin/pip"'], ['uv', 'pip']),
    verb: fc.constantFrom('install', 'install', 'install', 'install', 'uninstall -y', 'download', 'wheel', 'freeze', 'cache purge'),
    opts: someOf([['--no-cache-dir'], ['--no-cache-dir'], ['--upgrade'], ['-U'], ['--user'], ['--quiet'], ['--prefix=/install'], ['--break-system-packages'], ['--no-deps'], ['--index-url', 'https://pypi.org/simple'], ['--no-cache-dir=false'], ['-q']], 2),
    before: rare(4),
    pkgs: oneOrMore(PY_PKGS, 3),
  })
  .map(({ prefix, tool, verb, opts, before, pkgs }) => {
    const v = verb.split(' ');
    const takes = ['install', 'uninstall', 'download', 'wheel'].includes(v[0]);
    return [...prefix, ...tool, ...(before ? [...opts, ...v] : [...v, ...opts]), ...(takes ? pkgs.flatMap((p) => p.split(' ')) : [])];
  });

const rpmCmd: fc.Arbitrary<Words> = fc
  .record({
    prefix: pick([], [], ['sudo']),
    tool: fc.constantFrom('dnf', 'dnf', 'yum', 'yum', 'microdnf', 'tdnf'),
    verb: fc.constantFrom('install', 'install', 'install', 'update', 'upgrade', 'makecache', 'clean all', 'remove', 'groupinstall "Development Tools"', 'module enable nodejs:20'),
    opts: someOf([['-y'], ['-y'], ['-q'], ['--setopt=install_weak_deps=False'], ['--setopt=tsflags=nodocs'], ['--nodocs'], ['--refresh'], ['--assumeyes'], ['--enablerepo=crb']], 2),
    before: fc.boolean(),
    pkgs: oneOrMore(RPM_PKGS),
  })
  .map(({ prefix, tool, verb, opts, before, pkgs }) => {
    const v = verb.split(' ');
    const takes = ['install', 'remove'].includes(v[0]);
    return [...prefix, tool, ...(before ? [...opts, ...v] : [...v, ...opts]), ...(takes ? pkgs : [])];
  });

const rpmCleanCmd = pick(['dnf', 'clean', 'all'], ['yum', 'clean', 'all'], ['microdnf', 'clean', 'all'], ['rm', '-rf', '/var/cache/dnf'], ['rm', '-rf', '/var/cache/yum', '/var/cache/dnf'], ['yum', 'clean', 'packages']);

const zypperCmd: fc.Arbitrary<Words> = fc
  .record({
    pre: someOf([['-n'], ['--non-interactive'], ['--gpg-auto-import-keys'], ['-q']], 2),
    verb: fc.constantFrom('install', 'in', 'install', 'refresh', 'ref', 'update', 'clean', 'remove'),
    post: someOf([['-y'], ['--no-recommends'], ['-l'], ['--auto-agree-with-licenses'], ['--all']], 2),
    pkgs: oneOrMore(['curl', 'git', 'gcc', 'make', 'python3', '$PKGS']),
  })
  .map(({ pre, verb, post, pkgs }) => ['zypper', ...pre, verb, ...post, ...(['install', 'in', 'remove'].includes(verb) ? pkgs : [])]);

const nodeCmd = pick(
  ['npm', 'ci'], ['npm', 'ci'], ['npm', 'install'], ['npm', 'i'], ['npm', 'ci', '--omit=dev'], ['npm', 'install', '--production'],
  ['yarn', 'install', '--frozen-lockfile'], ['yarn'], ['pnpm', 'install', '--frozen-lockfile'], ['npm', 'run', 'build'],
  ['npm', 'cache', 'clean', '--force'], ['npm', 'install', '-g', 'npm@10'], ['corepack', 'enable'], ['npm', 'ci', '--ignore-scripts'],
);

const otherLangCmd = pick(
  ['go', 'mod', 'download'], ['go', 'build', '-o', '/out/app', '.'], ['CGO_ENABLED=0', 'go', 'build', './...'], ['bundle', 'install'],
  ['bundle', 'config', 'set', 'without', "'development test'"], ['mvn', '-B', 'package', '-DskipTests'], ['./gradlew', 'build'],
  ['cargo', 'build', '--release'], ['composer', 'install', '--no-dev'], ['poetry', 'install', '--no-root'], ['pipenv', 'install', '--deploy', '--system'],
  ['make'], ['make', '-j$(nproc)', 'install'], ['python', 'setup.py', 'install'],
);

const miscCmd = pick(
  ['echo', '"hello world"', '>', '/etc/motd'], ['mkdir', '-p', '/app/data'], ['chmod', '+x', '/entrypoint.sh'],
  ['curl', '-fsSL', 'https://example.com/install.sh', '-o', '/tmp/install.sh'], ['useradd', '-m', '-u', '1000', 'app'],
  ['adduser', '-D', 'app'], ['groupadd', '-r', 'app'], ['chown', '-R', 'app:app', '/app'], ['ln', '-s', '/usr/bin/python3', '/usr/bin/python'],
  ['true'], ['test', '-f', '/etc/os-release'], ['[', '-d', '/app', ']'], ['cp', '/tmp/a', '/tmp/b'], ['tar', '-xzf', '/tmp/x.tgz', '-C', '/opt'],
  ['wget', '-q', '"https://example.com/x?a=1&b=2"'], ['sed', '-i', "'s/a/b/'", '/etc/conf'], ['printf', "'%s\\n'", 'a', 'b'],
  ['cat', '/etc/os-release'], ['echo', '"deb http://deb.debian.org/debian bookworm main"', '>>', '/etc/apt/sources.list'],
  ['ls', '-la', '"$HOME"'], ['touch', '${APP_DIR}/ready'], ['gpg', '--dearmor', '-o', '/usr/share/keyrings/x.gpg'],
  ['locale-gen', 'en_US.UTF-8'], ['update-ca-certificates'], ['ldconfig'], ['echo', '$(date)', '>', '/build-date'],
  ['id', '-u'], ['sleep', '1'], ['rm', '-rf', '/tmp/*'], ['find', '/app', '-name', "'*.pyc'", '-delete'],
  ['echo', '\'APT::Install-Recommends "false";\'', '>', '/etc/apt/apt.conf.d/99norecommends'], ['git', 'clone', 'git@github.com:example/repo.git'],
  ['pip', 'config', 'set', 'global.no-cache-dir', 'false'], ['echo', '"héllo ✓ 🚀"', '>', '/etc/motd'], ['echo', "'日本語 𝄞'"], ['npm', 'config', 'set', 'cache', '/tmp/npm'], ['apt-cache', 'policy', 'curl'],
);

const stateCmd = pick(
  ['cd', '/app'], ['cd', 'src'], ['cd', '..'], ['cd', '"$HOME"'], ['export', 'PATH=/opt/bin:$PATH'], ['export', 'DEBIAN_FRONTEND=noninteractive'],
  ['FOO=bar'], ['PKGS="curl git"'], ['set', '-e'], ['set', '-eux'], ['set', '-o', 'pipefail'], ['exit', '0'], ['exit', '1'],
  ['umask', '022'], ['.', '/etc/profile'], ['source', '/venv/bin/activate'], ['unset', 'FOO'], ['exec', '/bin/true'],
  ['trap', "'rm -f /tmp/x'", 'EXIT'], ['alias', 'll="ls -l"'], ['readonly', 'X=1'], ['pushd', '/tmp'],
);

const condCmd = pick(
  ['[', '-f', '/etc/debian_version', ']'], ['command', '-v', 'apt-get', '>/dev/null'], ['test', '-n', '"$X"'], ['grep', '-q', 'alpine', '/etc/os-release'],
  ['[', '"$TARGETARCH"', '=', '"amd64"', ']'], ['which', 'pip'],
);

/** Commands safe inside `sh -c '…'`/`"…"` strings: no quotes, `$`, backslashes. */
const quotableCmd = pick(
  ['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl'], ['apt-get', 'install', '-y', '--no-install-recommends', 'git'], ['rm', '-rf', '/var/lib/apt/lists/*'],
  ['apk', 'add', 'curl'], ['pip', 'install', 'flask'], ['pip', 'install', '-r', 'requirements.txt'], ['dnf', 'install', '-y', 'gcc'], ['yum', 'install', '-y', 'git'],
  ['dnf', 'clean', 'all'], ['npm', 'ci'], ['cd', '/tmp'], ['echo', 'ok'], ['zypper', '-n', 'install', 'curl'], ['apk', 'add', '--no-cache', 'git'], ['true'],
);

const pwshCmd = pick(
  ['Invoke-WebRequest', '-Uri', 'https://example.com/x.zip', '-OutFile', 'x.zip'], ['Expand-Archive', 'x.zip', '-DestinationPath', 'C:\\x'],
  ['Remove-Item', 'x.zip', '-Force'], ['Write-Output', "'🚀 ünïcode'"], ['choco', 'install', '-y', 'git'], ['New-Item', '-ItemType', 'Directory', '-Path', 'C:\\app'],
  ['apt-get', 'install', '-y', 'curl'], ['pip', 'install', 'flask'], ['Write-Host', "'done'"], ['setx', '/M', 'PATH', '"%PATH%;C:\\x"'],
);

export type Family = 'deb' | 'alpine' | 'rpm' | 'suse' | 'generic';

function packageCmd(f: Family): fc.Arbitrary<Words> {
  const w = (family: Family, own: number, other = 1) => (f === family || f === 'generic' ? own : other);
  return fc.oneof(
    { weight: w('deb', 12), arbitrary: aptCmd },
    { weight: w('deb', 5), arbitrary: aptCleanCmd },
    { weight: w('alpine', 10), arbitrary: apkCmd },
    { weight: w('alpine', 2), arbitrary: apkCleanCmd },
    { weight: w('rpm', 10), arbitrary: rpmCmd },
    { weight: w('rpm', 3), arbitrary: rpmCleanCmd },
    { weight: w('suse', 8), arbitrary: zypperCmd },
    { weight: 6, arbitrary: pipCmd },
    { weight: 4, arbitrary: nodeCmd },
    { weight: 2, arbitrary: otherLangCmd },
  );
}

const cmdNode = (wordsArb: fc.Arbitrary<Words>, breakWeight = 4): fc.Arbitrary<Sh> =>
  fc.record({ k: fc.constant('cmd' as const), words: wordsArb, gaps: gapsArb(3, breakWeight) });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 30, arbitrary: fc.constant('&&' as const) },
  { weight: 6, arbitrary: fc.constant(';' as const) },
  { weight: 3, arbitrary: fc.constant('||' as const) },
  { weight: 3, arbitrary: fc.constant('|' as const) },
  { weight: 1, arbitrary: fc.constant('&' as const) },
);

const seqOf = (node: fc.Arbitrary<Sh>, min: number, max: number, op: fc.Arbitrary<Op>, breakWeight: number): fc.Arbitrary<Sh> =>
  fc
    .array(fc.record({ op, gap: gapArb(breakWeight), node }), { minLength: min, maxLength: max })
    .map((items) => (items.length === 1 ? items[0].node : { k: 'seq' as const, items }));

/** A shell body (list of statements) for a stage of the given family. */
function shellArb(f: Family): fc.Arbitrary<Sh> {
  const simple = fc.oneof(
    { weight: 14, arbitrary: cmdNode(packageCmd(f), 5) },
    { weight: 4, arbitrary: cmdNode(miscCmd) },
    { weight: 3, arbitrary: cmdNode(stateCmd) },
  );
  const shc: fc.Arbitrary<Sh> = fc.record({
    k: fc.constant('shc' as const),
    shell: pick(['sh', '-c'], ['bash', '-c'], ['/bin/sh', '-c'], ['sudo', 'sh', '-c'], ['bash', '-ec'], ['su', '-c']),
    quote: fc.constantFrom("'" as const, '"' as const),
    body: seqOf(cmdNode(quotableCmd, 0), 1, 3, fc.constantFrom('&&' as const, ';' as const, '||' as const), 2),
  });
  const { node } = fc.letrec<{ node: Sh; compound: Sh; inner: Sh }>((tie) => ({
    node: fc.oneof({ maxDepth: 2, depthIdentifier: 'sh' }, { weight: 12, arbitrary: simple }, { weight: 3, arbitrary: tie('compound') }, { weight: 2, arbitrary: shc }),
    inner: seqOf(tie('node'), 1, 3, opArb, 6),
    compound: fc.oneof(
      { depthIdentifier: 'sh' },
      fc.record({ k: fc.constant('sub' as const), body: tie('inner'), tight: fc.boolean() }),
      fc.record({ k: fc.constant('group' as const), body: tie('inner') }),
      fc.record({ k: fc.constant('if' as const), cond: cmdNode(condCmd, 0), then: tie('inner'), els: fc.option(tie('inner'), { freq: 3 }), gaps: gapsArb(4, 20) }),
      fc.record({ k: fc.constant('for' as const), v: fc.constant('p'), list: pick(['curl', 'git'], ['$PKGS'], ['a', 'b', 'c']), body: cmdNode(packageCmd(f)), gaps: gapsArb(2, 20) }),
      fc.record({ k: fc.constant('not' as const), body: cmdNode(condCmd, 0) }),
    ),
  }));
  return fc.oneof({ weight: 6, arbitrary: seqOf(node, 1, 7, opArb, 35) }, { weight: 4, arbitrary: idiomArb(f) });
}

/** The usual install-then-clean-up RUN of each package manager, in the usual layouts. */
function idiomArb(f: Family): fc.Arbitrary<Sh> {
  const steps: fc.Arbitrary<Words[]> = {
    deb: fc.tuple(
      maybe(pick(['export', 'DEBIAN_FRONTEND=noninteractive'], ['set', '-eux'], ['set', '-e'])).map((w) => (w.length ? [w] : [])),
      pick(['apt-get', 'update'], ['apt-get', 'update'], ['apt-get', 'update', '-qq'], ['apt-get', '-y', 'update'], ['apt', 'update'], ['sudo', 'apt-get', 'update']).map((w) => [w]),
      fc.record({
        pre: pick(['apt-get', 'install'], ['apt-get', 'install'], ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install'], ['apt', 'install'], ['sudo', 'apt-get', 'install'], ['apt-get', '-qq', 'install']),
        opts: someOf([['-y'], ['-y'], ['-y'], ['--no-install-recommends'], ['-qq'], ['--no-install-suggests']], 2),
        pkgs: oneOrMore(APT_PKGS, 5),
      }).map(({ pre, opts, pkgs }) => [[...pre, ...opts, ...pkgs]]),
      maybe(miscCmd).map((w) => (w.length ? [w] : [])),
      maybe(pick(['apt-get', 'clean'], ['apt-get', 'autoremove', '-y'])).map((w) => (w.length ? [w] : [])),
      maybe(aptCleanCmd, 3).map((w) => (w.length ? [w] : [])),
    ).map((xs) => xs.flat()),
    alpine: fc.tuple(
      maybe(pick(['apk', 'update'], ['apk', 'upgrade'])).map((w) => (w.length ? [w] : [])),
      fc.record({
        opts: someOf([['--no-cache'], ['--no-cache'], ['--update'], ['--virtual', '.build-deps'], ['-U']], 2),
        pkgs: oneOrMore(APK_PKGS, 5),
      }).map(({ opts, pkgs }) => [['apk', 'add', ...opts, ...pkgs]]),
      maybe(miscCmd).map((w) => (w.length ? [w] : [])),
      maybe(apkCleanCmd).map((w) => (w.length ? [w] : [])),
    ).map((xs) => xs.flat()),
    rpm: fc.tuple(
      fc.record({
        tool: fc.constantFrom('dnf', 'yum', 'microdnf'),
        opts: someOf([['-y'], ['-y'], ['--setopt=install_weak_deps=False'], ['--nodocs']], 2),
        pkgs: oneOrMore(RPM_PKGS, 5),
      }).map(({ tool, opts, pkgs }) => [[tool, 'install', ...opts, ...pkgs]]),
      maybe(miscCmd).map((w) => (w.length ? [w] : [])),
      maybe(rpmCleanCmd, 3).map((w) => (w.length ? [w] : [])),
    ).map((xs) => xs.flat()),
    suse: fc.tuple(
      oneOrMore(['curl', 'git', 'gcc', 'python3'], 3).map((pkgs) => [['zypper', '-n', 'install', ...pkgs]]),
      maybe(pick(['zypper', 'clean', '-a'], ['zypper', 'clean', '--all'])).map((w) => (w.length ? [w] : [])),
    ).map((xs) => xs.flat()),
    generic: fc.tuple(
      pick(['pip', 'install', '--upgrade', 'pip'], ['python', '-m', 'pip', 'install', '-U', 'pip'], ['pip', 'install', '--no-cache-dir', '--upgrade', 'pip']).map((w) => [w]),
      pick(['pip', 'install', '-r', 'requirements.txt'], ['pip', 'install', '--no-cache-dir', '-r', 'requirements.txt'], ['pip3', 'install', 'flask', 'gunicorn']).map((w) => [w]),
    ).map((xs) => xs.flat()),
  }[f];
  return fc
    .record({
      steps: f === 'generic' ? fc.oneof(steps, idiomArbSteps('deb'), idiomArbSteps('alpine')) : steps,
      multiline: fc.integer({ min: 0, max: 9 }).map((n) => n >= 4),
      list: fc.integer({ min: 0, max: 9 }).map((n) => n >= 7),
      semi: rare(9),
      gap: gapArb(100),
    })
    .map(({ steps: ws, multiline, list, semi, gap }) => {
      const items = ws.map((w) => {
        const node: Sh = { k: 'cmd', words: w, gaps: [NO_GAP] };
        const verb = w.findIndex((x) => x === 'install' || x === 'add');
        const firstPkg = verb < 0 ? -1 : w.findIndex((x, i) => i > verb && !x.startsWith('-') && w[i - 1] !== '--virtual');
        if (list && firstPkg > 0) node.listFrom = firstPkg;
        return { op: (semi ? ';' : '&&') as Op, gap: multiline ? { ...gap, cmt: false } : NO_GAP, node };
      });
      return items.length === 1 ? items[0].node : { k: 'seq' as const, items };
    });
}

function idiomArbSteps(f: Family): fc.Arbitrary<Words[]> {
  return idiomArb(f).map((sh) => (sh.k === 'seq' ? sh.items.map((it) => (it.node as { words: Words }).words) : [(sh as { words: Words }).words]));
}

/** A PowerShell / cmd body (Windows stages, non-POSIX SHELL). */
const pwshBody: fc.Arbitrary<Sh> = seqOf(cmdNode(pwshCmd), 1, 4, fc.constantFrom(';' as const, '&&' as const), 30);

// ---------------------------------------------------------------------------------------------------------
// Instructions

type KwCase = 0 | 1 | 2; // file case, other case, Title case

interface Pre {
  /** Lines before the instruction. */
  lines: Array<'empty' | 'comment' | 'pragma' | 'indented' | 'blank' | 'escaped'>;
  kc: KwCase;
  /** Leading blanks before the keyword. */
  indentKw: boolean;
  /** Trailing blanks after the instruction. */
  trailing: boolean;
  /** A tab or two blanks between keyword and arguments. */
  sep: boolean;
}

type Ins =
  | { k: 'run'; pre: Pre; flags: string[]; flagGap: Gap; leadBreak: boolean; flagsFirst: boolean; body: Sh; end: '' | ';' | ' # note' | '; # done' }
  | { k: 'exec'; pre: Pre; flags: string[]; argv: string[] }
  | { k: 'heredoc'; pre: Pre; flags: string[]; head: string; lines: string[] }
  | { k: 'raw'; pre: Pre; kw: string; args: string }
  | { k: 'copyfrom'; pre: Pre; ref: number; src: string; dst: string }
  | { k: 'onbuild'; pre: Pre; args: string };

const PLAIN: Pre = { lines: [], kc: 0, indentKw: false, trailing: false, sep: false };

const preArb: fc.Arbitrary<Pre> = fc.record({
  lines: fc.oneof(
    { weight: 5, arbitrary: fc.constant([] as Pre['lines']) },
    { weight: 3, arbitrary: fc.array(fc.constantFrom('empty' as const, 'empty' as const, 'comment' as const, 'pragma' as const, 'indented' as const, 'blank' as const, 'escaped' as const), { minLength: 1, maxLength: 3 }) },
  ),
  kc: fc.oneof({ weight: 30, arbitrary: fc.constant(0 as KwCase) }, { weight: 1, arbitrary: fc.constantFrom(1 as KwCase, 2 as KwCase) }),
  indentKw: rare(40),
  trailing: rare(20),
  sep: rare(30),
});

const RUN_FLAGS = [
  '--mount=type=cache,target=/var/lib/apt', '--mount=type=cache,target=/var/cache/apt,sharing=locked', '--mount=type=cache,target=/var/lib/apt,sharing=locked',
  '--mount=type=cache,target=/root/.cache/pip', '--mount=type=cache,target=/root/.npm', '--mount=type=cache,target=/var/cache/apk',
  '--mount=type=cache,target=/var/cache/dnf', '--mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt',
  '--mount=type=secret,id=npmrc,target=/root/.npmrc', '--network=none', '--network=host', '--mount=type=tmpfs,target=/tmp',
  '--mount=type=cache,target=/var/lib/apt/lists', '--mount=type=cache,id=apt,target="/var/cache/apt"', '--mount=type=cache,target=/var/cache/zypp',
  '--mount=type=bind,from=build0,source=/out,target=/in', '--mount=type=ssh',
];

const runFlagsArb = fc.oneof({ weight: 8, arbitrary: fc.constant([] as string[]) }, { weight: 2, arbitrary: fc.subarray(RUN_FLAGS, { minLength: 1, maxLength: 2 }) });

const runArb = (f: Family, body: fc.Arbitrary<Sh>): fc.Arbitrary<Ins> =>
  fc.record({
    k: fc.constant('run' as const),
    pre: preArb,
    flags: f === 'generic' || f === 'deb' ? runFlagsArb : fc.constant([]),
    flagGap: gapArb(25),
    leadBreak: rare(8),
    flagsFirst: fc.boolean().map((b) => !b),
    body,
    end: fc.oneof({ weight: 20, arbitrary: fc.constant('' as const) }, { weight: 1, arbitrary: fc.constantFrom(';' as const, ' # note' as const, '; # done' as const) }),
  });

const execArb: fc.Arbitrary<Ins> = fc.record({
  k: fc.constant('exec' as const),
  pre: preArb,
  flags: runFlagsArb,
  argv: pick(
    ['apt-get', 'install', '-y', 'curl'], ['/bin/sh', '-c', 'apt-get update && apt-get install -y curl'], ['pip', 'install', 'flask'],
    ['apk', 'add', 'curl'], ['npm', 'ci'], ['bash', '-c', 'set -e; yum install -y git'], ['dnf', 'install', '-y', 'gcc'],
  ),
});

const HEREDOC_LINES = [
  'set -e', 'apt-get update', 'apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*', 'apk add curl', 'pip install -r requirements.txt',
  '# a comment in the heredoc', 'cd /app', 'npm ci', 'dnf install -y gcc', 'echo "a && b" > /x', '',
];

const heredocArb: fc.Arbitrary<Ins> = fc.record({
  k: fc.constant('heredoc' as const),
  pre: preArb,
  flags: runFlagsArb,
  head: fc.constantFrom('<<EOF', '<<EOF', "<<'EOF'", '<<-EOF', 'bash <<EOF', '<<EOT bash -ex', 'cat <<EOF > /etc/app.conf', 'python3 <<EOF'),
  lines: fc.array(fc.constantFrom(...HEREDOC_LINES), { minLength: 1, maxLength: 4 }),
});

const raw = (kw: string, ...args: string[]): fc.Arbitrary<Ins> =>
  fc.record({ k: fc.constant('raw' as const), pre: preArb, kw: fc.constant(kw), args: fc.constantFrom(...args) });

const copyFromArb: fc.Arbitrary<Ins> = fc.record({
  k: fc.constant('copyfrom' as const),
  pre: preArb,
  ref: fc.nat(5),
  src: fc.constantFrom('/app/dist', '/out/app', '/install', '/usr/src/app/node_modules'),
  dst: fc.constantFrom('./dist', '/usr/local/bin/app', '/usr/local', '.'),
});

const onbuildArb: fc.Arbitrary<Ins> = fc.record({
  k: fc.constant('onbuild' as const),
  pre: preArb,
  args: fc.constantFrom('RUN apt-get update && apt-get install -y curl', 'COPY . /app', 'RUN pip install -r requirements.txt', 'RUN apk add git', 'RUN apt-get install -y git', 'RUN dnf install -y git', 'RUN ["npm", "ci"]'),
});

const SHELLS = [
  '["/bin/bash", "-c"]', '["/bin/bash", "-o", "pipefail", "-c"]', '["/bin/sh", "-c"]', '["bash", "-euxo", "pipefail", "-c"]',
  '["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]', '["pwsh", "-Command"]', '["cmd", "/S", "/C"]', '["/usr/bin/env", "bash", "-c"]',
];

/** Instructions other than RUN that appear anywhere in a stage. */
const miscIns: fc.Arbitrary<Ins> = fc.oneof(
  raw('WORKDIR', '/app', '/usr/src/app', 'app', 'src', '..', '$APP_HOME', '/srv/${NAME}', '/'),
  raw('COPY', '. .', '. /app', './ /app/', 'requirements.txt .', 'requirements.txt ./', 'package.json package-lock.json ./', 'package*.json ./', '["package.json", "yarn.lock", "./"]', 'src/ ./src/', 'app.py .', '--chown=app:app . .', '--chmod=755 entrypoint.sh /entrypoint.sh', 'go.mod go.sum ./', 'Gemfile Gemfile.lock ./'),
  raw('ADD', '. /src', 'https://example.com/x.tgz /tmp/', 'app.tar.gz /opt/', '--chown=1000 . .'),
  raw('ENV', 'DEBIAN_FRONTEND=noninteractive', 'PIP_NO_CACHE_DIR=1', 'APP_HOME=/app', 'PATH=/opt/bin:$PATH', 'NODE_ENV production', 'A=1 B="two words"', 'PYTHONDONTWRITEBYTECODE=1'),
  raw('ARG', 'DEBIAN_FRONTEND=noninteractive', 'VERSION', 'PKGS="curl git"', 'TARGETARCH', 'NAME=app'),
  raw('USER', 'root', 'node', '1000', 'app', '1000:1000', '$USER', 'nonroot', 'ContainerAdministrator'),
  raw('EXPOSE', '8080', '80 443', '3000/tcp'),
  raw('LABEL', 'maintainer="dev@example.com"', 'org.opencontainers.image.source=https://example.com/repo'),
  raw('VOLUME', '/data', '["/var/lib/data"]'),
  raw('HEALTHCHECK', 'CMD curl -f http://localhost/ || exit 1', '--interval=30s CMD wget -qO- http://localhost:8080/health', 'NONE'),
  raw('STOPSIGNAL', 'SIGTERM'),
  raw('SHELL', ...SHELLS),
  copyFromArb,
  onbuildArb,
);

const tailIns: fc.Arbitrary<Ins[]> = fc.subarray(
  [
    { k: 'raw', pre: PLAIN, kw: 'EXPOSE', args: '8080' },
    { k: 'raw', pre: { ...PLAIN, lines: ['empty'] }, kw: 'USER', args: 'app' },
    { k: 'raw', pre: PLAIN, kw: 'ENTRYPOINT', args: '["/entrypoint.sh"]' },
    { k: 'raw', pre: PLAIN, kw: 'CMD', args: '["node", "server.js"]' },
  ] as Ins[],
  { maxLength: 3 },
).chain((xs) =>
  fc.constantFrom('CMD npm start', 'CMD ["python", "app.py"]', 'CMD ["./app"]', 'ENTRYPOINT ["docker-entrypoint.sh"]', '').map((last) => {
    if (!last) return xs;
    const [kw, ...rest] = last.split(' ');
    return [...xs, { k: 'raw', pre: PLAIN, kw, args: rest.join(' ') } as Ins];
  }),
);

/** A dependency-install block: the `COPY . .` before install pattern and its variants. */
const depsBlock: fc.Arbitrary<Ins[]> = fc
  .record({
    pre: preArb,
    workdir: fc.constantFrom(null, '/app', '/app', 'app', '/usr/src/app', '$APP_HOME', 'src'),
    copy: fc.constantFrom('COPY . .', 'COPY . .', 'COPY . /app', 'COPY . ./', 'ADD . .', 'COPY --chown=node:node . .', 'COPY ./ ./', 'COPY . /app/', 'COPY ["." , "."]', 'COPY --link . .', 'COPY --exclude=*.md . .', 'COPY . $APP_HOME'),
    between: fc.option(fc.constantFrom('RUN mkdir -p /app/data', 'ENV NODE_ENV=production', 'ARG PIP_INDEX_URL', 'USER node'), { freq: 4 }),
    install: fc.constantFrom(
      'npm ci', 'npm ci', 'npm install', 'npm ci --omit=dev && npm run build', 'yarn install --frozen-lockfile', 'pnpm install --frozen-lockfile',
      'pip install -r requirements.txt', 'pip install -r requirements.txt', 'pip install --no-cache-dir -r requirements.txt', 'pip3 install -r requirements.txt && python setup.py install',
      'pip install .', 'pip install -e .', 'pip install -r requirements/prod.txt', 'poetry install --no-root', 'pipenv install --deploy --system',
      'go mod download && go build -o /out/app .', 'bundle install', 'composer install --no-dev', 'cd /app && npm ci', 'npm ci && rm -rf /tmp/*',
      'python -m pip install -r requirements.txt', 'mvn -B package', 'cargo build --release',
    ),
    installFlags: fc.constantFrom('', '', '', '--mount=type=cache,target=/root/.npm ', '--mount=type=cache,target=/root/.cache/pip '),
    after: fc.option(fc.constantFrom('RUN npm run build', 'RUN python -m compileall .', 'COPY . .', 'EXPOSE 8000'), { freq: 3 }),
    good: rare(5),
  })
  .map(({ pre, workdir, copy, between, install, installFlags, after, good }) => {
    const P = PLAIN;
    const line = (text: string, p: Pre = P): Ins => {
      const [kw, ...rest] = text.split(' ');
      return { k: 'raw', pre: p, kw, args: rest.join(' ') };
    };
    const out: Ins[] = [];
    if (workdir) out.push(line(`WORKDIR ${workdir}`, pre));
    if (good) out.push(line(install.startsWith('pip') ? 'COPY requirements.txt .' : 'COPY package.json package-lock.json ./'));
    out.push(line(copy, workdir ? P : pre));
    if (between) out.push(line(between));
    out.push(line(`RUN ${installFlags}${install}`));
    if (after) out.push(line(after));
    return out;
  });

function stageItems(f: Family, windows: boolean): fc.Arbitrary<Ins[]> {
  const body = windows ? pwshBody : shellArb(f);
  const single = fc.oneof(
    { weight: 10, arbitrary: runArb(f, body) },
    { weight: 6, arbitrary: miscIns },
    { weight: 1, arbitrary: execArb },
    { weight: windows ? 0 : 1, arbitrary: heredocArb },
  );
  return fc
    .tuple(
      fc.array(fc.oneof({ weight: 8, arbitrary: single.map((x) => [x]) }, { weight: windows ? 0 : 2, arbitrary: depsBlock }), { minLength: 0, maxLength: 8 }),
      tailIns,
    )
    .map(([xs, tail]) => [...xs.flat(), ...tail]);
}

// ---------------------------------------------------------------------------------------------------------
// Stages and files

interface StageSpec {
  pre: Pre;
  image: string;
  platform: boolean;
  /** Index into earlier stages to build FROM (when `fromStage`). */
  fromStage: number | null;
  name: string | null;
  nameCase: boolean;
  items: Ins[];
}

const IMAGES: Record<Family, string[]> = {
  deb: ['debian:bookworm', 'debian:bookworm-slim', 'ubuntu:22.04', 'ubuntu', 'node:20', 'node:20-slim', 'python:3.12', 'python:3.12-slim', 'buildpack-deps:bookworm', 'golang:1.22', 'ruby:3.3', 'postgres:16', 'nginx', 'debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '${BASE_IMAGE}', '$BASE'],
  alpine: ['alpine:3.19', 'alpine', 'node:20-alpine', 'python:3.12-alpine', 'golang:1.22-alpine', 'nginx:alpine', 'redis:7-alpine'],
  rpm: ['fedora:40', 'rockylinux:9', 'centos:7', 'amazonlinux:2023', 'registry.access.redhat.com/ubi9/ubi-minimal', 'oraclelinux:9'],
  suse: ['opensuse/leap:15.5', 'registry.suse.com/bci/bci-base:15.5'],
  generic: ['scratch', 'gcr.io/distroless/static-debian12', 'gcr.io/distroless/nodejs20-debian12:nonroot', 'maven:3-eclipse-temurin-17', 'eclipse-temurin:17-jre', 'mcr.microsoft.com/windows/servercore:ltsc2022', 'mcr.microsoft.com/windows/nanoserver:ltsc2022', 'mcr.microsoft.com/dotnet/framework/sdk:4.8'],
};

const isWindows = (image: string) => /windows|dotnet\/framework/.test(image);
const noShell = (image: string) => image === 'scratch' || image.includes('distroless');

const stageArb: fc.Arbitrary<StageSpec> = fc
  .constantFrom<Family>('deb', 'deb', 'deb', 'alpine', 'alpine', 'rpm', 'suse', 'generic', 'generic')
  .chain((f) =>
    fc.constantFrom(...IMAGES[f]).chain((image) =>
      fc.record({
        pre: preArb,
        image: fc.constant(image),
        platform: rare(10),
        fromStage: fc.option(fc.nat(3), { freq: 6 }),
        name: fc.option(fc.constantFrom('build', 'builder', 'deps', 'base', 'runtime', 'Build', 'final'), { freq: 2 }),
        nameCase: fc.boolean().map((b) => !b),
        items: noShell(image)
          ? fc.array(fc.oneof(copyFromArb, raw('USER', 'nonroot', '65532', 'app'), raw('COPY', '. /app', 'app /app')), { maxLength: 3 })
          : stageItems(f === 'generic' && !isWindows(image) ? 'generic' : f, isWindows(image)),
      }),
    ),
  );

interface FileSpec {
  bom: boolean;
  crlf: boolean;
  finalNewline: boolean;
  esc: '\\' | '`';
  escDirective: 0 | 1 | 2;
  syntax: boolean;
  lower: boolean;
  indent: string;
  lead: boolean;
  header: Array<'comment' | 'empty' | 'global'>;
  globalArgs: string[];
  stages: StageSpec[];
  ctxPresent: boolean[];
  ctxVariant: number[];
  options: TransformOptions;
}

const MANIFESTS: Array<[string, string[]]> = [
  ['requirements.txt', ['flask==3.0.0\nrequests\n', '-e .\n', '-r base.txt\nflask\n', './libs/mylib\n', '# pinned\n--index-url https://pypi.org/simple\nnumpy\n', '', 'git+https://github.com/example/pkg.git\n']],
  ['requirements/prod.txt', ['-r base.txt\ngunicorn\n', 'django\n']],
  ['requirements/base.txt', ['django\n']],
  ['base.txt', ['six\n']],
  ['package.json', [
    '{"name":"app","version":"1.0.0","dependencies":{"express":"^4.19.0"}}\n',
    '{"name":"app","scripts":{"postinstall":"node scripts/setup.js"},"dependencies":{"express":"^4"}}\n',
    '{"name":"app","scripts":{"prepare":"npm run build","build":"tsc"}}\n',
    '{"name":"mono","private":true,"workspaces":["packages/*"]}\n',
    '{"name":"app","dependencies":{"lib":"file:./lib"}}\n',
    '{not json',
  ]],
  ['package-lock.json', ['{"name":"app","lockfileVersion":3,"requires":true,"packages":{}}\n']],
  ['yarn.lock', ['# yarn lockfile v1\n']],
  ['pnpm-lock.yaml', ["lockfileVersion: '9.0'\n"]],
  ['go.mod', ['module example.com/app\n\ngo 1.22\n', 'module example.com/app\n\ngo 1.22\n\nreplace example.com/lib => ./lib\n']],
  ['go.sum', ['']],
  ['Gemfile', ["source 'https://rubygems.org'\ngem 'rails'\n", "gemspec\n"]],
  ['Gemfile.lock', ['GEM\n']],
  ['pyproject.toml', ['[project]\nname = "app"\n', '[tool.poetry]\nname = "app"\n']],
  ['poetry.lock', ['']],
  ['Pipfile', ['[packages]\nflask = "*"\n']],
  ['Pipfile.lock', ['{}\n']],
  ['composer.json', ['{"require":{}}\n']],
  ['composer.lock', ['{}\n']],
  ['pom.xml', ['<project/>\n']],
  ['Cargo.toml', ['[package]\nname = "app"\n']],
  ['Cargo.lock', ['']],
  ['setup.py', ['from setuptools import setup\nsetup()\n']],
  ['app.py', ['print("hi")\n']],
  ['entrypoint.sh', ['#!/bin/sh\nexec "$@"\n']],
  ['.dockerignore', ['node_modules\n.git\n', '*\n!src\n', 'requirements.txt\n']],
];

const fileArb: fc.Arbitrary<FileSpec> = fc.record({
  bom: rare(15),
  crlf: rare(7),
  finalNewline: usually(7),
  esc: fc.oneof({ weight: 9, arbitrary: fc.constant('\\' as const) }, { weight: 1, arbitrary: fc.constant('`' as const) }),
  escDirective: fc.constantFrom(0 as const, 1 as const, 2 as const),
  syntax: rare(5),
  lower: rare(8),
  indent: fc.constantFrom('    ', '    ', '  ', '\t', '        ', ' ', ''),
  lead: rare(3),
  header: fc.array(fc.constantFrom('comment' as const, 'empty' as const, 'comment' as const, 'global' as const), { maxLength: 2 }),
  globalArgs: fc.subarray(['ARG BASE_IMAGE=debian:bookworm-slim', 'ARG BASE=python:3.12-slim', 'ARG VERSION', 'ARG DEBIAN_FRONTEND=noninteractive'], { maxLength: 2 }),
  stages: fc.array(stageArb, { minLength: 1, maxLength: 3 }),
  ctxPresent: fc.array(usually(6), { minLength: MANIFESTS.length, maxLength: MANIFESTS.length }),
  ctxVariant: fc.array(fc.nat(9), { minLength: MANIFESTS.length, maxLength: MANIFESTS.length }),
  options: fc.constantFrom<TransformOptions>({}, {}, { user: 'app' }, { user: 'appuser', uid: 10001 }, { uid: 1000 }),
});

function kwText(kw: string, lower: boolean, kc: KwCase): string {
  const l = kc === 1 ? !lower : lower;
  if (kc === 2) return kw[0] + kw.slice(1).toLowerCase();
  return l ? kw.toLowerCase() : kw.toUpperCase();
}

function renderFile(spec: FileSpec): DockerfileCase {
  // The escape character: `# escape=`` ` selects a backtick; otherwise it is a backslash.
  const esc = spec.esc;
  const s: Style = { esc, eol: spec.crlf ? '\r\n' : '\n', indent: spec.indent, lead: spec.lead };
  const { eol } = s;
  const out: string[] = [];
  if (spec.syntax) out.push(`# syntax=docker/dockerfile:1${eol}`);
  if (esc === '`') out.push(spec.escDirective === 2 ? `#escape=\`${eol}` : `# escape=\`${eol}`);
  else if (spec.escDirective === 2) out.push(`# escape=\\${eol}`);
  for (const h of spec.header) {
    out.push({ comment: `# Build the image${eol}`, empty: eol, global: `# hadolint global ignore=DL3059,DL3002${eol}` }[h]);
  }
  for (const a of spec.globalArgs) out.push(`${kwText('ARG', spec.lower, 0)}${a.slice(3)}${eol}`);

  const stageNames: string[] = [];
  const preText = (p: Pre) =>
    p.lines
      .map((l) => ({ empty: eol, comment: `# step${eol}`, pragma: `# hadolint ignore=DL3008,DL3059${eol}`, indented: `  # indented note${eol}`, blank: ` \t${eol}`, escaped: `# ends with the escape ${esc}${eol}` })[l])
      .join('');
  const kw = (name: string, p: Pre) => (p.indentKw ? '  ' : '') + kwText(name, spec.lower, p.kc) + (p.sep ? '\t' : ' ');
  const trail = (p: Pre) => (p.trailing ? '  ' : '');

  spec.stages.forEach((st, si) => {
    const fromStage = st.fromStage !== null && si > 0 ? stageNames[st.fromStage % si] : null;
    let image = fromStage && !fromStage.startsWith('#') ? (st.nameCase ? fromStage : fromStage.toUpperCase()) : st.image;
    if (image.includes('BASE_IMAGE') && !spec.globalArgs.some((a) => a.includes('BASE_IMAGE'))) image = 'debian:bookworm';
    if (image === '$BASE' && !spec.globalArgs.some((a) => a.includes('BASE='))) image = 'python:3.12-slim';
    const name = st.name ? `${st.name}${si}` : null;
    stageNames.push(name ?? `#${si}`);
    const as = name ? ` ${st.nameCase ? 'AS' : 'as'} ${name}` : '';
    out.push(`${preText(st.pre)}${kw('FROM', st.pre)}${st.platform ? '--platform=$BUILDPLATFORM ' : ''}${image}${as}${trail(st.pre)}${eol}`);

    for (const ins of st.items) {
      out.push(preText(ins.pre));
      switch (ins.k) {
        case 'run': {
          const flags = ins.flags.length ? ins.flags.join(' ') + (ins.flagGap.brk ? cont(ins.flagGap, s) : ' ') : '';
          const lead = ins.leadBreak ? `${esc}${eol}${s.indent}` : '';
          const head = ins.flagsFirst ? flags + lead : lead + flags;
          out.push(`${kw('RUN', ins.pre)}${head}${renderSh(ins.body, s, true)}${ins.end}${trail(ins.pre)}${eol}`);
          break;
        }
        case 'exec': {
          const flags = ins.flags.length ? ins.flags.join(' ') + ' ' : '';
          out.push(`${kw('RUN', ins.pre)}${flags}${JSON.stringify(ins.argv).replace(/","/g, '", "')}${eol}`);
          break;
        }
        case 'heredoc': {
          const flags = ins.flags.length ? ins.flags.join(' ') + ' ' : '';
          const tab = ins.head.includes('<<-') ? '\t' : '';
          const delim = ins.head.includes('EOT') ? 'EOT' : 'EOF';
          out.push(`${kw('RUN', ins.pre)}${flags}${ins.head}${eol}${ins.lines.map((l) => tab + l + eol).join('')}${delim}${eol}`);
          break;
        }
        case 'raw':
          out.push(`${kw(ins.kw, ins.pre)}${ins.args}${trail(ins.pre)}${eol}`);
          break;
        case 'copyfrom': {
          const earlier = stageNames.slice(0, si);
          const ref = earlier.length ? earlier[ins.ref % earlier.length].replace(/^#/, '') : 'nginx:latest';
          out.push(`${kw('COPY', ins.pre)}--from=${ref} ${ins.src} ${ins.dst}${eol}`);
          break;
        }
        case 'onbuild':
          out.push(`${kw('ONBUILD', ins.pre)}${ins.args}${eol}`);
          break;
      }
    }
  });

  let text = out.join('');
  if (!spec.finalNewline) text = text.replace(/(\r?\n)+$/, '');
  if (spec.bom) text = '\uFEFF' + text;

  const context: Record<string, string> = {};
  MANIFESTS.forEach(([path, variants], i) => {
    if (spec.ctxPresent[i]) context[path] = variants[spec.ctxVariant[i] % variants.length];
  });
  return { text, context, options: spec.options };
}

/** Generated Dockerfiles with a build context and transform options. */
export function dockerfileCase(): fc.Arbitrary<DockerfileCase> {
  return fileArb.map(renderFile);
}

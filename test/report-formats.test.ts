import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations } from '../src/report/github.js';
import { applyReplacements, textReplacements } from '../src/report/replacements.js';
import { statisticsTable } from '../src/report/statistics.js';
import { emptySummary, tally, type FileReport } from '../src/report/types.js';
import { closest, levenshtein } from '../src/suggest.js';
import { looksLikeDockerfile } from '../src/runner/looks-like.js';
import { parseFileList } from '../src/runner/files-from.js';
import { TRANSFORMS } from '../transforms/registry.js';

const report = (over: Partial<FileReport>): FileReport => ({ path: 'Dockerfile', changed: false, fixes: [], skipped: [], unsafe: [], ...over });

describe('GitHub workflow commands', () => {
  it('escape %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('one ::warning per fix, ::notice per unsafe fix left out, ::error per failed file', () => {
    const r = report({
      path: 'svc/a,b:c/Dockerfile',
      changed: true,
      fixes: [{ transform: 'chain-runs', message: 'joined\nlines 2, 3', tier: 'safe', line: 2, column: 5, pass: 1 }],
      unsafe: [{ transform: 'non-root-user', message: 'added USER', reason: '100% sure? no', line: 4, column: 1 }],
    });
    expect(githubAnnotations(r)).toBe(
      '::warning file=svc/a%2Cb%3Ac/Dockerfile,line=2,col=5,title=chain-runs::joined%0Alines 2, 3\n' +
        '::notice file=svc/a%2Cb%3Ac/Dockerfile,line=4,col=1,title=non-root-user::added USER (unsafe fix, not applied: 100%25 sure? no; --unsafe-fixes applies it)\n',
    );
    expect(githubAnnotations(report({ error: 'no FROM instruction' }))).toBe('::error file=Dockerfile,title=docker-codemod::no FROM instruction\n');
    // Fixes of a file that did not change (a failed write) are not announced.
    expect(githubAnnotations(report({ fixes: r.fixes }))).toBe('');
  });
});

describe('--statistics', () => {
  it('counts fixes per transform, most first, with unsafe and skipped counts after the description', () => {
    const s = emptySummary();
    const fix = (transform: string) => ({ transform, message: 'm', tier: 'safe' as const, line: 1, column: 1, pass: 1 });
    tally(s, report({ changed: true, fixes: [fix('chain-runs'), fix('apt-clean-lists'), fix('chain-runs')] }));
    tally(s, report({ unsafe: [{ transform: 'non-root-user', message: 'm', reason: 'r', line: 1, column: 1 }], skipped: [{ transform: 'chain-runs', reason: 'r', line: 1 }] }));
    expect(s.byTransform).toEqual({
      'chain-runs': { fixes: 2, unsafe: 0, skipped: 1 },
      'apt-clean-lists': { fixes: 1, unsafe: 0, skipped: 0 },
      'non-root-user': { fixes: 0, unsafe: 1, skipped: 0 },
    });
    const desc = (id: string) => TRANSFORMS.find((t) => t.id === id)!.description;
    expect(statisticsTable(s, TRANSFORMS)).toBe(
      `2  chain-runs       ${desc('chain-runs')} (1 skipped)\n` +
        `1  apt-clean-lists  ${desc('apt-clean-lists')}\n` +
        `0  non-root-user    ${desc('non-root-user')} (1 unsafe not applied)\n`,
    );
    expect(statisticsTable(emptySummary(), TRANSFORMS)).toBe('');
  });
});

describe('SARIF replacements', () => {
  it('one per block of changed lines, on offsets of the input', () => {
    const before = 'FROM a\nRUN x\nRUN y\nCMD z\nUSER q\n';
    const after = 'FROM a\nRUN x && \\\n    y\nCMD z\nUSER r\n';
    const reps = textReplacements(before, after);
    expect(reps).toEqual([
      { offset: 7, length: 12, text: 'RUN x && \\\n    y\n' },
      { offset: 25, length: 7, text: 'USER r\n' },
    ]);
    expect(applyReplacements(before, reps)).toBe(after);
    expect(textReplacements(before, before)).toEqual([]);
  });

  it('turn the input into the output exactly (CRLF, no final newline, insertions, removals)', () => {
    const line = fc.constantFrom('FROM a', 'RUN x', 'RUN y', '', '# c', 'CMD z');
    const text = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, eol, last]) => {
      const t = ls.join(eol);
      return last && t !== '' ? t + eol : t;
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const reps = textReplacements(a, b);
        expect(applyReplacements(a, reps)).toBe(b);
        for (let i = 1; i < reps.length; i++) expect(reps[i].offset).toBeGreaterThanOrEqual(reps[i - 1].offset + reps[i - 1].length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('transform id suggestions', () => {
  it('name the closest id for a likely typo, and nothing for a word far from every id', () => {
    const ids = TRANSFORMS.map((t) => t.id);
    expect(levenshtein('chain-run', 'chain-runs')).toBe(1);
    expect(closest('chain-run', ids)).toBe('chain-runs');
    expect(closest('apt-clean-list', ids)).toBe('apt-clean-lists');
    expect(closest('nonroot-user', ids)).toBe('non-root-user');
    expect(closest('pip', ids)).toBe('pip-no-cache-dir');
    expect(closest('nope', ids)).toBeUndefined();
    expect(closest('kubernetes', ids)).toBeUndefined();
  });
});

describe('what looks like a Dockerfile', () => {
  it('its first line that is not blank or a comment starts with FROM or ARG', () => {
    expect(looksLikeDockerfile('FROM debian\n')).toBe(true);
    expect(looksLikeDockerfile('\uFEFF# syntax=docker/dockerfile:1\n# escape=`\n\n  arg V=1\nFROM x\n')).toBe(true);
    expect(looksLikeDockerfile('from\tdebian\r\n')).toBe(true);
    expect(looksLikeDockerfile('# Title\n\nSome prose.\n')).toBe(false);
    expect(looksLikeDockerfile('{ "name": "x" }\n')).toBe(false);
    expect(looksLikeDockerfile('FROMAGE\n')).toBe(false);
    expect(looksLikeDockerfile('RUN x\nFROM y\n')).toBe(false);
    expect(looksLikeDockerfile('')).toBe(false);
  });

  it('--files-from lists: one path a line, CRLF and blank lines allowed', () => {
    expect(parseFileList('a/Dockerfile\r\n\n  b/Containerfile  \nc\n')).toEqual(['a/Dockerfile', 'b/Containerfile', 'c']);
  });
});

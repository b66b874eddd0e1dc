import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { transformById } from './helpers/transforms.js';

beforeAll(initShell);

const skipsOf = (id: string, text: string) =>
  transformText(text, { transforms: [transformById(id)] }).skipped.map((s) => [s.line, s.reason]);

describe('skip reasons of the apt list transforms', () => {
  it('apt-update-before-install names the install that put the packages in place', () => {
    const text = [
      'FROM debian:bookworm',
      'RUN apt-get update && apt-get install -y git curl:amd64 wget=1.21 && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get install -y git',
      'RUN apt-get install -y curl wget',
      '',
    ].join('\n');
    expect(skipsOf('apt-update-before-install', text)).toEqual([
      [3, 'the apt-get install on line 3 may find no package lists, but git was installed on line 2: apt finds it installed without the lists'],
      [4, 'the apt-get install on line 4 may find no package lists, but curl, wget were installed on line 2: apt finds them installed without the lists'],
    ]);
  });

  it('apt-clean-lists names the line of the commented-out cleanup', () => {
    const text = [
      'FROM debian:bookworm',
      'RUN apt-get update \\',
      '    && apt-get install -y curl \\',
      '    #&& rm -rf /var/lib/apt/lists/* \\',
      '    && echo done',
      '',
    ].join('\n');
    expect(skipsOf('apt-clean-lists', text)).toEqual([[2, 'apt lists not removed: the cleanup is commented out on line 4']]);
  });
});

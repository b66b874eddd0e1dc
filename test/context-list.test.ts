import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryContext, MAX_LIST_ENTRIES, memoryContext } from '../src/runner/context.js';
import { makeTree, removeTrees } from './helpers/cli.js';

afterAll(removeTrees);

describe('BuildContext.list', () => {
  it('lists a directory of the context, directories with a trailing /, sorted', () => {
    const dir = makeTree({ 'b.txt': '', 'a/x': '', '.git/HEAD': '' });
    const ctx = directoryContext(dir);
    expect(ctx.list!('')).toEqual(['.git/', 'a/', 'b.txt']);
    expect(ctx.list!('./a')).toEqual(['x']);
    expect(ctx.list!('b.txt')).toBeNull();
    expect(ctx.list!('missing')).toBeNull();
  });

  it('is jailed: .. and a symlinked directory that leads out of the context list nothing', () => {
    const outside = makeTree({ 'secret/key': '' });
    const dir = makeTree({ 'ctx/a': '' });
    symlinkSync(join(outside, 'secret'), join(dir, 'ctx/link'));
    mkdirSync(join(dir, 'ctx/inner'));
    symlinkSync(join(dir, 'ctx/inner'), join(dir, 'ctx/inner-link'));
    const ctx = directoryContext(join(dir, 'ctx'));
    expect(ctx.list!('..')).toBeNull();
    expect(ctx.list!('../ctx')).toBeNull();
    expect(ctx.list!('link')).toBeNull();
    expect(ctx.list!('inner-link')).toEqual([]);
  });

  it(`a directory of more than ${MAX_LIST_ENTRIES} entries reads as unlistable`, () => {
    const dir = makeTree();
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i <= MAX_LIST_ENTRIES; i++) writeFileSync(join(dir, 'many', String(i)), '');
    expect(directoryContext(dir).list!('many')).toBeNull();
  });

  it('a memory context lists the names its paths imply', () => {
    const ctx = memoryContext({ 'a/b/c.txt': '', 'a/d': '', e: '' });
    expect(ctx.list!('')).toEqual(['a/', 'e']);
    expect(ctx.list!('a')).toEqual(['b/', 'd']);
    expect(ctx.list!('x')).toBeNull();
  });
});

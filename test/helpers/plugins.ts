/** A plugin transform as module text: a plain object (no import), appending ` <tag>` to every CMD that lacks it. */
export const tagCmd = (id: string, tag: string) => `{
  id: '${id}',
  description: 'tag CMD',
  tier: 'safe',
  run(m) {
    const fixes = [];
    for (const ins of m.instructions) {
      if (ins.name !== 'CMD' || m.text.slice(ins.start, ins.end).includes('${tag}')) continue;
      fixes.push({ message: 'tagged', line: ins.line, edits: [{ start: ins.end, end: ins.end, text: ' ${tag}' }], touches: [ins.index] });
    }
    return { fixes, skips: [] };
  },
}`;

import { argDeclarations, quoteArgValue } from './shared/arg-words.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/** `NAME=default` as a message shows it (`NAME` when it has none). */
function shown(name: string, value: string | null, quote: string): string {
  return value === null ? name : `${name}=${quote}${value}${quote}`;
}

export const pinArgs: Transform = {
  id: 'pin-args',
  description: 'Set the default of the ARGs named with --set-arg NAME=VALUE or the config, before and after FROM (off unless values are given)',
  hadolint: [],
  defaultOn: false,
  // The edit is the value the user gave for that ARG, and changes nothing else (see README, "Setting ARG defaults").
  tier: 'safe',
  run(m, ctx) {
    const wanted = ctx.options.setArgs ?? {};
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    if (Object.keys(wanted).length === 0) return { fixes, skips };
    for (const ins of m.instructions) {
      if (ins.name !== 'ARG') continue;
      const decls = argDeclarations(ins, m.text, m.escape);
      if (decls === null) {
        const named = Object.keys(wanted).filter((n) => new RegExp(`(^|\\s)["']?${n}(=|\\s|$)`).test(m.text.slice(ins.argsStart, ins.argsEnd)));
        for (const n of named) skips.push({ reason: `ARG ${n} is written in a form this transform does not edit (a default partly quoted, or split by quotes)`, line: ins.line });
        continue;
      }
      for (const d of decls) {
        if (!Object.hasOwn(wanted, d.name)) continue;
        const value = wanted[d.name];
        if (d.value === value && d.literal) continue;
        const written = quoteArgValue(value, d.quote, m.escape);
        const text = d.value === null ? `=${written}` : written;
        if (text === m.text.slice(d.valueStart, d.valueEnd)) continue;
        const old = shown(d.name, d.value, d.quote);
        fixes.push({
          message: `ARG ${old} → ${d.name}=${written}`,
          line: ins.line,
          edits: [{ start: d.valueStart, end: d.valueEnd, text }],
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};

// Replace the deprecated MAINTAINER instruction by the label Docker's reference recommends (hadolint DL4000):
// MAINTAINER Jane <jane@example.com>  →  LABEL maintainer="Jane <jane@example.com>"
import { defineTransform, edits } from 'docker-codemod';

export default [
  defineTransform({
    id: 'label-maintainer',
    description: 'Replace the deprecated MAINTAINER by LABEL maintainer="…"',
    hadolint: ['DL4000'],
    tier: 'safe',
    run(model) {
      const b = edits(model);
      const fixes = [];
      const skips = [];
      for (const ins of model.instructions) {
        if (ins.name !== 'MAINTAINER') continue;
        const value = model.text.slice(ins.argsStart, ins.argsEnd);
        // LABEL expands variables and reads quotes and escapes; MAINTAINER takes its text as written.
        if (/["$\\`\r\n]/.test(value) || value === '') {
          skips.push({ reason: `the MAINTAINER on line ${ins.line} has quotes, $, escapes or several lines`, line: ins.line });
          continue;
        }
        b.replaceInstruction(ins, `LABEL maintainer="${value}"`);
        fixes.push(b.fix(`MAINTAINER on line ${ins.line} is now LABEL maintainer`));
      }
      return { fixes, skips };
    },
  }),
];

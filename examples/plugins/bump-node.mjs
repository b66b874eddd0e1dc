// Move images built FROM node:16 (end of life) to node:20, keeping the variant: node:16.20-alpine → node:20-alpine.
// Unsafe: a new Node.js major can break the application, so it is applied only with --unsafe-fixes.
import { defineTransform, edits } from 'docker-codemod';

const NODE_16 = /^((?:docker\.io\/)?(?:library\/)?node):16(?:\.[0-9]+)*(-[A-Za-z0-9._-]+)?$/;

export default defineTransform({
  id: 'bump-node',
  description: 'Build FROM node:20 instead of node:16 (end of life), keeping the image variant',
  tier: 'unsafe',
  unsafeReason: 'the application runs on a new Node.js major version',
  run(model) {
    const b = edits(model);
    const fixes = [];
    const skips = [];
    for (const stage of model.stages) {
      const from = stage.from;
      const image = from.args[0];
      if (!image || stage.baseStage) continue;
      if (image.value.includes('@') && /^(?:docker\.io\/)?(?:library\/)?node:16/.test(image.value)) {
        skips.push({ reason: `the FROM on line ${from.line} pins node:16 by digest`, line: from.line });
        continue;
      }
      const m = NODE_16.exec(image.value);
      if (!m) continue;
      const next = `${m[1]}:20${m[2] ?? ''}`;
      b.replaceImage(from, next);
      fixes.push(b.fix(`${image.value} → ${next} on line ${from.line}`));
    }
    return { fixes, skips };
  },
});

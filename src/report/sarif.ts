import type * as Sarif from 'sarif';
import type { Transform } from '../transform-types.js';
import { textReplacements } from './replacements.js';
import type { FileReport } from './types.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A display path (forward slashes, relative to the working directory) as a relative URI reference. */
export function pathUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function rule(t: Transform): Sarif.ReportingDescriptor {
  const r: Sarif.ReportingDescriptor = {
    id: t.id,
    shortDescription: { text: t.description },
    defaultConfiguration: { level: t.tier === 'safe' ? 'warning' : 'note', enabled: t.defaultOn },
    properties: { hadolint: t.hadolint, tier: t.tier, tags: ['dockerfile', ...t.hadolint] },
  };
  if (t.unsafeReason) r.fullDescription = { text: `${t.description}. Unsafe: ${t.unsafeReason}.` };
  return r;
}

function location(r: FileReport, line: number, column: number): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: pathUri(r.path) },
      region: { startLine: line, startColumn: column },
    },
  };
}

/**
 * The `--format sarif` document: one run; one rule per transform; one result per fix, `warning` for a fix applied
 * (or that --check / --dry-run would apply), `note` for an unsafe fix left out. The first applied result of each
 * changed file carries the whole file's change as a SARIF fix: one replacement per changed block of lines of the
 * input (a later pass's edits have no offsets in the input, so the change is not split per fix).
 */
export function sarifReport(reports: readonly FileReport[], transforms: readonly Transform[], version: string): string {
  const index = new Map(transforms.map((t, i) => [t.id, i]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const r of reports) {
    if (r.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: r.internal ? `internal error: ${r.error}` : r.error },
        locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(r.path) } } }],
      });
    }
    let first = true;
    if (r.changed) {
      for (const f of r.fixes) {
        const res: Sarif.Result = {
          ruleId: f.transform,
          level: 'warning',
          message: { text: f.message },
          locations: [location(r, f.line, f.column)],
          properties: { tier: f.tier, applied: true },
        };
        const ruleIndex = index.get(f.transform);
        if (ruleIndex !== undefined) res.ruleIndex = ruleIndex;
        if (first && r.texts) {
          // The Dockerfile's change, then each context file's (a new file: one insertion into an empty one).
          const changes = [
            { path: r.path, before: r.texts.input, after: r.texts.output },
            ...(r.sideFiles ?? []).map((x) => ({ path: x.path, before: x.before ?? '', after: x.after })),
          ].filter((x) => x.before !== x.after);
          res.fixes = [
            {
              description: { text: 'every fix docker-codemod makes to this file' },
              artifactChanges: changes.map((x) => ({
                artifactLocation: { uri: pathUri(x.path) },
                replacements: textReplacements(x.before, x.after).map((y) => ({
                  deletedRegion: { charOffset: y.offset, charLength: y.length },
                  insertedContent: { text: y.text },
                })),
              })),
            },
          ];
        }
        first = false;
        results.push(res);
      }
    }
    for (const u of r.unsafe) {
      const res: Sarif.Result = {
        ruleId: u.transform,
        level: 'note',
        message: { text: `${u.message} (unsafe fix, not applied: ${u.reason}; --unsafe-fixes applies it)` },
        locations: [location(r, u.line, u.column)],
        properties: { tier: 'unsafe', applied: false, unsafeReason: u.reason },
      };
      const ruleIndex = index.get(u.transform);
      if (ruleIndex !== undefined) res.ruleIndex = ruleIndex;
      results.push(res);
    }
  }
  const log: Sarif.Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docker-codemod',
            ...(version !== 'unknown' ? { version, semanticVersion: version } : {}),
            rules: transforms.map(rule),
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

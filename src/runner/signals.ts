import { removePendingTemp } from './temp-files.js';

/** Exit codes of a run stopped by a signal, as shells report them (128 + signal number). */
const EXIT_ON: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On SIGINT or SIGTERM: remove the temporary file being written (if any), let `report` print what was done so
 * far, and exit. Files already written stay written; no file is left half-written.
 */
export function stopOnSignals(report: () => void): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      removePendingTemp();
      try {
        report();
      } finally {
        process.exit(EXIT_ON[sig]);
      }
    });
  }
}

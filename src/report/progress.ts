/** A single updating `files done/total` line on a terminal; silent elsewhere. */
export class Progress {
  private shown = false;
  private lastDraw = 0;
  private readonly started = Date.now();
  private done = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
    private readonly enabled: boolean,
    /** Show at once above this many files, otherwise after `delayMs`. */
    private readonly threshold = 50,
    private readonly delayMs = 1000,
  ) {}

  tick(done: number): void {
    this.done = done;
    if (!this.enabled) return;
    const now = Date.now();
    if (!this.shown && this.total <= this.threshold && now - this.started < this.delayMs) return;
    if (this.shown && now - this.lastDraw < 100 && done < this.total) return;
    this.draw(now);
  }

  private draw(now: number): void {
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r\x1b[K${this.done}/${this.total} files`);
  }

  /** Remove the line (before other output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  /** Redraw after other output, if it was showing. */
  resume(wasShown: boolean): void {
    if (wasShown) this.draw(Date.now());
  }

  get visible(): boolean {
    return this.shown;
  }
}

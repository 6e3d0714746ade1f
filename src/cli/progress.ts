// A one-line progress indicator for long scans, on a terminal only (never in pipes or --json output).

export class Progress {
  private lastDraw = 0;
  private readonly started = Date.now();
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  update(doneBytes: number, totalBytes: number): void {
    if (!this.stream.isTTY || totalBytes <= 0) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && doneBytes < totalBytes) return;
    this.lastDraw = now;
    const pct = Math.min(100, Math.floor((doneBytes / totalBytes) * 100));
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const mbps = doneBytes / 1e6 / seconds;
    this.stream.write(`\r${this.label}: ${pct}% of ${(totalBytes / 1e6).toFixed(0)} MB (${mbps.toFixed(0)} MB/s)\x1b[K`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

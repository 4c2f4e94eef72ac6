/** A one-line progress display on stderr (rewritten in place on a terminal). */
export class Progress {
  private last = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  update(text: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    process.stderr.write(this.tty ? `\r\x1b[K${text}` : `${text}\n`);
  }

  end(text?: string): void {
    if (text) this.update(text, true);
    if (this.tty) process.stderr.write('\n');
  }
}

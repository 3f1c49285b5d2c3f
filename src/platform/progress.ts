/**
 * A progress bar on stderr for long work. On a terminal it redraws one line; elsewhere (CI logs,
 * pipes) it prints a line at each 25% so logs stay short.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(message?: string): void;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function createProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const interactive = stream.isTTY;
  let lastQuarter = -1;
  let lastDraw = 0;
  const width = 30;
  return {
    update(done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      if (interactive) {
        const now = performance.now();
        if (now - lastDraw < 50 && fraction < 1) return;
        lastDraw = now;
        const filled = Math.round(fraction * width);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${formatBytes(done)}/${formatBytes(total)}`,
        );
      } else {
        const quarter = Math.floor(fraction * 4);
        if (quarter > lastQuarter) {
          lastQuarter = quarter;
          stream.write(`${label}: ${quarter * 25}%\n`);
        }
      }
    },
    finish(message) {
      if (interactive) stream.write('\r\x1b[2K');
      if (message !== undefined) stream.write(`${message}\n`);
    },
  };
}

/** One line per finished step of long work, on stderr: what was done and how long it took. */
export interface StepLog {
  step(message: string): void;
}

export interface StepLogOptions {
  /** `--json` and `--quiet` silence it. */
  silent: boolean;
  /** Put before each line, e.g. `patchbay new`. */
  prefix: string;
  /** Defaults to `performance.now`; tests pass their own clock. */
  now?: () => number;
}

/** Each line gives the time since the previous one (or since the log was made). */
export function createStepLog(stream: NodeJS.WritableStream, options: StepLogOptions): StepLog {
  const now = options.now ?? (() => performance.now());
  let last = now();
  return {
    step(message) {
      const at = now();
      const seconds = (at - last) / 1000;
      last = at;
      if (!options.silent) stream.write(`${options.prefix}: ${message} (${seconds.toFixed(1)} s)\n`);
    },
  };
}

/** `1223` → `1,223`, the same on every machine whatever its locale. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

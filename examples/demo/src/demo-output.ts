import type { ConnectorExecuteOutput } from '@patchbay/contract';
import type { Logger } from '@patchbay/runtime';
import type { TerminalStyle } from './terminal-style.js';

/** Counts what the reader should notice, for the closing summary. */
export interface DemoTally {
  calls: number;
  retries: number;
  waits: number;
  rejectedBeforeSending: number;
}

/**
 * Everything the demo prints goes through here: numbered steps, the runtime's retry and wait
 * lines indented under the step that caused them, and one result line per call.
 */
export class DemoOutput {
  readonly tally: DemoTally = { calls: 0, retries: 0, waits: 0, rejectedBeforeSending: 0 };
  private step = 0;

  constructor(
    private readonly write: (line: string) => void,
    readonly style: TerminalStyle,
  ) {}

  line(text = ''): void {
    this.write(text);
  }

  heading(text: string): void {
    this.write('');
    this.write(this.style.bold(text));
  }

  beginStep(operation: string, note: string): void {
    this.step += 1;
    this.write('');
    this.write(`${this.style.bold(`${this.step}. ${operation}`)}  ${this.style.dim(note)}`);
  }

  detail(text: string): void {
    this.write(`   ${text}`);
  }

  /** Prints one call's outcome: a summary of its data or its error, then its timing. */
  result<TData>(output: ConnectorExecuteOutput<TData>, summary: (data: TData) => string): void {
    this.tally.calls += 1;
    const { attempts, durationMs, status } = output.meta;
    if (attempts === 0 && !output.ok) this.tally.rejectedBeforeSending += 1;
    // Fixed-width columns first, so status, time and attempts line up down the page.
    const columns = [
      (status === undefined ? '---' : String(status)).padEnd(3),
      `${Math.round(durationMs)} ms`.padStart(7),
      `${attempts} ${attempts === 1 ? 'attempt ' : 'attempts'}`,
    ].join('  ');
    if (output.ok) {
      this.detail(`${this.style.green('✓')} ${this.style.dim(columns)}  ${summary(output.data)}`);
    } else {
      this.detail(`${this.style.red('✗')} ${this.style.dim(columns)}  ${this.style.red(output.error.code)} ${output.error.message}`);
    }
  }

  /** A runtime logger that shows retries and rate-limit waits as they happen. */
  logger(): Logger {
    return {
      warn: (message, fields = {}) => {
        if (typeof fields.untilMs === 'number') {
          this.tally.waits += 1;
          this.detail(`${this.style.yellow('⏳ wait ')} ${message} for ${fields.untilMs} ms`);
          return;
        }
        if (typeof fields.attempt === 'number') {
          this.tally.retries += 1;
          const status = fields.status === undefined ? ')' : `, status ${String(fields.status)})`;
          const failure = message.replace(/\), retrying$/, status);
          this.detail(`${this.style.yellow('↻ retry')} ${failure}; attempt ${fields.attempt + 1} in ${String(fields.delayMs)} ms`);
          return;
        }
        this.detail(`${this.style.yellow('! warn ')} ${message}`);
      },
      error: (message) => this.detail(`${this.style.red('! error')} ${message}`),
    };
  }
}

import { IntegrationManager, VERSION } from '@patchbay/runtime';
import { startGithubStandIn, startSlackStandIn, startStripeStandIn, type RecordedRequest, type StandIn } from '@patchbay/stand-ins';
import { DemoOutput } from './demo-output.js';
import { githubTour } from './github-tour.js';
import { slackTour } from './slack-tour.js';
import { stripeTour } from './stripe-tour.js';
import { renderTable } from './text-table.js';
import type { TerminalStyle } from './terminal-style.js';

export interface RunDemoOptions {
  /** The app whose dependencies are searched for connector packages. */
  appDirectory: string;
  write: (line: string) => void;
  style: TerminalStyle;
}

export interface DemoRun {
  output: DemoOutput;
  /** Every request each stand-in received, by connector id, for tests to check what was really sent. */
  requests: Record<string, RecordedRequest[]>;
}

/** The README demo. Resolves when every connection, stand-in and socket is closed. */
export async function runDemo(options: RunDemoOptions): Promise<DemoRun> {
  const output = new DemoOutput(options.write, options.style);
  const { style } = output;
  output.line(`${style.bold('Patchbay demo')} ${style.dim(`· @patchbay/runtime ${VERSION} · offline: every vendor API is a local stand-in on 127.0.0.1`)}`);

  const manager = await IntegrationManager.create({ cwd: options.appDirectory, logger: output.logger() });
  const discovered = new Set(manager.connectors().map((connector) => connector.id));
  // A stand-in starts only for a connector the app really has, so the demo runs with any subset.
  const github = discovered.has('github') ? await startGithubStandIn() : undefined;
  const slack = discovered.has('slack') ? await startSlackStandIn() : undefined;
  const stripe = discovered.has('stripe') ? await startStripeStandIn() : undefined;
  const standIns: [string, StandIn | undefined][] = [['github', github], ['slack', slack], ['stripe', stripe]];
  try {
    const connectors = manager.connectors();
    output.heading('Connectors discovered through package metadata');
    for (const line of renderTable(
      [{ header: 'id' }, { header: 'package' }, { header: 'version' }, { header: 'operations', align: 'right' }],
      connectors.map((connector) => [connector.id, connector.package, connector.version, String(connector.operations.length)]),
    )) {
      output.detail(line);
    }
    for (const problem of manager.problems()) output.detail(style.red(`! ${problem.package}: ${problem.reason}`));

    output.heading('Stand-ins');
    for (const [id, standIn] of standIns) if (standIn) output.detail(`${id.padEnd(6)}  ${standIn.url}`);

    if (github) await githubTour(manager, github, output);
    if (slack) await slackTour(manager, slack, output);
    if (stripe) await stripeTour(manager, stripe, output);

    const { calls, retries, waits, rejectedBeforeSending } = output.tally;
    output.heading('Summary');
    output.detail(
      `calls: ${calls} · HTTP requests received by stand-ins: ${received(standIns)} · retries: ${retries} · ` +
        `rate-limit waits: ${waits} · refused before sending: ${rejectedBeforeSending}`,
    );
    return { output, requests: Object.fromEntries(standIns.flatMap(([id, standIn]) => (standIn ? [[id, standIn.requests]] : []))) };
  } finally {
    await manager.close();
    await Promise.all(standIns.map(([, standIn]) => standIn?.close()));
  }
}

function received(standIns: [string, StandIn | undefined][]): number {
  return standIns.reduce((total, [, standIn]) => total + (standIn?.requests.length ?? 0), 0);
}

import { IntegrationManager } from '@patchbay/runtime';
import type { CliContext } from '../cli-context.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';

export const listHelp = `Usage: patchbay list [--json]

Shows what an app at the current directory discovers: each connector with its package, version
and operations, and every broken connector package with the reason.

Options:
  --json   print { connectors, problems } as JSON`;

export async function listCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseFlags('list', args, JSON_FLAG, false);
  const manager = await IntegrationManager.create({ cwd: context.cwd });
  try {
    const connectors = manager.connectors();
    const problems = manager.problems();
    printResult(context.stdout, values.json, { connectors, problems }, () => {
      if (connectors.length === 0) context.stdout.write(`No connectors found in the dependencies of ${context.cwd}\n`);
      for (const connector of connectors) {
        context.stdout.write(`${connector.id}  ${connector.package}@${connector.version}  ${connector.displayName}  (${connector.operations.length} operations)\n`);
        for (const operation of connector.operations) context.stdout.write(`  ${operation}\n`);
      }
      for (const problem of problems) context.stdout.write(`broken: ${problem.package}: ${problem.reason}\n`);
    });
    return 0;
  } finally {
    await manager.close();
  }
}

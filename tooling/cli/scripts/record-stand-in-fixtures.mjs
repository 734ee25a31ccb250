#!/usr/bin/env node
// Records connectors/<name>/fixtures/ from the stand-ins: every operation of every connector (or of
// the connectors named on the command line), one case each, through the same recorder as
// `patchbay record`. Run after `pnpm build`: node tooling/cli/scripts/record-stand-in-fixtures.mjs [name…]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importConnectorModule, readConnectorPackage, recordFixtureCase, writeFixtureCase } from '@patchbay/connector-kit';
import { standInCalls } from './stand-in-calls.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(standInCalls);
let failed = 0;

for (const name of names) {
  const plan = standInCalls[name];
  if (plan === undefined) throw new Error(`no stand-in calls for "${name}"; known: ${Object.keys(standInCalls).join(', ')}`);
  const directory = path.join(root, 'connectors', name);
  const module = await importConnectorModule(await readConnectorPackage(directory));
  const missing = Object.keys(module.operations).filter((operation) => !plan.steps.some(([step]) => step === operation));
  if (missing.length > 0) console.warn(`${name}: no stand-in call for ${missing.join(', ')}`);
  const standIn = await plan.start();
  try {
    const { credentials, config } = plan.connect(standIn);
    const data = {};
    for (const [operation, input] of plan.steps) {
      const fixtureCase = await recordFixtureCase({ module, operation, input: input({ standIn, data }), credentials, config });
      const file = await writeFixtureCase(path.join(directory, 'fixtures'), module.id, operation, fixtureCase);
      const exchange = fixtureCase.exchanges.at(-1);
      data[operation] = exchange?.response.body && 'json' in exchange.response.body ? exchange.response.body.json : undefined;
      const ended = fixtureCase.result.ok ? 'ok' : fixtureCase.result.code;
      if (!fixtureCase.result.ok) failed += 1;
      console.log(`${path.relative(root, file)}: ${fixtureCase.exchanges.length} exchange(s), ${ended}`);
    }
  } finally {
    await standIn.close();
  }
}
if (failed > 0) {
  console.error(`${failed} call(s) did not succeed against the stand-in; their fixtures record the failure`);
  process.exitCode = 1;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorModule } from '@patchbay/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFileName, type FixtureFile } from '../fixtures/fixture-format.js';
import { readFixtureFiles } from '../fixtures/fixture-store.js';
import { replayFixtureCase } from '../fixtures/replay-case.js';
import { startReplayServer, type ReplayServer } from '../fixtures/replay-server.js';
import { outputChecker } from './output-check.js';

export interface FixtureOptions {
  /**
   * Whether every operation must have a fixture; true by default. `patchbay new` sets it to false
   * in a new package, which has nothing recorded yet: its fixtures are replayed all the same.
   */
  requireFixtures?: boolean;
}

/**
 * Replays the package's recorded fixtures (`fixtures/<operation>.json`) through the module against
 * a loopback server: each request the connector sends must match the recorded one, or the test
 * fails naming every field that differs. Every operation must have at least one fixture; record
 * them with `patchbay record`. Part of `describeConnectorPackage`.
 */
export function describeFixtures(module: ConnectorModule, packageRoot: URL, options: FixtureOptions = {}): void {
  const directory = fileURLToPath(new URL('fixtures/', packageRoot));
  const state: { server?: ReplayServer; files?: Map<string, FixtureFile> } = {};
  const check = outputChecker(module);

  describe(`the ${module.id} connector's recorded fixtures`, () => {
    beforeAll(async () => {
      state.files = await readFixtureFiles(directory);
      state.server = await startReplayServer();
    });
    afterAll(async () => {
      await state.server?.close();
    });

    it('name only operations the connector has', () => {
      const unknown = [...state.files!.keys()].filter((operation) => module.operations[operation] === undefined);
      expect(unknown, `fixtures for operations ${module.id} does not have`).toEqual([]);
    });

    const required = options.requireFixtures ?? true;
    for (const operation of Object.keys(module.operations)) {
      if (!required && !existsSync(path.join(directory, fixtureFileName(operation)))) continue;
      it(`${operation} replays its fixtures`, async () => {
        const file = state.files!.get(operation);
        const cases = file?.cases ?? [];
        expect(cases.length, `${module.id} ${operation} has no fixture: record one with \`patchbay record\` (see CONTRIBUTING.md)`).toBeGreaterThan(0);
        for (const fixtureCase of cases) {
          const { problems, result } = await replayFixtureCase(module, operation, fixtureCase, state.server!);
          const outputProblem = check(result);
          if (outputProblem !== undefined) problems.push(outputProblem);
          expect(problems, `${operation}, case "${fixtureCase.name}":\n${problems.join('\n')}`).toEqual([]);
        }
      });
    }
  });
}

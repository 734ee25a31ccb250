import path from 'node:path';
import { PatchbayError, type ConnectorModule } from '@patchbay/contract';
import { readJsonFile } from './terminal/json-input.js';

/**
 * The connector package a command runs in, when it runs in one. Discovery reads an app's
 * dependencies, and a connector package is not its own dependency, so `patchbay run` in
 * `connectors/github` would otherwise not find `github`.
 */
export async function connectorHere(cwd: string): Promise<ConnectorModule | undefined> {
  const manifest = await readJsonFile(path.join(cwd, 'package.json'));
  if (typeof manifest !== 'object' || manifest === null || !('patchbay' in manifest)) return undefined;
  // The kit (and what it loads) only when there is a connector here to read.
  const { importConnectorModule, readConnectorPackage } = await import('@patchbay/connector-kit');
  const pkg = await readConnectorPackage(cwd);
  try {
    return (await importConnectorModule(pkg)) as ConnectorModule;
  } catch (error) {
    throw new PatchbayError({
      code: 'CONNECTOR_NOT_FOUND',
      message: `${pkg.name} in ${cwd} cannot be loaded (${(error as Error).message.split('\n')[0]}); build it first`,
      cause: error,
    });
  }
}

import type { ConnectorPlan } from './connector-plan.js';
import { propertyKey, stringLiteral } from './source-literal.js';

/** The generated client's `connectionParams` hook and the helper it calls; empty when the plan has none. */
export interface ConnectionParamsSource {
  /** Import line the helper needs. */
  imports: string;
  /** Top-level helper, placed before the client class. */
  helper: string;
  /** The `connectionParams` entry of `BaseAPIClient.define`, indented for it. */
  entry: string;
}

export function renderConnectionParams(plan: ConnectorPlan): ConnectionParamsSource {
  const parameters = Object.entries(plan.connectionParameters ?? {});
  if (parameters.length === 0) return { imports: '', helper: '', entry: '' };
  const fields = parameters.map(
    ([name, source]) => `${propertyKey(name)}: connectionValue(connection, ${source.config === undefined ? 'undefined' : stringLiteral(source.config)}, ${stringLiteral(source.credential)})`,
  );
  return {
    imports: "import { PatchbayError, type ConnectionContext } from '@patchbay/contract';\n",
    helper: `
/**
 * A path parameter that names the connection's own account: its config field (a subaccount) when
 * set, else its credential. Never taken from the input, so a call cannot reach another account.
 */
function connectionValue(connection: ConnectionContext, config: string | undefined, credential: string): string {
  const value = (config === undefined ? undefined : connection.config[config]) ?? connection.credentials[credential];
  if (typeof value !== 'string' || value === '') {
    throw new PatchbayError({ code: 'AUTH_FAILED', message: \`The connection has no "\${credential}" credential; nothing was sent\` });
  }
  return value;
}
`,
    entry: `  connectionParams: (connection) => ({ ${fields.join(', ')} }),\n`,
  };
}

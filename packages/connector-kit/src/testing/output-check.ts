import { createSchemaCompiler, sharedDefinitionsUri, type ConnectorExecuteOutput, type ConnectorModule, type SchemaValidator } from '@patchbay/contract';

/**
 * Checks successful results against their operation's `outputSchema`, so every response a
 * connector's tests receive from a stand-in (or replay from a fixture) proves the schema, and so
 * the output types generated from it, describe what the vendor sends.
 */
export function outputChecker(module: Pick<ConnectorModule, 'id' | 'operations' | '$defs'>): (result: ConnectorExecuteOutput) => string | undefined {
  const compiler = createSchemaCompiler();
  const validators = new Map<string, SchemaValidator>();
  const shared = module.$defs === undefined ? undefined : { uri: sharedDefinitionsUri(module.id), definitions: module.$defs };
  return (result) => {
    if (!result.ok) return undefined;
    const schema = module.operations[result.meta.operation]?.outputSchema;
    if (schema === undefined) return undefined;
    let validate = validators.get(result.meta.operation);
    if (!validate) validators.set(result.meta.operation, (validate = compiler.compile(schema, shared)));
    const issues = validate(result.data);
    if (issues === null) return undefined;
    const listed = issues.slice(0, 10).map((issue) => `${issue.pointer || '/'} ${issue.message}`);
    return `${module.id} ${result.meta.operation}: data does not match the operation's outputSchema: ${listed.join('; ')}`;
  };
}

import { PatchbayError, createSchemaCompiler, type JSONSchema, type SchemaValidator, type SharedSchemaResource } from '@patchbay/contract';

/** Compiles each schema once, keyed by the schema object itself. */
export class ValidatorCache {
  private readonly compiler = createSchemaCompiler();
  private readonly validators = new WeakMap<object, SchemaValidator>();
  // Boolean schemas (`true` accepts anything) are valid JSON Schema but cannot key a WeakMap.
  private readonly booleanValidators = new Map<unknown, SchemaValidator>();

  /**
   * Throws a CONNECTOR_ERROR naming `subject` when the schema itself does not compile. `shared`
   * resolves its references to the connector's shared definitions (compiled once per connector).
   */
  get(schema: JSONSchema, subject = 'A schema', shared?: SharedSchemaResource): SchemaValidator {
    const cache = typeof schema === 'object' && schema !== null ? this.validators : this.booleanValidators;
    let validate = cache.get(schema);
    if (!validate) {
      try {
        validate = this.compiler.compile(schema, shared);
      } catch (error) {
        throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `${subject} does not compile: ${(error as Error).message}`, cause: error });
      }
      cache.set(schema, validate);
    }
    return validate;
  }
}

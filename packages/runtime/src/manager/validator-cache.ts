import { createSchemaCompiler, type JSONSchema, type SchemaValidator } from '@patchbay/contract';

/** Compiles each schema once, keyed by the schema object itself. */
export class ValidatorCache {
  private readonly compiler = createSchemaCompiler();
  private readonly validators = new WeakMap<JSONSchema, SchemaValidator>();

  get(schema: JSONSchema): SchemaValidator {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.compiler.compile(schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

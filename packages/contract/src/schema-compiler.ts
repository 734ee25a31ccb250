import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidationIssue } from './execute.js';
import type { JSONSchema } from './json-schema.js';
import { pointAtSharedDefinitions, type SharedDefinitions } from './shared-definitions.js';

// ajv and ajv-formats are CommonJS with a `default` export; under Node's ESM interop the default
// import is the whole `module.exports`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** Validates a value; returns every issue, or `null` when the value is valid. */
export type SchemaValidator = (value: unknown) => ValidationIssue[] | null;

/** A connector's shared definitions and the URI they are registered under (`sharedDefinitionsUri`). */
export interface SharedSchemaResource {
  uri: string;
  definitions: SharedDefinitions;
}

export interface SchemaCompiler {
  /**
   * Compiles a schema once; throws with the reason when the schema itself is invalid. With
   * `shared`, its `#/$defs/<name>` references resolve into those definitions, registered with
   * the compiler once per URI and compiled once for every schema that uses them.
   */
  compile(schema: JSONSchema, shared?: SharedSchemaResource): SchemaValidator;
  /**
   * Checks a schema against the draft 2020-12 meta-schema without compiling it: the reason it is
   * malformed, or `undefined`. Much cheaper than `compile` on large schemas, but blind to
   * references that do not resolve.
   */
  check(schema: JSONSchema | boolean): string | undefined;
}

/**
 * A JSON Schema (draft 2020-12) compiler that reports every error with its JSON pointer. Vendor
 * schemas carry keywords ajv does not know (`example`, `x-*`), so unknown keywords are ignored
 * rather than rejected.
 */
export function createSchemaCompiler(): SchemaCompiler {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const registered = new Map<string, SharedDefinitions>();
  return {
    compile(schema, shared) {
      let target = schema;
      if (shared !== undefined) {
        // A connector's catalog and its imported module carry equal definitions as two objects:
        // the first registered serves both.
        if (!registered.has(shared.uri)) {
          ajv.addSchema({ $id: shared.uri, $defs: shared.definitions });
          registered.set(shared.uri, shared.definitions);
        }
        target = pointAtSharedDefinitions(schema, shared.uri);
      }
      const validate = ajv.compile(target as object);
      return (value) => (validate(value) ? null : toIssues(validate));
    },
    check(schema) {
      return ajv.validateSchema(schema as object) ? undefined : ajv.errorsText(ajv.errors, { dataVar: 'schema' });
    },
  };
}

/**
 * Issues listed in full; beyond this a result would grow with the input (200,000 bad entries made
 * an 18.9 MB result), so the rest are counted in one closing issue instead.
 */
const MAX_LISTED_ISSUES = 100;

function toIssues(validate: ValidateFunction): ValidationIssue[] {
  const errors = validate.errors ?? [];
  const issues = errors.slice(0, MAX_LISTED_ISSUES).map(toIssue);
  if (errors.length > MAX_LISTED_ISSUES) {
    const more = errors.length - MAX_LISTED_ISSUES;
    issues.push({ pointer: '', keyword: 'truncated', message: `and ${more} more ${more === 1 ? 'issue' : 'issues'} not listed` });
  }
  return issues;
}

function toIssue(error: ErrorObject): ValidationIssue {
  let pointer = error.instancePath;
  if (error.keyword === 'required') {
    pointer += `/${escapePointer(String((error.params as { missingProperty: string }).missingProperty))}`;
  } else if (error.keyword === 'additionalProperties') {
    pointer += `/${escapePointer(String((error.params as { additionalProperty: string }).additionalProperty))}`;
  }
  return { pointer, keyword: error.keyword, message: describe(error) };
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not an allowed property';
  if (error.keyword === 'enum') {
    return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return error.message ?? `fails ${error.keyword}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

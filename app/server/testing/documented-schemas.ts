/**
 * Checks answers against the JSON Schemas `/v1/openapi.json` publishes (ajv with draft 2020-12, the
 * dialect of OpenAPI 3.1; already installed as Fastify's own validator), so tests see what API clients see,
 * not zod's view of it.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument, type OpenApiDocument } from '../http/openapi.ts';

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** A validator for `#/components/schemas/<name>` of the document (by default the app's own), refs resolved within it. */
export function documentedSchemas(doc: OpenApiDocument = openApiDocument('http://127.0.0.1:3000')): (name: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // The document's own keyword around the schemas; ajv resolves `#/components/schemas/...` through it.
  ajv.addKeyword('components');
  ajv.addSchema({ $id: 'urn:foyer:openapi', components: doc.components });
  return (name) => {
    const v = ajv.getSchema(`urn:foyer:openapi#/components/schemas/${name}`);
    if (!v) throw new Error(`no schema ${name}`);
    return v;
  };
}

/** Throws, naming what is wrong, unless the value matches the documented schema. */
export function expectValid(v: ValidateFunction, value: unknown): void {
  if (!v(value)) throw new Error(`does not match the documented schema: ${JSON.stringify(v.errors)}\n${JSON.stringify(value)}`);
}

/** `documentedSchemas` and `expectValid` in one call: `matches('Room', answer)`. */
export function schemaChecker(doc?: OpenApiDocument): (name: string, value: unknown) => true {
  const schema = documentedSchemas(doc);
  return (name, value) => {
    try {
      expectValid(schema(name), value);
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`);
    }
    return true;
  };
}

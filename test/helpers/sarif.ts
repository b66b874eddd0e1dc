import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { ROOT } from './cli.js';

let validator: ValidateFunction | undefined;

/**
 * Validate a document against the SARIF 2.1.0 schema (OASIS errata 01, a draft-04 schema, kept in test/data):
 * the list of errors, empty when it is valid.
 */
export function sarifErrors(doc: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  if (validator(doc)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

import type { SchemaError } from '../errors/schema-error';

/** A validator generated at build time (generated/*.js); `errors` holds the last run's failures. */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

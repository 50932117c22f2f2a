/**
 * One failed keyword, in the shape Ajv reports it with `verbose` on. Every validator of the
 * platform produces this shape (Ajv at run time on the server, the precompiled standalone
 * validators everywhere, the interpreting browser validator for vendor schemas), so one
 * formatter turns all of them into the same words.
 */
export interface SchemaError {
  keyword: string;
  /** JSON pointer of the failing value, from the validated document's root. */
  instancePath: string;
  /** Where the keyword sits in the schema; used to tell an `anyOf` branch from its parent. */
  schemaPath: string;
  /** Keyword parameters as Ajv names them (`missingProperty`, `limit`, `allowedValues`…). */
  // Ajv types its params as `Record<string, any>`; `unknown` keeps every reader explicit.
  params: Record<string, unknown>;
  /** The schema object holding the keyword. */
  parentSchema?: unknown;
  /** The failing value. */
  data?: unknown;
}

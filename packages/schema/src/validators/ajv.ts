import Ajv2020, { type Options } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The Ajv configuration of the fixed schemas (manifest meta-schema, portal, primitive props).
 * They are compiled once, at build time, into standalone modules (see generate.ts); nothing
 * compiles them at run time.
 */
export const FIXED_SCHEMA_OPTIONS: Options = {
  strict: true,
  // discriminated unions name the tag in `required` beside `oneOf`, which strictRequired rejects
  strictRequired: false,
  allErrors: true,
  // The formatter reads the failing value and the schema object of each error.
  verbose: true,
  discriminator: true,
  allowUnionTypes: true,
  validateFormats: true,
};

/** An Ajv for vendor schemas on the server, one per plugin version (see cache.ts). */
export function createVendorAjv(): Ajv2020 {
  // Vendor schemas already passed the subset checks; strictTypes would only repeat them.
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allErrors: true,
    verbose: true,
    // 0.3 is a multiple of 0.1 to a person (and to the browser's validator); in binary
    // floating point it is not, and a step of 0.1 would refuse what the form allowed.
    multipleOfPrecision: 9,
  });
  addFormats(ajv);
  return ajv;
}

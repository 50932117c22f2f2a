// The helpers Ajv's standalone validators call (generated/*.js import them from here). Ajv ships
// them as CommonJS modules with an `exports.default`; Node hands an ES module the whole
// `module.exports` as its default while bundlers (Vite) hand it `exports.default`, so each is
// unwrapped once here and both get the function itself.
import * as ucs2Module from 'ajv/dist/runtime/ucs2length.js';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';

function unwrap<T>(m: { default: T }): T {
  const inner = (m.default as { default?: T } | undefined)?.default;
  return inner ?? m.default;
}

export const ucs2length = unwrap(ucs2Module);
export const equal = unwrap(equalModule);
/** ajv-formats' full formats: the same definitions the server's Ajv instances add. */
export const formats = fullFormats;

import { isUtf8 } from 'node:buffer';
import { HttpError } from './errors';

/**
 * Text the platform stores or compares must be real Unicode text: well-formed UTF-8 on the wire,
 * no lone UTF-16 surrogates after JSON unescaping (`"\ud800"`), and no NUL, which C-based
 * tools, drivers and terminals downstream treat as the end of a string. Such input is refused
 * with a 400 `bad_text` rather than silently "repaired" into U+FFFD and stored.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isCleanText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

export function badText(pointer: string): HttpError {
  return new HttpError(
    400,
    'bad_text',
    'The request holds text that is not valid UTF-8, or a NUL character.',
    [{ pointer, message: 'is not valid text' }],
  );
}

/** Refuses a JSON body whose bytes are not UTF-8 (the JSON parser's `verify` hook). */
export function verifyUtf8Body(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw badText('/body');
}

/**
 * Refuses a request target (path and query string) whose percent-decoded bytes are not UTF-8 or
 * hold a NUL. Decoders downstream (path parameters, the query parser) would otherwise turn the
 * bytes into U+FFFD or pass the NUL on.
 */
export function checkRequestTarget(rawUrl: string): void {
  // Most targets are plain ASCII without escapes: valid as they stand, and every hot request
  // passes here, so they skip the byte-by-byte decoding below.
  if (!/[%\0\u0080-\uffff]/.test(rawUrl)) return;
  const query = rawUrl.indexOf('?');
  const parts: [string, string][] = [
    ['/params', query < 0 ? rawUrl : rawUrl.slice(0, query)],
    ['/query', query < 0 ? '' : rawUrl.slice(query + 1)],
  ];
  for (const [pointer, text] of parts) {
    const bytes = percentDecoded(text);
    if (!bytes || bytes.includes(0) || !isUtf8(bytes)) throw badText(pointer);
  }
}

function percentDecoded(text: string): Buffer | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const hex = text.slice(i + 1, i + 3);
    if (code === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (code > 0xff) {
      return null;
    } else {
      bytes.push(code);
    }
  }
  return Buffer.from(bytes);
}

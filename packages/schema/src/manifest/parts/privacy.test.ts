// The privacy part's types and its meta-schema describe the same documents (as drift.test.ts
// checks for the rest of the manifest).
import { describe, expect, it } from 'vitest';
import { manifestMetaSchema } from '../meta-schema';
import type { ClearRule, PrivacyDef } from './privacy';

const keys =
  <T>() =>
  <K extends Record<keyof T, true>>(k: K & Record<Exclude<keyof K, keyof T>, never>) =>
    Object.keys(k).sort();
type Props = { properties: Record<string, unknown> };
const defs = manifestMetaSchema.$defs as unknown as Record<string, Props>;

describe('the privacy part', () => {
  it('has the same keys in its types and its schema', () => {
    expect(keys<PrivacyDef>()({ clear: true, unmask: true, subject: true })).toEqual(
      Object.keys(defs.privacy!.properties).sort(),
    );
    const clear = defs.privacy!.properties.clear as { items: Props };
    expect(keys<ClearRule>()({ fields: true, roles: true, where: true })).toEqual(
      Object.keys(clear.items.properties).sort(),
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidatorModules } from './generate';

const dir = new URL('../generated/', import.meta.url);
const fresh = generateValidatorModules();

describe('precompiled validators (src/generated)', () => {
  it.each(Object.keys(fresh))('%s is what the schemas generate today', (name) => {
    const committed = readFileSync(new URL(name, dir), 'utf8');
    // A boolean, not the text: the modules are hundreds of kilobytes long.
    expect(
      committed === fresh[name],
      `src/generated/${name} is stale: run \`pnpm --filter @scene/schema generate\``,
    ).toBe(true);
  });

  it('holds nothing else, and nothing that compiles code or needs CommonJS', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(fresh).sort());
    for (const code of Object.values(fresh)) {
      expect(code).not.toMatch(/new Function|\beval\(|\brequire\(/);
    }
  });
});

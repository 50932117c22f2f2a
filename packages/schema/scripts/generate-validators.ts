// Writes the precompiled validators (src/generated/) from the fixed schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateValidatorModules } from '../src/validators/generate';

const dir = fileURLToPath(new URL('../src/generated/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(generateValidatorModules())) {
  writeFileSync(`${dir}${name}`, content);
  console.log(`wrote src/generated/${name} (${content.length} bytes)`);
}

import { expect, test } from '@playwright/test';
import { filesWithLibrary } from '@scene/bench-kit';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The builds this suite runs against: each app ships its own UI library and not the other's
// (@scene/forms keeps its Vant and Element Plus widget maps behind separate entry points, and
// the renderer takes its form widgets from the app).
const dist = (app: string) => fileURLToPath(new URL(`../../${app}/dist`, import.meta.url));

test('the resident portal ships Vant and no Element Plus', () => {
  expect(filesWithLibrary(dist('packages/portal'), 'element-plus')).toEqual([]);
  expect(filesWithLibrary(dist('packages/portal'), 'vant').length).toBeGreaterThan(0);
});

test('the studio ships Element Plus and no Vant', () => {
  expect(filesWithLibrary(dist('studio'), 'vant')).toEqual([]);
  expect(filesWithLibrary(dist('studio'), 'element-plus').length).toBeGreaterThan(0);
});

test('the studio ships no plugin data: previews read example data from the registry', () => {
  const assets = join(dist('studio'), 'assets');
  // A record of the standard repair plugin's example data, and its manifest's description (the
  // plugin id alone may appear in validation messages as an example of an id).
  const shipped = readdirSync(assets).filter((f) => {
    const text = readFileSync(join(assets, f), 'utf8');
    return text.includes('厨房下水管漏水') || text.includes('居民在线报修家中或公共区域的故障');
  });
  expect(shipped).toEqual([]);
});

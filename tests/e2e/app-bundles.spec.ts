import { expect, test } from '@playwright/test';
import { filesWithLibrary } from '@scene/bench-kit';
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

import { expect, test } from '@playwright/test';

test('the platform serves the studio to a real browser', async ({ page, request }) => {
  const health = await request.get('/healthz');
  const facts = await health.json();
  expect(facts).toMatchObject({ status: 'ok', database: 'up' });
  // The development launcher reports the local database's size (the WAL is kept bounded).
  expect(facts.localDatabase.totalBytes).toBeGreaterThan(0);
  expect(facts.localDatabase.walBytes).toBeLessThanOrEqual(facts.localDatabase.totalBytes);

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/studio/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('场景工作室');
  expect(errors).toEqual([]);
});

test('the platform serves the resident portal under /c/:communityId/', async ({ page }) => {
  await page.goto('/c/demo-community/');
  await expect(page.getByTestId('community')).toHaveText('demo-community');
});

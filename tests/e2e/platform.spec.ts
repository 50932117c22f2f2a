import { expect, test } from '@playwright/test';

test('the platform serves the studio to a real browser', async ({ page, request }) => {
  const health = await request.get('/healthz');
  // Beside these, the local database reports its disk use.
  expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });

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

import { expect, it } from 'vitest';
import { listCacheOptions } from './list-cache-options';

// A collection past `maxRecords` is listed by the database, a scan per read on the local one:
// the 8-minute soak collapsed when its tickets passed a cap below the memory budget.
it('holds a collection as large as the whole budget unless told otherwise', () => {
  expect(listCacheOptions({})).toMatchObject({
    maxRecords: 50_000,
    budget: 50_000,
    coldWaitMs: 1000,
  });
  expect(listCacheOptions({ LIST_CACHE_BUDGET: '8000' })).toMatchObject({
    maxRecords: 8000,
    budget: 8000,
  });
  expect(
    listCacheOptions({ LIST_CACHE_BUDGET: '8000', LIST_CACHE_MAX_RECORDS: '100' }),
  ).toMatchObject({ maxRecords: 100, budget: 8000 });
  // A value that is not a count keeps the default.
  expect(listCacheOptions({ LIST_CACHE_MAX_RECORDS: 'many' }).maxRecords).toBe(50_000);
});

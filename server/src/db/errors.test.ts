import { describe, expect, it } from 'vitest';
import { duplicateKeyIndexes, isDatabaseUnavailable } from './errors';

/** An error as the driver names it (its classes are internal; the name is what is checked). */
const driverError = (name: string) => Object.assign(new Error('x'), { name });

describe('isDatabaseUnavailable', () => {
  it('is true for a pool cleared after the server monitor timed out', () => {
    expect(isDatabaseUnavailable(driverError('PoolClearedOnNetworkError'))).toBe(true);
    expect(isDatabaseUnavailable(driverError('MongoServerSelectionError'))).toBe(true);
  });

  it('is false for errors that are not about reaching the database', () => {
    expect(isDatabaseUnavailable(driverError('MongoServerError'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('duplicateKeyIndexes', () => {
  const bulk = (writeErrors: unknown) =>
    Object.assign(new Error('bulk'), { code: 11000, writeErrors });

  it('names the documents a unique key refused, from a list or a single write error', () => {
    expect(
      duplicateKeyIndexes(
        bulk([
          { index: 0, code: 11000 },
          { index: 3, err: { code: 11000 } },
        ]),
      ),
    ).toEqual([0, 3]);
    expect(duplicateKeyIndexes(bulk({ index: 2, code: 11000 }))).toEqual([2]);
  });

  it('is null when anything else failed too, or the error is not a bulk write', () => {
    expect(
      duplicateKeyIndexes(
        bulk([
          { index: 0, code: 11000 },
          { index: 1, code: 121 },
        ]),
      ),
    ).toBeNull();
    expect(duplicateKeyIndexes(bulk([]))).toBeNull();
    expect(duplicateKeyIndexes(Object.assign(new Error('x'), { code: 11000 }))).toBeNull();
    expect(duplicateKeyIndexes(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors';

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

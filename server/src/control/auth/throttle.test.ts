import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { startTestServer, type TestServer } from '../../testing/server';
import { sourceAddress } from './throttle';

const db = useTestDatabase('throttle');
let t: TestServer;
const PASSWORD = 'Lantern-orbit-58';

beforeAll(async () => {
  t = await startTestServer(db.connection());
  for (let i = 0; i < 13; i++) {
    await t.services.auth.createAccount({
      username: i === 0 ? 'admin-x' : `person${i}`,
      displayName: `Person ${i}`,
      password: PASSWORD,
    });
  }
});
afterAll(() => t.close());

/** A login from a given source address (the test server trusts its loopback proxy). */
const login = (username: string, password: string, from: string) =>
  t.call('POST', '/api/v1/auth/login', {
    body: { username, password },
    headers: { 'x-forwarded-for': from },
  });

describe('login throttling', () => {
  it('does not let a guesser elsewhere lock the real person out', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login('admin-x', `wrong-guess-${i}`, '203.0.113.7')).status).toBe(401);
    }
    const guesser = await login('admin-x', 'wrong-guess-6', '203.0.113.7');
    expect(guesser.status).toBe(429);
    expect(Number(guesser.headers.get('retry-after'))).toBeGreaterThan(0);
    // The owner, from their own address, is not slowed down at all.
    expect((await login('admin-x', PASSWORD, '198.51.100.20')).status).toBe(200);
    // And the guesser's address still waits, even with the right password.
    expect((await login('admin-x', PASSWORD, '203.0.113.7')).status).toBe(429);
  });

  it('makes each further failure wait longer', async () => {
    const { throttle } = t.services.auth;
    const start = new Date('2030-01-01T00:00:00Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const waits: number[] = [];
    let clock = 0;
    for (let n = 0; n < 8; n++) {
      try {
        await throttle.attempt('slow-person', '192.0.2.1', at(clock));
      } catch (err) {
        const wait = (err as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
        waits.push(wait);
        clock += wait;
        await throttle.attempt('slow-person', '192.0.2.1', at(clock));
      }
    }
    expect(waits).toEqual([60, 120, 240]);
  });

  it('limits one address across accounts (12 accounts × 1 password)', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const res = await login(`person${i}`, 'Spring2025!', '203.0.113.99');
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Other addresses are unaffected.
    expect((await login('person11', PASSWORD, '198.51.100.21')).status).toBe(200);
  });

  it('counts IPv6 callers by their /64', () => {
    expect(sourceAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('2001:db8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('::ffff:192.0.2.5')).toBe('192.0.2.5');
    expect(sourceAddress('192.0.2.5')).toBe('192.0.2.5');
  });
});

describe('no username enumeration', () => {
  it('checks the invitation before saying a username is taken', async () => {
    const res = await t.call('POST', '/api/v1/auth/register', {
      body: {
        invitationCode: 'NOPE-NOPE-NOPE',
        username: 'admin-x',
        displayName: '谁',
        password: 'Copper-kettle-31',
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_invitation');
  });
});

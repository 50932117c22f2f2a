// Error messages in the reader's language, over HTTP against the real database: the studio and
// the portal send their reader's language; a refusal reads in it, in the shared error format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../testing/server';

const db = useTestDatabase('error-words');
let t: TestServer;
const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' };
const en = { 'accept-language': 'en-GB,en;q=0.9' };
const login = (password: string, headers?: Record<string, string>) =>
  t.call('POST', '/api/v1/auth/login', { body: { username: 'words-user', password }, headers });

beforeAll(async () => {
  t = await startTestServer(db.connection());
  await sessionFor(t.services, { username: 'words-user' });
});
afterAll(() => t.close());

describe('error messages', () => {
  it("speak the reader's language and keep the code", async () => {
    const inChinese = await login('not-the-password', zh);
    expect(inChinese.status).toBe(401);
    expect(inChinese.json.error).toEqual({
      code: 'invalid_credentials',
      message: '用户名或密码不正确。',
    });
    const inEnglish = await login('not-the-password', en);
    expect(inEnglish.json.error.message).toBe('The username or password is wrong.');
    // Without the header (scripts, the CLI): English, as thrown.
    expect((await login('not-the-password')).json.error.message).toBe(
      'The username or password is wrong.',
    );
  });

  it('fall back to words for the status where a code has none, never to English', async () => {
    const missing = await t.call('GET', '/api/v1/no-such-thing', { headers: zh });
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('找不到该内容，可能已被删除。');
    const anonymous = await t.call('GET', '/api/v1/me/inbox', { headers: zh });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.message).toBe('请先登录。');
    const malformed = await t.call('POST', '/api/v1/auth/login', {
      raw: '{"username":',
      headers: { ...zh, 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('use the words a refusal carries itself', async () => {
    const weak = await t.call('POST', '/api/v1/auth/register', {
      body: { username: 'words-weak', password: '123', displayName: '弱密码' },
      headers: zh,
    });
    expect(weak.status).toBeGreaterThanOrEqual(400);
    expect(weak.status).toBeLessThan(500);
    expect(weak.json.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { deleteUploadsOf } from './service';
import { TINY_PNG } from '../../testing/images';
import { matrixWorld, type Role } from '../../testing/matrix-fixture';
import { startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('public-uploads');
let t: TestServer;
let as: Record<Role, string | undefined>;
const community = '/api/v1/communities/own-c';

beforeAll(async () => {
  t = await startTestServer(db.connection());
  as = await matrixWorld(t);
});
afterAll(() => t.close());

const post = (path: string, who: string | undefined, body: Buffer, type = 'image/png') =>
  fetch(`${t.base}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...(who ? { cookie: `scene_session=${who}` } : {}) },
  });
const stored = () => db.connection().db!.collection('uploads.files').countDocuments();

describe("a community's public uploads (the theme logo)", () => {
  it('are uploaded by an operator and shown to anyone, signed in or not, in that community only', async () => {
    const res = await post(`${community}/public-uploads`, as.operator, TINY_PNG);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const shown = await fetch(`${t.base}${community}/public-uploads/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('cache-control')).toContain('public');
    const meta = await sharp(Buffer.from(await shown.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 8, height: 8 });

    // Not under another community's path.
    const elsewhere = await fetch(`${t.base}/api/v1/communities/other-c/public-uploads/${id}`);
    expect(elsewhere.status).toBe(404);
  });

  it("are the community's: closing the operator's account leaves the logo up", async () => {
    const res = await post(`${community}/public-uploads`, as.operator, TINY_PNG);
    const { id } = (await res.json()) as { id: string };
    const me = await t.call('GET', '/api/v1/auth/me', { as: as.operator });
    const accountId = me.json.account.id as string;
    expect(accountId).toMatch(/^[0-9a-f]{24}$/);
    // What "delete my data" runs for the operator's files.
    await deleteUploadsOf(db.connection().db!, accountId);
    expect((await fetch(`${t.base}${community}/public-uploads/${id}`)).status).toBe(200);
    const mine = await t.call('GET', '/api/v1/me/data-export', { as: as.operator });
    expect(mine.status).toBe(200);
    expect(mine.json.uploads.map((u: { id: string }) => u.id)).not.toContain(id);
  });

  it("never makes a resident's photo public", async () => {
    const res = await post(`${community}/uploads`, as.resident, TINY_PNG);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const asPublic = await fetch(`${t.base}${community}/public-uploads/${id}`);
    expect(asPublic.status).toBe(404);
    expect(((await asPublic.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('refuses residents, visitors, a non-image and an oversize file, storing nothing', async () => {
    const before = await stored();
    expect((await post(`${community}/public-uploads`, as.resident, TINY_PNG)).status).toBe(403);
    expect((await post(`${community}/public-uploads`, undefined, TINY_PNG)).status).toBe(401);
    const html = await post(
      `${community}/public-uploads`,
      as.operator,
      Buffer.concat([TINY_PNG.subarray(0, 16), Buffer.from('<html><script>alert(1)</script>')]),
    );
    expect(html.status).toBe(400);
    expect(((await html.json()) as { error: { code: string } }).error.code).toBe('invalid_image');
    const text = await post(
      `${community}/public-uploads`,
      as.operator,
      Buffer.from('hello'),
      'text/plain',
    );
    expect(text.status).toBe(415);
    const huge = await post(
      `${community}/public-uploads`,
      as.operator,
      Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024)]),
    );
    expect(huge.status).toBe(413);
    expect(await stored()).toBe(before);
    const notAnId = await fetch(`${t.base}${community}/public-uploads/logo.png`);
    expect(notAnId.status).toBe(400);
  });
});

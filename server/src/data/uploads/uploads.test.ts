import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { photoWithExif, TINY_PNG } from '../../testing/images';
import { matrixWorld, type Role } from '../../testing/matrix-fixture';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('uploads');
let t: TestServer;
let as: Record<Role, string | undefined>;
const uploads = '/api/v1/communities/own-c/uploads';

beforeAll(async () => {
  t = await startTestServer(db.connection(), { UPLOAD_QUOTA: '3', UPLOAD_RATE: '6' });
  as = await matrixWorld(t);
});
afterAll(() => t.close());

const send = (who: string, body: Buffer, type = 'image/jpeg') =>
  fetch(`${t.base}${uploads}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type, cookie: `scene_session=${who}` },
  });
const stored = () => db.connection().db!.collection('uploads.files').countDocuments();

describe("residents' photos", () => {
  it('are re-encoded without EXIF: no GPS position, no camera', async () => {
    const original = await photoWithExif(64, 48);
    expect(original.includes('SpyPhone')).toBe(true);
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await send(as.resident!, original);
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: string; contentType: string };
    expect(saved.contentType).toBe('image/jpeg');
    const back = await fetch(`${t.base}${uploads}/${saved.id}`, {
      headers: { cookie: `scene_session=${as.resident}` },
    });
    const bytes = Buffer.from(await back.arrayBuffer());
    expect(bytes.includes('SpyPhone')).toBe(false);
    expect(bytes.includes('X9 Pro')).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
  });

  it('must decode: a 6-byte "JPEG" and a PNG header followed by HTML are refused', async () => {
    const person = await sessionFor(t.services, { username: 'u-decoder' });
    await t.services.members.ensure('own-c', person.accountId, 'resident');
    const before = await stored();
    const fakes: [Buffer, string][] = [
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'image/jpeg'],
      [
        Buffer.concat([TINY_PNG.subarray(0, 16), Buffer.from('<html><script>alert(1)</script>')]),
        'image/png',
      ],
      [
        Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), Buffer.from('<svg/onload=x>')]),
        'image/webp',
      ],
    ];
    for (const [body, type] of fakes) {
      const res = await send(person.token, body, type);
      expect(res.status, type).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_image');
    }
    expect(await stored()).toBe(before);
  });

  it('have a per-person quota and rate', async () => {
    const person = await sessionFor(t.services, { username: 'u-busy' });
    await t.services.members.ensure('own-c', person.accountId, 'resident');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await send(person.token, TINY_PNG, 'image/png')).status);
    // Three photos may be held (UPLOAD_QUOTA=3); the fourth is refused.
    expect(statuses).toEqual([201, 201, 201, 409]);
    // Attempts count against the rate (UPLOAD_RATE=6 per 10 minutes), refused ones too.
    await send(person.token, TINY_PNG, 'image/png');
    await send(person.token, TINY_PNG, 'image/png');
    const limited = await send(person.token, TINY_PNG, 'image/png');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Others are not affected.
    const other = await send(as.resident!, TINY_PNG, 'image/png');
    expect(other.status).toBe(201);
  });
});

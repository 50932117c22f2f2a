import express from 'express';
import type { Server } from 'node:http';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorHandler } from './error-handler';

// A client that leaves mid-answer (a page left while its scripts load) is not a server error:
// it was logged at level 50 ("request failed") on every such navigation in the browser suite.

const lines: { level: number; msg: string }[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  }),
);

const dir = mkdtempSync(join(tmpdir(), 'scene-abort-'));
// Larger than the socket buffers can hold, so the answer is still being sent when the client goes.
const big = join(dir, 'big.js');
writeFileSync(big, Buffer.alloc(64 * 2 ** 20, 'a'));

const app = express();
app.use((req, _res, next) => {
  req.log = logger;
  next();
});
app.get('/big.js', (_req, res, next) => res.sendFile(big, (err) => err && next(err)));
// As an upload is answered (data/uploads/routes.ts).
app.get('/piped.js', (_req, res, next) => {
  pipeline(createReadStream(big), res).catch(next);
});
app.get('/broken', () => {
  throw new Error('a real failure');
});
app.use(errorHandler);
let server: Server;
let port = 0;

beforeAll(async () => {
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const settled = async (what: (l: { level: number; msg: string }) => boolean) => {
  for (let i = 0; i < 200 && !lines.some(what); i++) await new Promise((r) => setTimeout(r, 25));
};

it.each(['/big.js', '/piped.js'])(
  'a client that leaves mid-file (%s) is noted at debug level, not logged as a failure',
  async (path) => {
    lines.length = 0;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`),
      );
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
    await settled((l) => l.msg === 'client went away');
    expect(lines.filter((l) => l.msg === 'client went away').map((l) => l.level)).toEqual([20]);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  },
);

it('a real failure is still logged as an error and answered 500', async () => {
  lines.length = 0;
  const res = await fetch(`http://127.0.0.1:${port}/broken`);
  expect(res.status).toBe(500);
  await settled((l) => l.level >= 50);
  expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual(['request failed']);
});

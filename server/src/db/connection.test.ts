import express from 'express';
import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../http/error-handler';
import { toHttpError } from '../http/errors';
import { useTestDatabase } from '../testing/database';
import { createLogger } from '../logger';
import { pinoHttp } from 'pino-http';

const db = useTestDatabase('connection');

interface Note {
  slug: string;
  title: string;
  tags: string[];
}
const noteSchema = new Schema<Note>({
  slug: { type: String, required: true, unique: true },
  title: { type: String, required: true, maxlength: 200 },
  tags: [String],
});

describe('mongoose on the real database', () => {
  it('round-trips a document', async () => {
    const Note = db.connection().model('Note', noteSchema);
    await Note.createIndexes();
    const created = await Note.create({ slug: 'repairs', title: '报修须知', tags: ['物业'] });
    const found = await Note.findById(created._id).lean();
    expect(found).toMatchObject({ slug: 'repairs', title: '报修须知', tags: ['物业'] });
  });

  it('turns a unique-index violation into a 409 in the shared error format', async () => {
    const Note = db.connection().model('Note', noteSchema);
    await Note.createIndexes();
    await Note.create({ slug: 'dup', title: 'first' });
    const err = await Note.create({ slug: 'dup', title: 'second' }).catch((e: unknown) => e);
    expect(toHttpError(err)).toMatchObject({ status: 409, code: 'conflict' });

    const app = express();
    app.use(pinoHttp({ logger: createLogger({ logLevel: 'silent', mode: 'test' }) }));
    app.post('/notes', async () => {
      await Note.create({ slug: 'dup', title: 'again' });
    });
    app.use(errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/notes`, { method: 'POST' });
    server.close();
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'conflict', message: 'This already exists.' });
    expect(await Note.countDocuments({ slug: 'dup' })).toBe(1);
  });
});

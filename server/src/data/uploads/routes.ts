import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../../http/errors';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { communityParams, obj, s } from '../../http/schemas';
import { IMAGE_TYPES, savedUpload } from './schemas';
import type { DataPlane } from '../plane';
import { openPublicUpload, openUpload, saveUpload } from './service';
import { MAX_UPLOAD_BYTES } from './sniff';

/** Reads a raw request body up to the upload limit (the JSON parser leaves image bodies alone). */
async function readBody(req: Request): Promise<Buffer> {
  if (req.is('application/json') || req.is('multipart/form-data')) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the image bytes as the body (image/jpeg, image/png or image/webp).',
    );
  }
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > MAX_UPLOAD_BYTES)
    throw new HttpError(413, 'payload_too_large', 'Files may be at most 5 MB.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES)
      throw new HttpError(413, 'payload_too_large', 'Files may be at most 5 MB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Sends a stored image with the headers every image answer carries. */
async function sendImage(
  res: Response,
  file: { contentType: string; size: number; stream: Readable },
  cache: string,
): Promise<void> {
  res.status(200);
  res.set({
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Cache-Control': cache,
    'Content-Disposition': 'inline',
    'X-Content-Type-Options': 'nosniff',
  });
  await pipeline(file.stream, res);
}

const imageParams = obj({ communityId: s.communityId, uploadId: s.id }, [
  'communityId',
  'uploadId',
]);

export function uploadRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/uploads',
      summary:
        'Upload one image (raw body, ≤ 5 MB; JPEG, PNG or WebP by content). It is decoded and re-encoded (EXIF such as GPS and camera removed); per person a rate and a quota apply. Answers {id, contentType, size}',
      tags: ['uploads'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: {
        201: json(savedUpload, 'Stored (re-encoded, metadata removed)'),
        400: failure('Not a readable image (`invalid_image`), or empty'),
        409: failure('The person holds as many photos here as allowed (`upload_quota`)'),
      },
      throttled: true,
      rawBody: IMAGE_TYPES,
      params: communityParams,
      handler: async ({ actor, req }) =>
        saveUpload(
          dp.connection.db!,
          { communityId: actor.communityId, accountId: actor.accountId },
          await readBody(req),
          dp.uploadLimits,
        ),
    }),
    defineRoute<{ params: { communityId: string; uploadId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/uploads/:uploadId',
      summary: 'An uploaded image, for its uploader and those who may read a record referencing it',
      tags: ['uploads'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: { 200: { description: 'The image', binary: 'image/*' } },
      params: imageParams,
      handler: async ({ actor, params, res }) =>
        sendImage(
          res,
          await openUpload(dp, params.communityId, actor, params.uploadId),
          'private, max-age=3600',
        ),
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/public-uploads',
      summary:
        "Upload an image anyone may see, signed in or not, under the community's public path (the theme logo): the same checks as any upload (raw body, ≤ 5 MB, JPEG, PNG or WebP by content, re-encoded). Answers {id, contentType, size}",
      tags: ['uploads'],
      auth: auth.community('operator'),
      responses: {
        201: json(savedUpload, 'Stored (re-encoded, metadata removed)'),
        400: failure('Not a readable image (`invalid_image`), or empty'),
      },
      throttled: true,
      rawBody: IMAGE_TYPES,
      params: communityParams,
      handler: async ({ actor, req }) =>
        saveUpload(
          dp.connection.db!,
          { communityId: actor.communityId, accountId: actor.accountId },
          await readBody(req),
          dp.uploadLimits,
          { public: true },
        ),
    }),
    defineRoute<{ params: { communityId: string; uploadId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/public-uploads/:uploadId',
      summary:
        "An image uploaded as public in this community, for anyone (no sign-in); another community's, or a private upload, is not found here",
      tags: ['uploads'],
      auth: auth.public,
      responses: {
        200: { description: 'The image', binary: 'image/*' },
        404: failure('No image uploaded as public in this community has this id'),
      },
      params: imageParams,
      handler: async ({ params, res }) =>
        sendImage(
          res,
          await openPublicUpload(dp.connection.db!, params.communityId, params.uploadId),
          'public, max-age=86400',
        ),
    }),
  ];
}

import { HttpError } from '../../http/errors';
import { loadSharp } from '../../on-first-use';
import type { ImageType } from './sniff';

/** Larger inputs are refused before they are decoded (a decompression bomb is small on disk). */
const MAX_INPUT_PIXELS = 40_000_000;
/** Photos are shown on phones; the long edge is brought down to this. */
const MAX_EDGE = 2560;

/**
 * Decodes an uploaded image and encodes it afresh in its own format. What comes out holds only
 * pixels: EXIF (GPS position, camera, time), XMP, comments and anything appended after the
 * image are gone, and a file that does not decode as the image it claims to be (a 6-byte
 * "JPEG", a PNG header followed by HTML) is refused with 400 `invalid_image`. The orientation
 * EXIF carried is applied to the pixels first, so photos stay upright.
 */
export async function reencodeImage(bytes: Buffer, type: ImageType): Promise<Buffer> {
  const sharp = await loadSharp();
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true });
  const encoded =
    type === 'image/jpeg'
      ? image.jpeg({ quality: 82 })
      : type === 'image/png'
        ? image.png({ compressionLevel: 8 })
        : image.webp({ quality: 82 });
  try {
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    if (info.width < 1 || info.height < 1) throw new Error('empty image');
    return data;
  } catch {
    throw new HttpError(
      400,
      'invalid_image',
      'This file is not a readable image (or is too large in pixels).',
    );
  }
}

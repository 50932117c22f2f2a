import sharp from 'sharp';

/** A real 8×8 PNG (uploads are decoded, so a header alone no longer passes). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwXlWOFTEMLQkAJbdVAbuCg2sAAAAASUVORK5CYII=',
  'base64',
);

/** A phone photo as it leaves the camera: a JPEG carrying the camera, the time and a GPS fix. */
export function photoWithExif(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SpyPhone', Model: 'X9 Pro', DateTime: '2025:05:01 08:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 2/1', GPSLongitudeRef: 'E' },
    })
    .toBuffer();
}

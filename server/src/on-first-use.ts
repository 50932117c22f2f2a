// Modules that cost much memory once loaded and serve rare requests, loaded on the first such
// request rather than at start: sharp (libvips, ~16 MB of RSS) for photo uploads and exceljs
// (~15 MB) for XLSX exports. Most processes serve neither for hours, or ever.
import type Sharp from 'sharp';
import type ExcelJS from 'exceljs';

/** `load` once; a failed load is tried again on the next use rather than kept. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

export const loadSharp = once(async (): Promise<typeof Sharp> => {
  const { default: sharp } = await import('sharp');
  // One libvips thread per image and no cache across requests: uploads are few, and the server
  // shares its cores with everything else.
  sharp.concurrency(1);
  sharp.cache(false);
  return sharp;
});

export const loadExcelJS = once(
  async (): Promise<typeof ExcelJS> => (await import('exceljs')).default,
);

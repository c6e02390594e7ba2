/** Small real images for the photo tests (drawn in Chromium: 6×4 pixels). */
import { encodePng } from '@cercle/server';
import { crc32 } from 'node:zlib';

/** A baseline JPEG, 6×4 (with an ICC profile segment). */
export const JPEG_6X4 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAEAAYDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAeEAABBAEFAAAAAAAAAAAAAAAAAQIDEhETIiNBYf/EABUBAQEAAAAAAAAAAAAAAAAAAAIF/8QAFhEBAQEAAAAAAAAAAAAAAAAAAAIx/9oADAMBAAIRAxEAPwCk0urTjjZRiN2Ji2O19AAUetf/2Q==',
  'base64',
);

/** A lossy WebP, 6×4, extended format (VP8X with an ICC profile, then VP8). */
export const WEBP_6X4 = Buffer.from(
  'UklGRhoCAABXRUJQVlA4WAoAAAAgAAAABQAAAwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggLAAAAHABAJ0BKgYABAACwEwlqAJ0AAAAAP6OL9ie6yPACDAH/wwy/rQ/hD2lAAAA',
  'base64',
);

/** A lossless WebP, 6×4, extended format (VP8X, ICCP, then VP8L). */
export const WEBP_LOSSLESS_6X4 = Buffer.from(
  'UklGRgQCAABXRUJQVlA4WAoAAAAgAAAABQAAAwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDhMFgAAAC8FwAAAD/Aq1c8w/w5x/iMNYxDR/zA=',
  'base64',
);

/** A simple-format WebP: RIFF around the one image chunk (`VP8 ` or `VP8L`) of `webp`. */
export function simpleWebp(webp: Buffer, type: 'VP8 ' | 'VP8L'): Buffer {
  const at = webp.indexOf(type, 12, 'latin1');
  const length = webp.readUInt32LE(at + 4);
  const chunk = webp.subarray(at, at + 8 + length + (length % 2));
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  head.writeUInt32LE(4 + chunk.length, 4);
  return Buffer.concat([head, chunk]);
}

/** A flat PNG of the given size. */
export const png = async (width: number, height: number): Promise<Buffer> =>
  Buffer.from(await encodePng(width, height, (x, y) => [(x * 40) % 256, (y * 40) % 256, 120]));

const GPS = Buffer.from('Exif\0\0 GPS 48.8566N 2.3522E camera serial 1234', 'latin1');

/** The JPEG with an EXIF segment (APP1) and a comment (COM) after its SOI, as cameras write. */
export function withExif(jpeg: Buffer): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  return Buffer.concat([
    jpeg.subarray(0, 2),
    segment(0xe1, GPS),
    segment(0xfe, Buffer.from('shot at home')),
    jpeg.subarray(2),
  ]);
}

/** The PNG with a tEXt chunk before its IEND. */
export function withPngText(image: Buffer): Buffer {
  const data = Buffer.concat([Buffer.from('Comment\0', 'latin1'), GPS]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([image.subarray(0, image.length - 12), chunk, image.subarray(-12)]);
}

/** The extended WebP with an EXIF chunk at its end, flagged in VP8X. */
export function withWebpExif(webp: Buffer): Buffer {
  const padded = GPS.length % 2 ? Buffer.concat([GPS, Buffer.alloc(1)]) : GPS;
  const head = Buffer.from('EXIF\0\0\0\0', 'latin1');
  head.writeUInt32LE(GPS.length, 4);
  const out = Buffer.concat([webp, head, padded]);
  out[20] = (out[20] as number) | 0x08;
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/**
 * Photos of testimonials: what an upload is, told by its bytes alone (never the
 * Content-Type or a file name), its size, and whether it is whole; and a small PNG encoder
 * for the demo's illustrations.
 *
 * Only JPEG, PNG and WebP are taken. A file must be complete and end where its format says
 * it ends: a PNG with its IEND chunk, a JPEG with its EOI marker, a WebP with its RIFF size.
 * So nothing can ride after the image (a script appended to a PNG is refused). Metadata
 * (EXIF with a GPS position, XMP, comments) is dropped before storing (`stripMetadata`).
 */
import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, type PhotoUpload } from '@cercle/client';
import {
  concat,
  crc32,
  equalBytes,
  latin1,
  readAll,
  u16be,
  u16le,
  u24be,
  u24le,
  u32be,
  u32le,
  writeU32be,
  writeU32le,
} from './bytes.js';
import { ApiError, refuse } from './errors.js';

export type PhotoType = PhotoUpload['contentType'];

export interface ImageInfo {
  contentType: PhotoType;
  width: number;
  height: number;
}

const notAnImage = () =>
  new ApiError('unsupported_media_type', 'Send a JPEG, PNG or WebP photo.', {
    accepted: ['image/jpeg', 'image/png', 'image/webp'],
  });

const damaged = (why: string) =>
  new ApiError('validation_failed', 'The image is truncated or damaged.', [
    { path: '', message: why },
  ]);

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ascii = latin1;

/** The type of the image by its first bytes, or undefined when it is none of ours. */
export function sniff(bytes: Uint8Array): PhotoType | undefined {
  if (equalBytes(bytes.subarray(0, 8), PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}

function png(bytes: Uint8Array): [number, number] {
  let at = 8;
  let size: [number, number] | undefined;
  let data = false;
  for (;;) {
    if (at + 12 > bytes.length) throw damaged('a PNG chunk is cut short (no IEND chunk)');
    const length = u32be(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length)
      throw damaged(`the PNG chunk ${type} is cut short`);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32be(bytes, at + 8 + length)) {
      throw damaged(`the PNG chunk ${type} is corrupt (bad CRC)`);
    }
    if (at === 8) {
      if (type !== 'IHDR' || length !== 13) throw damaged('a PNG starts with its IHDR chunk');
      size = [u32be(bytes, at + 8), u32be(bytes, at + 12)];
    }
    if (type === 'IDAT') data = true;
    at = end;
    if (type === 'IEND') break;
  }
  if (at !== bytes.length) throw damaged('there are bytes after the PNG’s IEND chunk');
  if (!size || !data) throw damaged('the PNG has no image data');
  return size;
}

/** SOFn markers: C0–CF except C4 (DHT), C8 (JPG) and CC (DAC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(bytes: Uint8Array): [number, number] {
  if (bytes.length < 4 || bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) {
    throw damaged('the JPEG does not end with its EOI marker (FFD9)');
  }
  let at = 2;
  let size: [number, number] | undefined;
  for (;;) {
    if (at + 4 > bytes.length) throw damaged('a JPEG segment is cut short');
    if (bytes[at] !== 0xff) throw damaged('a JPEG marker is missing');
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xd8) throw damaged('the JPEG has no image data');
    const length = u16be(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.length) throw damaged('a JPEG segment is cut short');
    if (isStartOfFrame(marker)) {
      if (length < 7) throw damaged('the JPEG frame header is cut short');
      size = [u16be(bytes, at + 7), u16be(bytes, at + 5)];
    }
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data runs to the EOI checked above.
      if (!size) throw damaged('the JPEG has no frame header before its data');
      if (at + 2 + length > bytes.length - 2) throw damaged('the JPEG has no image data');
      return size;
    }
    at += 2 + length;
  }
}

function webp(bytes: Uint8Array): [number, number] {
  if (u32le(bytes, 4) + 8 !== bytes.length) {
    throw damaged('the WebP’s length does not match its RIFF header');
  }
  let at = 12;
  let size: [number, number] | undefined;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw damaged('a WebP chunk is cut short');
    const type = ascii(bytes, at, 4);
    const length = u32le(bytes, at + 4);
    const data = at + 8;
    if (data + length > bytes.length) throw damaged(`the WebP chunk ${type.trim()} is cut short`);
    if (size === undefined) {
      if (type === 'VP8X' && length >= 10) {
        size = [1 + u24le(bytes, data + 4), 1 + u24le(bytes, data + 7)];
      } else if (type === 'VP8 ' && length >= 10) {
        if (u24be(bytes, data + 3) !== 0x9d012a) throw damaged('bad VP8 start code');
        size = [u16le(bytes, data + 6) & 0x3fff, u16le(bytes, data + 8) & 0x3fff];
      } else if (type === 'VP8L' && length >= 5) {
        if (bytes[data] !== 0x2f) throw damaged('bad VP8L signature');
        const bits = u32le(bytes, data + 1);
        size = [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
      } else {
        throw damaged('a WebP starts with a VP8, VP8L or VP8X chunk');
      }
    }
    at = data + length + (length % 2);
  }
  if (at !== bytes.length) throw damaged('a WebP chunk is cut short');
  if (!size) throw damaged('the WebP has no image');
  return size;
}

/**
 * The image's type and size, read from its bytes. Throws the contract's errors:
 * 413 `payload_too_large` over 2 MB, 415 `unsupported_media_type` for anything but JPEG,
 * PNG or WebP (a script renamed .png, SVG, GIF…), 400 `validation_failed` for a truncated
 * or damaged one.
 */
export function inspectImage(bytes: Uint8Array): ImageInfo {
  if (bytes.length > PHOTO_MAX_BYTES) throw refuse.photoTooLarge();
  if (bytes.length === 0) {
    throw new ApiError('validation_failed', 'Send the photo’s bytes as the request body.', [
      { path: '', message: 'empty body' },
    ]);
  }
  const contentType = sniff(bytes);
  if (!contentType) throw notAnImage();
  const parse = { 'image/png': png, 'image/jpeg': jpeg, 'image/webp': webp }[contentType];
  const [width, height] = parse(bytes);
  if (width < 1 || height < 1) throw damaged('the image has no pixels');
  if (width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE) {
    throw new ApiError(
      'validation_failed',
      `A photo is at most ${PHOTO_MAX_SIDE} pixels wide and high.`,
      [{ path: '', message: `${width}×${height} pixels` }],
    );
  }
  return { contentType, width, height };
}

// Metadata ---------------------------------------------------------------------------------

/** PNG chunks that carry text or metadata (camera, GPS, dates), dropped on upload. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** JPEG segments kept before the scan: every non-APP marker, APP0 (JFIF), APP2 (ICC), APP14 (Adobe). */
function keepJpegSegment(marker: number): boolean {
  if (marker === 0xfe) return false; // COM
  const app = marker >= 0xe0 && marker <= 0xef;
  return !app || marker === 0xe0 || marker === 0xe2 || marker === 0xee;
}

/**
 * Drops metadata a member may not know their photo carries (EXIF with GPS position and
 * camera serial, XMP, comments, text chunks), keeping the image and its colour profile.
 * Call on bytes `inspectImage` accepted.
 */
export function stripMetadata(bytes: Uint8Array, contentType: PhotoType): Uint8Array {
  const parts: Uint8Array[] = [];
  if (contentType === 'image/png') {
    parts.push(bytes.subarray(0, 8));
    for (let at = 8; at < bytes.length;) {
      const end = at + 12 + u32be(bytes, at);
      if (!PNG_METADATA.has(ascii(bytes, at + 4, 4))) parts.push(bytes.subarray(at, end));
      at = end;
    }
    return concat(parts);
  }
  if (contentType === 'image/jpeg') {
    parts.push(bytes.subarray(0, 2));
    let at = 2;
    for (;;) {
      const marker = bytes[at + 1] as number;
      if (marker === 0xff) {
        at += 1;
        continue;
      }
      if (marker === 0xda) break;
      const end = at + 2 + u16be(bytes, at + 2);
      if (keepJpegSegment(marker)) parts.push(bytes.subarray(at, end));
      at = end;
    }
    parts.push(bytes.subarray(at));
    return concat(parts);
  }
  // WebP: metadata lives in EXIF and XMP chunks of the extended format, flagged in VP8X.
  if (ascii(bytes, 12, 4) !== 'VP8X') return bytes;
  parts.push(bytes.subarray(0, 12));
  for (let at = 12; at < bytes.length;) {
    const length = u32le(bytes, at + 4);
    const end = at + 8 + length + (length % 2);
    const type = ascii(bytes, at, 4);
    if (type === 'VP8X') {
      const chunk = bytes.slice(at, end);
      chunk[8] = (chunk[8] as number) & ~(0x08 | 0x04); // no EXIF, no XMP
      parts.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  const out = concat(parts);
  writeU32le(out, 4, out.length - 8);
  return out;
}

// Encoding (the demo's illustrations, and tests) -------------------------------------------

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeU32be(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32be(out, 8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib-wrapped deflate, with the platform's CompressionStream. */
const deflate = (bytes: Uint8Array): Promise<Uint8Array> =>
  readAll(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate')));

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/** Encodes an 8-bit RGB PNG; `pixel(x, y)` gives each pixel's colour. */
export async function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => Rgb,
): Promise<Uint8Array> {
  const stride = 1 + width * 3;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const at = y * stride + 1 + x * 3;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
    }
  }
  const header = new Uint8Array(13);
  writeU32be(header, 0, width);
  writeU32be(header, 4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** HSL (h 0–360, s and l 0–1) to RGB. */
export function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) =>
    Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [f(0), f(8), f(4)];
}

/**
 * A flat illustration of a dish on a table, in the given hue: a few flat colours, so deflate
 * makes it a few kilobytes even at 800×800.
 */
export function illustration(width: number, height: number, hue: number): Promise<Uint8Array> {
  const wall = hsl(hue, 0.45, 0.86);
  const table = hsl((hue + 30) % 360, 0.35, 0.55);
  const plate: Rgb = [248, 246, 240];
  const food = hsl(hue, 0.6, 0.48);
  const garnish = hsl((hue + 120) % 360, 0.5, 0.4);
  const cx = width / 2;
  const cy = height * 0.58;
  const r = Math.min(width, height) * 0.32;
  return encodePng(width, height, (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    if (d < r * 0.22 && x < cx) return garnish;
    if (d < r * 0.62) return food;
    if (d < r) return plate;
    return y > height * 0.62 ? table : wall;
  });
}

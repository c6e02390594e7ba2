/**
 * Images for the mock's wall: a check of uploaded bytes (JPEG, PNG or WebP by their magic
 * bytes, dimensions read from the header, a truncated file refused) and a small PNG encoder
 * that draws the seeded testimonials' photos. Isomorphic: `CompressionStream` exists in
 * browsers and Node 18+.
 *
 * The check is lighter than the reference server's, which decodes and re-encodes the image:
 * here a file passes when its signature is right, its header gives the size, and it ends as
 * its format ends (JPEG's EOI marker, PNG's IEND chunk, WebP's RIFF length).
 */
import type { PhotoUpload } from '@cercle/client';

export type PhotoType = PhotoUpload['contentType'];

/** What the bytes are, or why they cannot be taken. */
export type Sniffed =
  | { ok: true; contentType: PhotoType; width: number; height: number }
  | { ok: false; reason: 'unsupported' | 'truncated' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 0x10000 + u16be(b, at + 2);
const u32le = (b: Uint8Array, at: number) => u16le(b, at) + u16le(b, at + 2) * 0x10000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function sniffPng(b: Uint8Array): Sniffed {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') return { ok: false, reason: 'truncated' };
  if (!startsWith(b, PNG_IEND, b.length - PNG_IEND.length)) {
    return { ok: false, reason: 'truncated' };
  }
  return { ok: true, contentType: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
}

function sniffJpeg(b: Uint8Array): Sniffed {
  if (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) {
    return { ok: false, reason: 'truncated' };
  }
  // Walk the segments up to a start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
  for (let at = 2; at + 9 < b.length;) {
    if (b[at] !== 0xff) return { ok: false, reason: 'truncated' };
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return {
        ok: true,
        contentType: 'image/jpeg',
        height: u16be(b, at + 5),
        width: u16be(b, at + 7),
      };
    }
    at += 2 + u16be(b, at + 2);
  }
  return { ok: false, reason: 'truncated' };
}

function sniffWebp(b: Uint8Array): Sniffed {
  if (b.length < 30 || u32le(b, 4) + 8 !== b.length) return { ok: false, reason: 'truncated' };
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && startsWith(b, [0x9d, 0x01, 0x2a], 23)) {
    const width = u16le(b, 26) & 0x3fff;
    const height = u16le(b, 28) & 0x3fff;
    return { ok: true, contentType: 'image/webp', width, height };
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = u32le(b, 21);
    return {
      ok: true,
      contentType: 'image/webp',
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
    };
  }
  if (chunk === 'VP8X') {
    return {
      ok: true,
      contentType: 'image/webp',
      width: u24le(b, 24) + 1,
      height: u24le(b, 27) + 1,
    };
  }
  return { ok: false, reason: 'truncated' };
}

/** Tells a JPEG, PNG or WebP by its bytes (never by a name or a declared type). */
export function sniffImage(bytes: Uint8Array): Sniffed {
  let sniffed: Sniffed = { ok: false, reason: 'unsupported' };
  if (startsWith(bytes, PNG_SIGNATURE)) sniffed = sniffPng(bytes);
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) sniffed = sniffJpeg(bytes);
  else if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    sniffed = sniffWebp(bytes);
  }
  if (sniffed.ok && (sniffed.width < 1 || sniffed.height < 1)) {
    return { ok: false, reason: 'truncated' };
  }
  return sniffed;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** An 8-bit RGB PNG of `width` × `height`, each pixel from `pixel(x, y)`. */
export async function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number],
): Promise<Uint8Array> {
  const stride = 1 + width * 3;
  const raw = new Uint8Array(stride * height); // each row: filter 0, then RGB
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * stride + 1 + x * 3);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // depth 8, RGB, deflate, no filter, no interlace
  const parts = [
    new Uint8Array(PNG_SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** HSL (0–359, 0–1, 0–1) to RGB bytes. */
function hsl(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A seeded testimonial's photo: a flat illustration of a plate on a table, in `hue`. */
export function drawDemoPhoto(hue: number, width: number, height: number): Promise<Uint8Array> {
  const table = hsl(hue, 0.35, 0.82);
  const plate = hsl(hue, 0.1, 0.97);
  const food = hsl((hue + 30) % 360, 0.55, 0.5);
  const cx = width / 2;
  const cy = height / 2;
  const r = Math.min(width, height) * 0.38;
  return encodePng(width, height, (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d < r * 0.6 ? food : d < r ? plate : table;
  });
}

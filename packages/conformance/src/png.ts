/**
 * A tiny PNG encoder, so the photo checks carry real images and need no dependency: 8-bit
 * RGB, no filter, the pixels in zlib "stored" (uncompressed) deflate blocks, with the CRC-32 of
 * each chunk and the Adler-32 of the data.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

const u32 = (n: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n >>> 0);
  return bytes;
};

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat([ascii(type), data]);
  return concat([u32(data.length), typed, u32(crc32(typed))]);
}

/** zlib around stored deflate blocks (at most 65,535 bytes each). */
function zlibStored(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0x78, 0x01)];
  for (let at = 0; at < data.length || at === 0; at += 65535) {
    const block = data.subarray(at, at + 65535);
    const final = at + 65535 >= data.length ? 1 : 0;
    const len = block.length;
    parts.push(Uint8Array.of(final, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff));
    parts.push(block);
    if (final) break;
  }
  parts.push(u32(adler32(data)));
  return concat(parts);
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** An RGB PNG of `width` × `height`; `pixel(x, y)` gives each pixel's colour. */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number] = (x, y) => [
    (x * 50) % 256,
    (y * 50) % 256,
    160,
  ],
): Uint8Array<ArrayBuffer> {
  const stride = 1 + width * 3;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw.set(pixel(x, y), y * stride + 1 + x * 3);
    }
  }
  const header = concat([u32(width), u32(height), Uint8Array.of(8, 2, 0, 0, 0)]);
  return concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Whether `bytes` start with the PNG signature. */
export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

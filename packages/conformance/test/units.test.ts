/** The suite's own parts: the SSE parser, the PNG encoder's checksums, the check list. */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checks, selectChecks } from '@cercle/conformance';
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../src/http.js';
import { adler32, crc32, encodePng } from '../src/png.js';
import { SseParser } from '../src/sse.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
  it('parses events across chunks, CRLF and CR line ends, comments and multi-line data', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\nid: 7\nevent: question.created\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\n\n')).toEqual([
      { id: '7', type: 'question.created', data: '{"a":1}', json: { a: 1 } },
    ]);
    expect(
      parser.push('id:8\r\ndata: one\r\ndata:two\r\n\r\nevent: resync\rdata: {}\r\r: next\n'),
    ).toEqual([
      { id: '8', type: 'message', data: 'one\ntwo', json: undefined },
      { id: undefined, type: 'resync', data: '{}', json: {} },
    ]);
  });

  it('waits for the \\n after a \\r that ends a chunk', () => {
    const parser = new SseParser();
    expect(parser.push('data: x\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([
      { id: undefined, type: 'message', data: 'x', json: undefined },
    ]);
  });
});

describe('png', () => {
  it('computes the standard CRC-32 and Adler-32', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(adler32(bytes('Wikipedia'))).toBe(0x11e60398);
  });

  it('encodes a PNG with IHDR, IDAT and IEND, and the size in IHDR', () => {
    const png = encodePng(300, 200);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([300, 200]);
    expect(new TextDecoder().decode(png.subarray(-8, -4))).toBe('IEND');
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const date = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(date)).toBeGreaterThan(8000);
  });
});

describe('the checks', () => {
  it('have unique ids named area.topic.what', () => {
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z-]+\.[a-z-]+\.[a-z0-9-]+$/);
    expect(ids.length).toBeGreaterThan(150);
  });

  it('are picked by id prefix', () => {
    const picked = selectChecks(checks, ['offers.reveal', 'health']).map((c) => c.id);
    expect(picked.length).toBeGreaterThan(3);
    expect(picked.every((id) => id.startsWith('offers.reveal') || id.startsWith('health'))).toBe(
      true,
    );
    expect(selectChecks(checks, []).length).toBe(checks.length);
  });

  it('use only web APIs outside the CLI (no Node built-ins, Buffer or process)', async () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const files = (await readdir(src, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && f !== 'cli.ts',
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(`${src}${file}`, 'utf8');
      expect(text, file).not.toMatch(/from 'node:|\bBuffer\b|\bprocess\.|require\(/);
      expect(text, file).not.toMatch(/@cercle\/(server|mock)/);
    }
  });
});

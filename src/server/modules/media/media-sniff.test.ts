import { describe, expect, it } from 'vitest';
import { makeJpegHeader, makePng, MP3_BYTES, MP4_BYTES } from './media.fixture.ts';
import { sniffMedia } from './media-sniff.ts';

function webp(chunk: string, fill: (bytes: Buffer) => void): Buffer {
  const bytes = Buffer.alloc(40);
  bytes.write('RIFF', 0, 'ascii');
  bytes.writeUInt32LE(32, 4);
  bytes.write('WEBP', 8, 'ascii');
  bytes.write(chunk, 12, 'ascii');
  fill(bytes);
  return bytes;
}

function ftyp(brand: string): Buffer {
  return Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from(`ftyp${brand}`, 'ascii'),
    Buffer.alloc(16),
  ]);
}

describe('sniffMedia', () => {
  it('reads the pixel size of PNG, JPEG, GIF and the three kinds of WebP', () => {
    expect(sniffMedia(makePng(640, 480))).toEqual({
      mimeType: 'image/png',
      kind: 'image',
      ext: 'png',
      width: 640,
      height: 480,
    });
    expect(sniffMedia(makeJpegHeader(4032, 3024))).toMatchObject({
      mimeType: 'image/jpeg',
      ext: 'jpg',
      width: 4032,
      height: 3024,
    });
    const gif = Buffer.concat([
      Buffer.from('GIF89a', 'ascii'),
      Buffer.from([0x40, 0x01, 0xf0, 0x00]),
      Buffer.alloc(8),
    ]);
    expect(sniffMedia(gif)).toMatchObject({ mimeType: 'image/gif', width: 320, height: 240 });

    const lossy = webp('VP8 ', (b) => {
      b.set([0x9d, 0x01, 0x2a], 23);
      b.writeUInt16LE(1080, 26);
      b.writeUInt16LE(1350, 28);
    });
    expect(sniffMedia(lossy)).toMatchObject({ mimeType: 'image/webp', width: 1080, height: 1350 });
    const lossless = webp('VP8L', (b) => {
      b[20] = 0x2f;
      b.writeUInt32LE((400 - 1) | ((300 - 1) << 14), 21);
    });
    expect(sniffMedia(lossless)).toMatchObject({ width: 400, height: 300 });
    const extended = webp('VP8X', (b) => {
      b.writeUIntLE(1920 - 1, 24, 3);
      b.writeUIntLE(1080 - 1, 27, 3);
    });
    expect(sniffMedia(extended)).toMatchObject({ width: 1920, height: 1080 });
  });

  it('skips JPEG segments before the frame header, and leaves the size unknown without one', () => {
    const exif = Buffer.concat([
      Buffer.from([0xff, 0xe1, 0x00, 0x06]),
      Buffer.from('Exif', 'ascii'),
    ]);
    const jpeg = makeJpegHeader(800, 600);
    const withExif = Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2)]);
    expect(sniffMedia(withExif)).toMatchObject({ width: 800, height: 600 });
    const noFrame = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sniffMedia(noFrame)).toMatchObject({
      mimeType: 'image/jpeg',
      width: null,
      height: null,
    });
  });

  it('tells video from audio by the container brand', () => {
    expect(sniffMedia(MP4_BYTES)).toMatchObject({
      mimeType: 'video/mp4',
      kind: 'video',
      width: null,
    });
    expect(sniffMedia(ftyp('qt  '))).toMatchObject({ mimeType: 'video/quicktime', ext: 'mov' });
    expect(sniffMedia(ftyp('M4A '))).toMatchObject({ mimeType: 'audio/mp4', kind: 'audio' });
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
      Buffer.from('webm', 'ascii'),
      Buffer.alloc(8),
    ]);
    expect(sniffMedia(webm)).toMatchObject({ mimeType: 'video/webm' });
    const mkv = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88]),
      Buffer.from('matroska', 'ascii'),
      Buffer.alloc(8),
    ]);
    expect(sniffMedia(mkv)).toBeNull();
    expect(sniffMedia(MP3_BYTES)).toMatchObject({ mimeType: 'audio/mpeg', kind: 'audio' });
    expect(
      sniffMedia(Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(20)])),
    ).toMatchObject({
      mimeType: 'audio/mpeg',
    });
    const wav = Buffer.concat([
      Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'),
      Buffer.alloc(20),
    ]);
    expect(sniffMedia(wav)).toMatchObject({ mimeType: 'audio/wav' });
    expect(
      sniffMedia(Buffer.concat([Buffer.from('OggS', 'ascii'), Buffer.alloc(20)])),
    ).toMatchObject({
      mimeType: 'audio/ogg',
    });
  });

  it('refuses everything else, whatever it claims to be', () => {
    expect(sniffMedia(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(sniffMedia(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMedia(Buffer.concat([Buffer.from('BM'), Buffer.alloc(40)]))).toBeNull();
    // AAC in ADTS frames shares the sync bits with MP3 but not the layer.
    expect(
      sniffMedia(Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80]), Buffer.alloc(20)])),
    ).toBeNull();
    expect(sniffMedia(makePng(4, 4).subarray(0, 8))).toBeNull();
  });
});

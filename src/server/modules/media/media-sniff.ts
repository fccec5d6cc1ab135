import { MEDIA_TYPES, type MediaKind, type MediaMimeType } from '../../../shared/media.ts';

/** What a file is, judged from its own bytes. */
export interface SniffedMedia {
  mimeType: MediaMimeType;
  kind: MediaKind;
  ext: string;
  width: number | null;
  height: number | null;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}

function u32be(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] ?? 0) * 0x1000000 +
    (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))
  );
}

type Size = { width: number; height: number } | null;

function pngSize(bytes: Uint8Array): Size {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function gifSize(bytes: Uint8Array): Size {
  if (bytes.length < 10) return null;
  return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const JPEG_SOF = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

function jpegSize(bytes: Uint8Array): Size {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
    const length = u16be(bytes, at + 2);
    if (JPEG_SOF.has(marker)) {
      if (at + 9 > bytes.length) return null;
      return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) };
    }
    if (length < 2) return null;
    at += 2 + length;
  }
  return null;
}

function webpSize(bytes: Uint8Array): Size {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
    const b0 = bytes[21] ?? 0;
    const b1 = bytes[22] ?? 0;
    const b2 = bytes[23] ?? 0;
    const b3 = bytes[24] ?? 0;
    return {
      width: 1 + (((b1 & 0x3f) << 8) | b0),
      height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)),
    };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
  }
  return null;
}

function detect(bytes: Uint8Array): { mimeType: MediaMimeType; size: Size } | null {
  if (bytes.length < 12) return null;
  if (
    bytes[0] === 0x89 &&
    ascii(bytes, 1, 3) === 'PNG' &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  ) {
    return { mimeType: 'image/png', size: pngSize(bytes) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { mimeType: 'image/jpeg', size: jpegSize(bytes) };
  }
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') {
    return { mimeType: 'image/gif', size: gifSize(bytes) };
  }
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 4);
    if (form === 'WEBP') return { mimeType: 'image/webp', size: webpSize(bytes) };
    if (form === 'WAVE') return { mimeType: 'audio/wav', size: null };
    return null;
  }
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand === 'qt  ') return { mimeType: 'video/quicktime', size: null };
    if (brand === 'M4A ' || brand === 'M4B ') return { mimeType: 'audio/mp4', size: null };
    return { mimeType: 'video/mp4', size: null };
  }
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    // Matroska shares the EBML header; only WebM is accepted.
    return ascii(bytes, 0, Math.min(bytes.length, 64)).includes('webm')
      ? { mimeType: 'video/webm', size: null }
      : null;
  }
  if (ascii(bytes, 0, 4) === 'OggS') return { mimeType: 'audio/ogg', size: null };
  if (ascii(bytes, 0, 3) === 'ID3') return { mimeType: 'audio/mpeg', size: null };
  // An MPEG audio frame: 11 sync bits, and a layer other than the reserved 00 (which is AAC's ADTS).
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0) {
    return { mimeType: 'audio/mpeg', size: null };
  }
  return null;
}

/**
 * Finds out from the first bytes what a file is and, for images, its pixel size (PNG, JPEG, GIF
 * and WebP headers say it). Null for anything the library does not accept: what the uploader
 * claims is never trusted, so a page cannot be served back as an "image".
 */
export function sniffMedia(bytes: Uint8Array): SniffedMedia | null {
  const found = detect(bytes);
  if (!found) return null;
  const type = MEDIA_TYPES[found.mimeType];
  const size = found.size && found.size.width > 0 && found.size.height > 0 ? found.size : null;
  return {
    mimeType: found.mimeType,
    kind: type.kind,
    ext: type.ext,
    width: size?.width ?? null,
    height: size?.height ?? null,
  };
}

/**
 * The site icon, drawn here rather than shipped as a binary: a 32 × 32 ICO (one 32-bit bitmap) of
 * a radar scope in the header's colours — a dark disc, an amber ring and a centre dot.
 */

const SIZE = 32;
/** Subsamples per pixel side, for smooth edges. */
const AA = 4;

/** Colours as [r, g, b]. */
const DISC: [number, number, number] = [0x17, 0x20, 0x2b];
const MARK: [number, number, number] = [0xf0, 0xa5, 0x00];

/** Which part of the icon the point (x, y) in pixels lies in: 2 mark, 1 disc, 0 outside. */
function partAt(x: number, y: number): 0 | 1 | 2 {
  const c = SIZE / 2;
  const r = Math.hypot(x - c, y - c);
  if (r > 15.5) return 0;
  if (r < 3 || (r > 8.5 && r < 11)) return 2;
  return 1;
}

let cached: Buffer | undefined;

/** The icon as the bytes of an .ico file. */
export function faviconIco(): Buffer {
  if (cached) return cached;
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  const maskRow = Math.ceil(SIZE / 32) * 4;
  const mask = Buffer.alloc(maskRow * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let disc = 0;
      let mark = 0;
      for (let i = 0; i < AA; i++)
        for (let j = 0; j < AA; j++) {
          const p = partAt(x + (i + 0.5) / AA, y + (j + 0.5) / AA);
          if (p === 1) disc++;
          else if (p === 2) mark++;
        }
      const cover = disc + mark;
      // Bitmaps run bottom-up; each pixel is blue, green, red, alpha.
      const at = ((SIZE - 1 - y) * SIZE + x) * 4;
      if (cover === 0) {
        mask[(SIZE - 1 - y) * maskRow + (x >> 3)]! |= 0x80 >> (x & 7);
        continue;
      }
      const mix = (k: number) => Math.round((DISC[k]! * disc + MARK[k]! * mark) / cover);
      pixels[at] = mix(2);
      pixels[at + 1] = mix(1);
      pixels[at + 2] = mix(0);
      pixels[at + 3] = Math.round((255 * cover) / (AA * AA));
    }
  }
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels.length + mask.length, 14);
  header.writeUInt32LE(22, 18); // where the image starts
  header.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  header.writeInt32LE(SIZE, 26);
  header.writeInt32LE(SIZE * 2, 30); // colour bitmap and mask, stacked
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  header.writeUInt32LE(pixels.length + mask.length, 42);
  cached = Buffer.concat([header, pixels, mask]);
  return cached;
}

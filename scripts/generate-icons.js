/**
 * Draws the add-in's icons (assets/*.png) with plain Node: shapes are evaluated per pixel with 4×4
 * supersampling and written as RGBA PNG with zlib. Run: node scripts/generate-icons.js
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1).
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, [ax, ay], [bx, by], width) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
};
const polyline = (points, width) => (x, y) =>
  points.slice(1).some((p, i) => nearSegment(x, y, points[i], p, width));
const outline = (x0, y0, x1, y1, w) =>
  polyline(
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
    w,
  );

const GREEN = [0x1d, 0x6f, 0x42];
const WHITE = [0xff, 0xff, 0xff];
const PALE = [0xc8, 0xe6, 0xd2];

/** Each icon: glyph layers drawn in white (or pale) over a green rounded square. */
const GLYPHS = {
  icon: [
    [WHITE, outline(0.2, 0.2, 0.8, 0.8, 0.07)],
    [WHITE, (x, y) => x >= 0.2 && x <= 0.8 && y >= 0.2 && y <= 0.36],
    [
      WHITE,
      polyline(
        [
          [0.32, 0.57],
          [0.45, 0.69],
          [0.69, 0.44],
        ],
        0.09,
      ),
    ],
  ],
  template: [
    [WHITE, outline(0.2, 0.22, 0.8, 0.78, 0.07)],
    [WHITE, (x, y) => x >= 0.2 && x <= 0.8 && y >= 0.22 && y <= 0.38],
    [
      WHITE,
      polyline(
        [
          [0.2, 0.58],
          [0.8, 0.58],
        ],
        0.06,
      ),
    ],
    [
      WHITE,
      polyline(
        [
          [0.45, 0.38],
          [0.45, 0.78],
        ],
        0.06,
      ),
    ],
  ],
  check: [
    [
      WHITE,
      polyline(
        [
          [0.24, 0.52],
          [0.43, 0.7],
          [0.77, 0.32],
        ],
        0.12,
      ),
    ],
  ],
  export: [
    [
      WHITE,
      polyline(
        [
          [0.5, 0.18],
          [0.5, 0.6],
        ],
        0.1,
      ),
    ],
    [
      WHITE,
      polyline(
        [
          [0.32, 0.44],
          [0.5, 0.62],
          [0.68, 0.44],
        ],
        0.1,
      ),
    ],
    [
      WHITE,
      polyline(
        [
          [0.22, 0.64],
          [0.22, 0.8],
          [0.78, 0.8],
          [0.78, 0.64],
        ],
        0.09,
      ),
    ],
  ],
  pane: [
    [PALE, (x, y) => x >= 0.58 && x <= 0.8 && y >= 0.22 && y <= 0.78],
    [WHITE, outline(0.2, 0.22, 0.8, 0.78, 0.07)],
    [
      WHITE,
      polyline(
        [
          [0.58, 0.22],
          [0.58, 0.78],
        ],
        0.06,
      ),
    ],
  ],
};

function render(glyph, size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18)) continue;
          let color = GREEN;
          for (const [c, inside] of glyph) if (inside(x, y)) color = c;
          sum[0] += color[0];
          sum[1] += color[1];
          sum[2] += color[2];
          sum[3] += 255;
        }
      }
      const n = samples * samples;
      const covered = sum[3] / 255;
      const o = (py * size + px) * 4;
      rgba[o] = covered ? Math.round(sum[0] / covered) : 0;
      rgba[o + 1] = covered ? Math.round(sum[1] / covered) : 0;
      rgba[o + 2] = covered ? Math.round(sum[2] / covered) : 0;
      rgba[o + 3] = Math.round(sum[3] / n);
    }
  }
  return encodePng(size, rgba);
}

const SIZES = {
  icon: [16, 32, 64, 80, 128],
  template: [16, 32, 80],
  check: [16, 32, 80],
  export: [16, 32, 80],
  pane: [16, 32, 80],
};
const out = path.resolve(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const [name, sizes] of Object.entries(SIZES)) {
  for (const size of sizes)
    fs.writeFileSync(path.join(out, `${name}-${size}.png`), render(GLYPHS[name], size));
}
console.log(`Icons written to ${out}`);

#!/usr/bin/env node
/**
 * Draws the tab-bar icons (81×81 PNG, grey and Party-red) into src/assets/tabbar/.
 * No image tools needed: each glyph is a few geometric shapes tested per pixel with 4×4
 * supersampling for smooth edges, and the PNG is encoded here with node's zlib.
 * Run: node scripts/make-tab-icons.mjs (the output is committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4;
const COLORS = { normal: [0x8a, 0x8a, 0x8a], active: [0xc8, 0x10, 0x2e] };
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tabbar');

// ---- shapes: (x, y) in a 0..100 design square → inside? ----------------------------------
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
/** A thick line segment (capsule). */
const line = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w / 2;
};
const polygon = (points) => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);

/** A rounded rectangle outline of stroke width w. */
const roundedBox = (x0, y0, x1, y1, r, w) => {
  const filled = (a0, b0, a1, b1, rr) => (x, y) => {
    if (x < a0 || x > a1 || y < b0 || y > b1) return false;
    const cx = Math.max(a0 + rr, Math.min(a1 - rr, x));
    const cy = Math.max(b0 + rr, Math.min(b1 - rr, y));
    return Math.hypot(x - cx, y - cy) <= rr;
  };
  return minus(filled(x0, y0, x1, y1, r), filled(x0 + w, y0 + w, x1 - w, y1 - w, Math.max(0, r - w)));
};

/** The classic implicit heart centred at (cx, cy) with half-width r. */
const heartAt = (cx, cy, r) => (x, y) => {
  const u = (x - cx) / r;
  const v = (cy - y) / r + 0.15;
  const a = u * u + v * v - 1;
  return a * a * a - u * u * v * v * v <= 0;
};

/** 议事: two speech bubbles, the front one hiding the back one where they overlap. */
const frontBubble = union(
  roundedBox(40, 40, 92, 76, 10, 7),
  polygon([
    [72, 74],
    [84, 74],
    [86, 88],
  ]),
);
const backBubble = union(
  roundedBox(8, 14, 66, 56, 10, 7),
  polygon([
    [18, 54],
    [32, 54],
    [16, 68],
  ]),
  rect(20, 30, 50, 35),
);
const frontInside = rect(47, 47, 85, 69);

const glyphs = {
  // 首页: a house with a door.
  home: union(
    polygon([
      [50, 12],
      [90, 46],
      [82, 46],
      [50, 20],
      [18, 46],
      [10, 46],
    ]),
    minus(rect(22, 44, 78, 88), rect(28, 50, 72, 82)),
    rect(43, 62, 57, 88),
  ),
  // 心愿: a heart outline with a spark.
  wish: union(minus(heartAt(46, 55, 34), heartAt(46, 54, 24)), line(84, 8, 84, 28, 4), line(74, 18, 94, 18, 4)),
  // 志愿: a small heart held above an open hand.
  volunteer: union(
    heartAt(50, 34, 18),
    (x, y) => y >= 58 && ring(50, 50, 38, 8)(x, y),
    line(14, 58, 8, 50, 8),
    line(86, 58, 92, 50, 8),
  ),
  deliberation: union(frontBubble, minus(backBubble, frontInside)),
  // 我的: a person.
  mine: union(ring(50, 32, 20, 8), minus(circle(50, 100, 40), circle(50, 100, 32))),
};

// ---- rasterise and encode --------------------------------------------------------------------
function render(shape, [r, g, b]) {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    row[0] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / SIZE) * 100;
          const y = ((py + (sy + 0.5) / SAMPLES) / SIZE) * 100;
          if (y <= 92 && shape(x, y)) hits++;
        }
      }
      const o = 1 + px * 4;
      row[o] = r;
      row[o + 1] = g;
      row[o + 2] = b;
      row[o + 3] = Math.round((hits / (SAMPLES * SAMPLES)) * 255);
    }
    rows.push(row);
  }
  return encodePng(SIZE, SIZE, Buffer.concat(rows));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(width, height, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(glyphs)) {
  writeFileSync(join(outDir, `${name}.png`), render(shape, COLORS.normal));
  writeFileSync(join(outDir, `${name}-active.png`), render(shape, COLORS.active));
}
console.log(`wrote ${Object.keys(glyphs).length * 2} icons to ${outDir}`);

#!/usr/bin/env node
// `node scripts/make-icons.mjs [outDir]`: draws the two Teams app icons into
// appPackage/ (or outDir). The PNGs are committed; run this again only after
// changing the drawing, and keep ACCENT equal to the manifest's accentColor (the
// tests compare them and compare the committed files with a fresh drawing).
//
// The emblem is a shield with three spired towers, a nod to the towers of
// Copenhagen's arms. Shapes are inside-tests in a unit square (0..1, y down);
// every pixel is supersampled, which gives the edges their antialiasing.
//   color.png    192×192: accent background, white shield, accent towers.
//   outline.png   32×32:  white shield outline and towers on transparency.
//                 Every pixel is white; only its alpha varies (Teams' rule:
//                 white and transparent only).
import { PNG } from 'pngjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ACCENT = '#1B4F8A';

const SHIELD = { top: 0.1, shoulder: 0.5, bottom: 0.92, halfWidth: 0.36, corner: 0.07 };

function inShield(x, y, s = SHIELD) {
  const dx = Math.abs(x - 0.5);
  if (y < s.top || y > s.bottom || dx > s.halfWidth) return false;
  if (y <= s.shoulder) {
    // Rounded top corners.
    const cx = s.halfWidth - s.corner;
    const cy = s.top + s.corner;
    if (dx > cx && y < cy) return Math.hypot(dx - cx, y - cy) <= s.corner;
    return true;
  }
  // Below the shoulder the sides curve in to a point: half-width × (1 − t²).
  const t = (y - s.shoulder) / (s.bottom - s.shoulder);
  return dx <= s.halfWidth * (1 - t * t);
}

/** A tower: a rectangular body under a triangular spire. */
function inTower(x, y, { centre, halfWidth, spireTop, eaves, foot }) {
  const dx = Math.abs(x - centre);
  if (y > foot || dx > halfWidth) return false;
  if (y >= eaves) return true;
  if (y < spireTop) return false;
  return dx <= (halfWidth * (y - spireTop)) / (eaves - spireTop);
}

const TOWERS = [
  { centre: 0.5, halfWidth: 0.065, spireTop: 0.2, eaves: 0.38, foot: 0.7 },
  { centre: 0.33, halfWidth: 0.055, spireTop: 0.34, eaves: 0.49, foot: 0.7 },
  { centre: 0.67, halfWidth: 0.055, spireTop: 0.34, eaves: 0.49, foot: 0.7 },
];
const WALL = { left: 0.31, right: 0.69, top: 0.6, bottom: 0.7 };

function inTowers(x, y) {
  if (x >= WALL.left && x <= WALL.right && y >= WALL.top && y <= WALL.bottom) return true;
  return TOWERS.some((t) => inTower(x, y, t));
}

/** Inside the shield and farther than `width` from its edge (an erosion by probing). */
function inShieldInterior(x, y, width) {
  if (!inShield(x, y)) return false;
  for (let i = 0; i < 24; i++) {
    const a = (i / 24) * 2 * Math.PI;
    if (!inShield(x + width * Math.cos(a), y + width * Math.sin(a))) return false;
  }
  return true;
}

/** Renders `paint(x, y)` → [r, g, b, a] (0..255) at `size` px with n×n samples per pixel. */
function render(size, samples, paint) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // Premultiplied, so transparent samples do not tint the edge.
          for (let k = 0; k < 3; k++) sum[k] += (c[k] * c[3]) / 255;
          sum[3] += c[3];
        }
      }
      const n = samples * samples;
      const alpha = sum[3] / n;
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) png.data[i + k] = alpha === 0 ? 255 : Math.round((sum[k] / n) * (255 / alpha));
      png.data[i + 3] = Math.round(alpha);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const WHITE = [255, 255, 255, 255];
const CLEAR = [255, 255, 255, 0];

export function colorIcon() {
  const accent = [...hex(ACCENT), 255];
  // The emblem fills the middle 128 px of 192, leaving the margin Teams asks for.
  const scale = 128 / 192;
  const offset = (1 - scale) / 2;
  return render(192, 4, (x, y) => {
    const u = (x - offset) / scale;
    const v = (y - offset) / scale;
    return inShield(u, v) && !inTowers(u, v) ? WHITE : accent;
  });
}

export function outlineIcon() {
  // Stroke of about 2 px; the towers stand free of it.
  return render(32, 8, (x, y) => (inShield(x, y) && (!inShieldInterior(x, y, 0.065) || inTowers(x, y)) ? WHITE : CLEAR));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'appPackage'));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'color.png'), colorIcon());
  writeFileSync(path.join(outDir, 'outline.png'), outlineIcon());
  console.log(`Wrote color.png (192×192) and outline.png (32×32) to ${outDir}`);
}

// An SVG of the training run: mean training loss (left axis) and test accuracy (right axis) per epoch.

import type { EpochLog } from './train.js';

const W = 640;
const H = 360;
const M = { left: 64, right: 64, top: 40, bottom: 48 };

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plotSvg(epochs: readonly EpochLog[], title: string): string {
  const n = epochs.length;
  const x = (e: number) => M.left + (n === 1 ? 0.5 : (e - 1) / (n - 1)) * (W - M.left - M.right);
  const maxLoss = Math.max(...epochs.map((e) => e.loss)) * 1.1;
  const yLoss = (v: number) => H - M.bottom - (v / maxLoss) * (H - M.top - M.bottom);
  const lowAcc = Math.min(0.9, Math.floor(Math.min(...epochs.map((e) => e.testAccuracy)) * 20) / 20);
  const yAcc = (v: number) => H - M.bottom - ((v - lowAcc) / (1 - lowAcc)) * (H - M.top - M.bottom);
  const line = (pts: [number, number][]) => pts.map(([a, b], k) => `${k === 0 ? 'M' : 'L'}${a.toFixed(1)},${b.toFixed(1)}`).join(' ');
  const lossPts = epochs.map((e) => [x(e.epoch), yLoss(e.loss)] as [number, number]);
  const accPts = epochs.map((e) => [x(e.epoch), yAcc(e.testAccuracy)] as [number, number]);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${escape(title)}</text>`);
  parts.push(`<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`);
  parts.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#1f77b4"/>`);
  parts.push(`<line x1="${W - M.right}" y1="${M.top}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#d62728"/>`);
  for (const e of epochs) parts.push(`<text x="${x(e.epoch).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${e.epoch}</text>`);
  parts.push(`<text x="${W / 2}" y="${H - 10}" text-anchor="middle">epoch</text>`);
  for (let s = 0; s <= 4; s++) {
    const v = (maxLoss * s) / 4;
    parts.push(`<text x="${M.left - 6}" y="${(yLoss(v) + 4).toFixed(1)}" text-anchor="end" fill="#1f77b4">${v.toFixed(3)}</text>`);
    const a = lowAcc + ((1 - lowAcc) * s) / 4;
    parts.push(`<text x="${W - M.right + 6}" y="${(yAcc(a) + 4).toFixed(1)}" fill="#d62728">${(a * 100).toFixed(1)}%</text>`);
    parts.push(`<line x1="${M.left}" y1="${yAcc(a).toFixed(1)}" x2="${W - M.right}" y2="${yAcc(a).toFixed(1)}" stroke="#eee"/>`);
  }
  parts.push(`<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle" fill="#1f77b4">mean training loss E</text>`);
  parts.push(`<text transform="translate(${W - 12} ${H / 2}) rotate(90)" text-anchor="middle" fill="#d62728">test accuracy</text>`);
  parts.push(`<path d="${line(lossPts)}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
  parts.push(`<path d="${line(accPts)}" fill="none" stroke="#d62728" stroke-width="2"/>`);
  for (const [a, b] of lossPts) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="#1f77b4"/>`);
  for (const [a, b] of accPts) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="#d62728"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

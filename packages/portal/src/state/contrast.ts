/** WCAG relative luminance and contrast of `#rrggbb` colours, and colour adjustment to meet a ratio. */
function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function parseHex(hex: string): [number, number, number] | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function luminance(hex: string): number {
  const rgb = parseHex(hex) ?? [0, 0, 0];
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

function toHex(rgb: number[]): string {
  return `#${rgb
    .map((v) =>
      Math.max(0, Math.min(255, Math.round(v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour darkened step by step until it reaches `ratio` against `against` (white by default). */
export function darkenUntil(hex: string, ratio: number, against = '#ffffff'): string {
  const rgb = parseHex(hex);
  if (!rgb) return '#000000';
  let current = toHex(rgb);
  for (let f = 1; f > 0 && contrast(current, against) < ratio; f -= 0.04)
    current = toHex(rgb.map((v) => v * f));
  return contrast(current, against) >= ratio ? current : '#000000';
}

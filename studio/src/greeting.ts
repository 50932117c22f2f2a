/** A bilingual greeting for the hour of day (0–23). */
export function greeting(hour: number): string {
  if (hour < 12) return '上午好 · Good morning';
  if (hour < 18) return '下午好 · Good afternoon';
  return '晚上好 · Good evening';
}

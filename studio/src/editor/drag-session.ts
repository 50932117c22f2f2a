import type { PaletteEntry } from '../stores/catalog';

/**
 * What is being dragged. Sortable's add/remove/update events fire on different lists of one
 * drop; the canvas reads the subject from here instead of from the lists' arrays, and every
 * operation of one drag shares one history step through its coalesce key.
 */
export type DragSubject = { kind: 'block'; id: string } | { kind: 'entry'; entry: PaletteEntry };

let serial = 0;
let subject: DragSubject | null = null;

export function beginDrag(next: DragSubject): void {
  serial++;
  subject = next;
}

export function dragSubject(): DragSubject | null {
  return subject;
}

export function dragKey(): string {
  return `drag:${serial}`;
}

export function endDrag(): void {
  subject = null;
}

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../seeds/random';
import type { StoredRecord } from '../records/types';
import { keyedBy, orderOf, SortedView, type PageSort } from './sorted-view';

const idOf = (n: number) => n.toString(16).padStart(24, '0');

describe('SortedView', () => {
  it('keeps the records in the order a full sort gives, through random puts and removes', () => {
    const random = seededRandom(42);
    for (const sort of [
      { keys: [{ field: 'createdAt', dir: -1 }], idDir: -1 },
      { keys: [{ field: 'createdAt', dir: 1 }], idDir: 1 },
      {
        keys: [
          { field: 'status', dir: 1 },
          { field: 'no', dir: -1 },
        ],
        idDir: 1,
      },
    ] satisfies PageSort[]) {
      // Few distinct values, some missing and some of other types: ties and mixed ranks.
      const docOf = (n: number): StoredRecord => {
        const doc: Record<string, unknown> = { _id: idOf(n), communityId: 'c' };
        const r = random();
        if (r < 0.8)
          doc.createdAt = new Date(Date.UTC(2026, 11, 1, Math.floor(random() * 5))).toISOString();
        else if (r < 0.9) doc.createdAt = null;
        if (random() < 0.9)
          doc.status = ['submitted', 'accepted', 'done'][Math.floor(random() * 3)];
        doc.no = random() < 0.5 ? Math.floor(random() * 4) : String(Math.floor(random() * 4));
        return doc as StoredRecord;
      };
      const live = new Map<string, StoredRecord>();
      for (let n = 0; n < 40; n++) live.set(idOf(n), docOf(n));
      const view = new SortedView(sort, live.values());
      const order = orderOf(sort);
      const expected = () =>
        [...live.values()]
          .map((d) => keyedBy(sort, d))
          .sort(order)
          .map((k) => k.doc._id);
      for (let step = 0; step < 400; step++) {
        const n = Math.floor(random() * 60);
        if (random() < 0.7) {
          const doc = docOf(n);
          live.set(doc._id, doc);
          view.put(doc);
        } else {
          live.delete(idOf(n));
          view.remove(idOf(n));
        }
        expect([...view.records()].map((d) => d._id)).toEqual(expected());
      }
      expect(live.size).toBeGreaterThan(20);
    }
  });

  it('gives the record last put under an id, once', () => {
    const sort: PageSort = { keys: [{ field: 'createdAt', dir: -1 }], idDir: -1 };
    const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h)).toISOString();
    const view = new SortedView(sort, [
      { _id: idOf(1), createdAt: at(1) } as unknown as StoredRecord,
      { _id: idOf(2), createdAt: at(2) } as unknown as StoredRecord,
    ]);
    view.put({ _id: idOf(1), createdAt: at(3), title: 'new' } as unknown as StoredRecord);
    expect([...view.records()]).toEqual([
      { _id: idOf(1), createdAt: at(3), title: 'new' },
      { _id: idOf(2), createdAt: at(2) },
    ]);
    view.remove(idOf(2));
    view.remove(idOf(9));
    expect([...view.records()].map((d) => d._id)).toEqual([idOf(1)]);
  });
});

import type { mongo } from 'mongoose';
import { changeKeyId, MAX_IDS, noteChange, type ChangeKey } from '../records/changes';
import type { HeldNotes } from '../records/context';

/**
 * Records noted together. Half a note's limit: a group that meets another write of the same
 * collection in this process while its note is written is noted together with it (changes.ts),
 * and over MAX_IDS ids would make every reader reload the collection.
 */
const GROUP = Math.floor(MAX_IDS / 2);

/**
 * The change-log notes of one schedule batch's writes, written GROUP records to a note as each
 * group fills, and the rest when the batch ends (`flush`). One note per acted record was half
 * the run's database commands (server/bench/schedules.bench.ts). A crash loses the notes of at
 * most a group's records (one note's were lost between a write and its note before): readers
 * that cached the collection miss them until they reload it.
 */
export class GroupedNotes implements HeldNotes {
  private readonly held = new Map<string, { key: ChangeKey; ids: string[]; nums: number[] }>();

  constructor(private readonly db: mongo.Db) {}

  hold(key: ChangeKey, id: string, num?: number): Promise<void> {
    const slot = changeKeyId(key);
    let group = this.held.get(slot);
    if (!group) this.held.set(slot, (group = { key, ids: [], nums: [] }));
    group.ids.push(id);
    if (num !== undefined) group.nums.push(num);
    // Awaited by the write that filled the group, so the next group starts after it is written.
    return group.ids.length >= GROUP ? this.write(slot) : Promise.resolve();
  }

  /** Writes every group still held. */
  async flush(): Promise<void> {
    for (const slot of [...this.held.keys()]) await this.write(slot);
  }

  private async write(slot: string): Promise<void> {
    const group = this.held.get(slot);
    if (!group) return;
    this.held.delete(slot);
    await noteChange(this.db, group.key, group.ids, group.nums);
  }
}

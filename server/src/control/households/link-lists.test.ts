// A person's family links are a list per person and community (link-lists.ts). A database of an
// earlier release has links but no lists: they are built once at start, and readers keep only
// the live links of the community that name the person.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { FamilyLinkLists } from './link-lists';
import { householdModels, type FamilyLinkDoc } from './model';

const db = useTestDatabase('link-lists');

const link = (id: string, a: string, b: string, status: 'active' | 'revoked'): FamilyLinkDoc => ({
  _id: id,
  communityId: 'll-c',
  a,
  b,
  relation: 'child',
  status,
  consent: { kind: 'paper', note: '纸质同意书', recordedBy: 'op', at: new Date() },
  createdAt: new Date(),
});

describe('family link lists', () => {
  it('are built once from the live links a database already has', async () => {
    const models = householdModels(db.connection());
    await models.FamilyLink.collection.insertMany([
      link('l-live', 'mum', 'son', 'active'),
      link('l-ended', 'mum', 'aunt', 'revoked'),
    ] as never[]);
    const lists = new FamilyLinkLists(models);
    expect(await lists.linksOf('ll-c', 'son')).toEqual([]);
    expect(await lists.build()).toBe(1);
    expect(await lists.build()).toBe(1); // again: nothing added twice
    expect((await lists.linksOf('ll-c', 'son')).map((l) => l._id)).toEqual(['l-live']);
    expect((await lists.linksOf('ll-c', 'mum')).map((l) => l._id)).toEqual(['l-live']);
    expect(await lists.linksOf('ll-c', 'aunt')).toEqual([]);
    expect(await lists.linksOf('other-c', 'son')).toEqual([]);
    // A link listed but revoked since (its writer stopped before the list changed) shows nowhere.
    await models.FamilyLink.updateOne({ _id: 'l-live' }, { $set: { status: 'revoked' } });
    expect(await lists.linksOf('ll-c', 'son')).toEqual([]);
  });
});

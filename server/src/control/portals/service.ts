import {
  sceneName,
  validatePortal,
  type Issue,
  type PluginManifest,
  type Portal,
} from '@scene/schema';
import type { Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { AuthModels } from '../auth/model';
import { newId } from '../auth/secrets';
import type { CommunityDoc, CommunityModels } from '../communities/model';
import { communityView, type CommunityService, type CommunityView } from '../communities/service';
import { byIds } from '../../db/by-ids';
import { isDuplicateKey } from '../../db/claims';
import { HttpError, notFound, preconditionFailed } from '../../http/errors';
import type { InstallationService } from '../installations/service';
import { canonicalJson, sha256Hex } from '../registry/canonical';
import type { DomainEvents } from '../../events';
import { jsonDiff } from './diff';
import type { DraftRevisionDoc, PortalModels, PortalVersionDoc } from './model';
import { pluginUsage, toReport, type ValidationReport } from './report';

export interface DraftView {
  portal: Portal;
  rev: number;
  etag: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string;
  /** The publisher's name as it is now (absent for `system` and closed accounts). */
  publishedByName?: string;
  note?: string;
  checksum: string;
  live: boolean;
}

const KEEP_DRAFT_REVISIONS = 50;
export const draftEtag = (rev: number) => `"r${rev}"`;

export function defaultPortal(community: CommunityView): Portal {
  return {
    portalVersion: 1,
    theme: { ...community.theme } as Portal['theme'],
    tabs: [
      { id: 'home', title: { 'zh-CN': '首页', en: 'Home' }, icon: 'home', page: 'home' },
      { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, icon: 'user', page: 'me' },
    ],
    pages: [
      { id: 'home', title: { 'zh-CN': community.name, en: 'Home' }, blocks: [] },
      { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, blocks: [] },
    ],
  };
}

/**
 * The portal of each community: a draft saved with optimistic concurrency, published into
 * immutable numbered versions, with the live one named by the community's `publishedVersion`.
 */
export class PortalService {
  constructor(
    private readonly models: PortalModels &
      Pick<CommunityModels, 'Community'> &
      Pick<AuthModels, 'Account'>,
    private readonly communities: CommunityService,
    private readonly installations: InstallationService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async draft(communityId: string): Promise<DraftView> {
    return (await this.draftOf(communityId)).draft;
  }

  /** The draft and the community document it was found from (one read of each). */
  private async draftOf(
    communityId: string,
  ): Promise<{ draft: DraftView; community: CommunityDoc }> {
    const community = await this.models.Community.findById(communityId).lean();
    if (!community) throw notFound('No such community.');
    const latest = await this.latestRevision(communityId, community.draftRev);
    if (!latest) {
      const portal = defaultPortal(communityView(community));
      return { draft: { portal, rev: 0, etag: draftEtag(0) }, community };
    }
    const draft = {
      portal: JSON.parse(latest.portalJson) as Portal,
      rev: latest.rev,
      etag: draftEtag(latest.rev),
      updatedAt: latest.savedAt.toISOString(),
      updatedBy: latest.savedBy,
    };
    return { draft, community };
  }

  /**
   * The highest saved revision, read by `_id` from the community's hint onwards (revisions are
   * consecutive: each save inserts `rev + 1`). Only a community saved before the hint existed is
   * looked up by a query.
   */
  private async latestRevision(
    communityId: string,
    hint: number | undefined,
  ): Promise<DraftRevisionDoc | null> {
    if (hint === undefined)
      return this.models.DraftRevision.findOne({ communityId }).sort({ rev: -1 }).lean();
    const byRev = (rev: number) =>
      rev > 0 ? this.models.DraftRevision.findById(`${communityId}:${rev}`).lean() : null;
    let [latest, next] = await Promise.all([byRev(hint), byRev(hint + 1)]);
    while (next) {
      latest = next;
      next = await byRev(next.rev + 1);
    }
    return latest;
  }

  /** Saves as revision rev+1 when `ifMatch` names the current revision; a stale one gets 412. */
  async saveDraft(
    actor: Actor,
    communityId: string,
    portal: Portal,
    ifMatch: string,
  ): Promise<DraftView & { report: ValidationReport }> {
    const community = await this.models.Community.findById(communityId).lean();
    if (!community) throw notFound('No such community.');
    // The hint names a revision that exists: when If-Match names it too, inserting the next
    // revision is the whole check (its unique `_id` refuses it if anyone saved since), and no
    // revision is read. Otherwise the current one is looked up to tell the two apart.
    let base = community.draftRev;
    if (base === undefined || ifMatch !== draftEtag(base)) {
      base = (await this.latestRevision(communityId, community.draftRev))?.rev ?? 0;
      if (ifMatch !== draftEtag(base))
        throw preconditionFailed(
          'The draft changed since you loaded it; reload it and reapply your change.',
          { etag: draftEtag(base) },
        );
    }
    const rev = base + 1;
    const now = new Date();
    try {
      await this.models.DraftRevision.create({
        _id: `${communityId}:${rev}`,
        communityId,
        rev,
        portalJson: JSON.stringify(portal),
        savedBy: actor.accountId,
        savedAt: now,
      });
    } catch (err) {
      // Someone saved the same revision a moment earlier: exactly one of the racing saves wins.
      if (isDuplicateKey(err))
        throw preconditionFailed('The draft changed since you loaded it.', {
          etag: (await this.draft(communityId)).etag,
        });
      throw err;
    }
    await this.models.Community.updateOne({ _id: communityId }, { $max: { draftRev: rev } });
    // Exactly one revision falls out of the kept window with each save.
    if (rev > KEEP_DRAFT_REVISIONS)
      await this.models.DraftRevision.deleteOne({
        _id: `${communityId}:${rev - KEEP_DRAFT_REVISIONS}`,
      });
    return {
      portal,
      rev,
      etag: draftEtag(rev),
      updatedAt: now.toISOString(),
      updatedBy: actor.accountId,
      report: await this.report(community, portal),
    };
  }

  /** Everything publish checks, without publishing. */
  async validate(communityId: string, portal: Portal): Promise<ValidationReport> {
    const community = await this.models.Community.findById(communityId).lean();
    if (!community) throw notFound('No such community.');
    return this.report(community, portal);
  }

  private async report(community: CommunityDoc, portal: Portal): Promise<ValidationReport> {
    const { errors, warnings } = await this.check(community, portal);
    return toReport(errors, warnings);
  }

  private async check(community: CommunityDoc, portal: Portal) {
    const installed = await this.installations.installedManifests(community._id, [
      ...pluginUsage(portal).keys(),
    ]);
    const active: Record<string, PluginManifest> = {};
    for (const [id, { doc, manifest }] of installed)
      if (doc.status === 'active') active[id] = manifest;
    const standard = [...installed.values()]
      .filter((i) => i.manifest.tier === 'standard')
      .map((i) => i.manifest.id);
    const result = validatePortal(portal, { plugins: active, standardPlugins: standard });
    const warnings: Issue[] = [...result.warnings];
    if (result.ok) {
      const used = pluginUsage(portal);
      const scenes = new Set([...used.keys()].map((id) => active[id]?.scene));
      for (const scene of community.enabledScenes) {
        if (!scenes.has(scene as PluginManifest['scene'])) {
          const name = sceneName(scene);
          warnings.push({
            pointer: '/pages',
            code: 'portal.scene-coverage',
            severity: 'warning',
            message: {
              'zh-CN': `启用的「${name['zh-CN']}」场景在门户中没有任何组件。`,
              en: `The enabled scene "${name.en}" has no component in the portal.`,
            },
          });
        }
      }
    }
    return { errors: result.errors, warnings, installed };
  }

  async publish(
    actor: Actor,
    communityId: string,
    input: { note?: string },
    ifMatch?: string,
  ): Promise<{ version: number; live: boolean; report: ValidationReport }> {
    const { draft, community } = await this.draftOf(communityId);
    if (ifMatch && ifMatch !== draft.etag)
      throw preconditionFailed('The draft changed since you loaded it.', { etag: draft.etag });
    const { errors, warnings, installed } = await this.check(community, draft.portal);
    const report = toReport(errors, warnings);
    if (!report.ok)
      throw new HttpError(
        422,
        'portal_invalid',
        'The portal has errors; nothing was published.',
        report,
      );

    const portalJson = canonicalJson(draft.portal);
    const base = {
      communityId,
      portalJson,
      checksum: sha256Hex(portalJson),
      draftRev: draft.rev,
      plugins: [...pluginUsage(draft.portal).keys()]
        .sort()
        .map((pluginId) => ({ pluginId, version: installed.get(pluginId)!.doc.version })),
      warnings: warnings.length,
      ...(input.note ? { note: input.note } : {}),
      publishedBy: actor.accountId,
    };
    // Consecutive numbers: take the next one; a racing publisher who took it first makes the
    // insert fail on the unique (communityId, number) key, and we try the number after.
    // The community's `highestPublished` never runs ahead of the versions stored, so the next
    // free number is found by inserting upwards from it, without reading the versions.
    let number = community.highestPublished ?? 0;
    for (let attempt = 0; ; attempt++) {
      number++;
      try {
        await this.models.PortalVersion.create({
          ...base,
          _id: `${communityId}:${number}`,
          number,
          publishedAt: new Date(),
        });
        break;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 100) throw err;
      }
    }
    // The version is complete before the pointer names it, so the runtime never sees half of
    // it. One single-document update moves the pointer, never backwards: it names this version
    // unless it already names a higher one (a racing publish that went first). `$max` keeps that
    // rule with a filter on `_id` alone, which the local database answers from its index; a
    // condition in the filter (`highestPublished < number`) made it read every community.
    // (Atomic on MongoDB; on FerretDB v1 best-effort, and the pointer always names a complete
    // version.)
    const moved = await this.models.Community.findOneAndUpdate(
      { _id: communityId },
      {
        $max: { publishedVersion: number, highestPublished: number, publishedAt: new Date() },
        $set: { runtimeTag: newId() },
      },
      { returnDocument: 'after' },
    ).lean();
    const live = moved?.publishedVersion === number;
    await this.events.emit('runtime.changed', { communityId, reason: 'portal.published' });
    await this.audit.record(actor, {
      action: 'portal.publish',
      target: { type: 'portal-version', id: `${communityId}:${number}` },
      communityId,
      summary: {
        version: number,
        draftRev: draft.rev,
        checksum: base.checksum,
        warnings: warnings.length,
        live,
      },
    });
    return { version: number, live, report };
  }

  async rollback(actor: Actor, communityId: string, number: number): Promise<{ version: number }> {
    const target = await this.models.PortalVersion.exists({ _id: `${communityId}:${number}` });
    if (!target) throw notFound(`Version ${number} does not exist.`);
    const before = await this.communities.get(communityId);
    await this.models.Community.updateOne(
      { _id: communityId },
      { $set: { publishedVersion: number, publishedAt: new Date(), runtimeTag: newId() } },
    );
    await this.events.emit('runtime.changed', { communityId, reason: 'portal.rolled-back' });
    await this.audit.record(actor, {
      action: 'portal.rollback',
      target: { type: 'portal-version', id: `${communityId}:${number}` },
      communityId,
      summary: { before: { version: before.publishedVersion }, after: { version: number } },
    });
    return { version: number };
  }

  /**
   * The newest `limit` versions. Read by `_id` (`<communityId>:<n>`, numbered consecutively
   * from 1 and never deleted), downwards from the highest: a filter on `communityId` would decode
   * every portal version of the province on the local database. `highestPublished` may lag a
   * version stored by a publish that stopped before moving it, so numbers past it are probed.
   * On MongoDB this is up to `limit` reads in parallel where one indexed query would do.
   */
  async versions(communityId: string, limit: number): Promise<VersionSummary[]> {
    const community = await this.models.Community.findById(communityId, {
      publishedVersion: 1,
      highestPublished: 1,
    }).lean();
    if (!community) throw notFound('No such community.');
    const read = (n: number) =>
      this.models.PortalVersion.findById(`${communityId}:${n}`, { portalJson: 0 }).lean();
    let top = community.highestPublished ?? 0;
    const later: Omit<PortalVersionDoc, 'portalJson'>[] = [];
    for (let next = await read(top + 1); next; next = await read(top + 1)) {
      later.unshift(next);
      top++;
    }
    const numbers = Array.from(
      { length: Math.max(0, top - later.length) },
      (_, i) => top - later.length - i,
    );
    const earlier = await byIds(numbers.slice(0, Math.max(0, limit - later.length)), read);
    const docs = [...later, ...earlier].slice(0, limit);
    // The history names each publisher: the few people on this page, each read by `_id`.
    const people = await byIds(
      docs.map((d) => d.publishedBy),
      (id) => this.models.Account.findById(id, { displayName: 1 }).lean(),
    );
    const names = new Map(people.map((p) => [p._id, p.displayName]));
    return docs.map((d) => {
      const name = names.get(d.publishedBy);
      return {
        ...summary(d, community.publishedVersion ?? null),
        ...(name ? { publishedByName: name } : {}),
      };
    });
  }

  async version(communityId: string, number: number): Promise<VersionSummary & { portal: Portal }> {
    const community = await this.communities.get(communityId);
    const doc = await this.versionDoc(communityId, number);
    return {
      ...summary(doc, community.publishedVersion),
      portal: JSON.parse(doc.portalJson) as Portal,
    };
  }

  async versionDoc(communityId: string, number: number): Promise<PortalVersionDoc> {
    const doc = await this.models.PortalVersion.findById(`${communityId}:${number}`).lean();
    if (!doc) throw notFound(`Version ${number} does not exist.`);
    return doc;
  }

  async diff(communityId: string, from: number, to: number) {
    const [a, b] = await Promise.all([
      this.versionDoc(communityId, from),
      this.versionDoc(communityId, to),
    ]);
    return { from, to, changes: jsonDiff(JSON.parse(a.portalJson), JSON.parse(b.portalJson)) };
  }
}

function summary(d: Omit<PortalVersionDoc, 'portalJson'>, live: number | null): VersionSummary {
  return {
    version: d.number,
    publishedAt: d.publishedAt.toISOString(),
    publishedBy: d.publishedBy,
    ...(d.note ? { note: d.note } : {}),
    checksum: d.checksum,
    live: d.number === live,
  };
}

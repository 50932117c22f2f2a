import { randomInt } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import { newId, sha256 } from '../auth/secrets';
import type { InvitationRedeemer, RedeemedInvitation } from '../auth/joining';
import { HttpError, notFound } from '../../http/errors';
import { claimPlace } from '../../db/claims';
import type { CommunityModels, InvitationDoc, InvitationRole } from './model';
import { assertGrantable, type InstalledManifests } from './grants';

// No 0/O/1/I: codes are read aloud and typed on phones.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Codes compare without case, spaces or dashes: `ab3k-9xq2` = `AB3K9XQ2`. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export function generateCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export interface InvitationView {
  id: string;
  communityId: string;
  role: InvitationRole;
  pluginRoles: string[];
  label?: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  revoked: boolean;
  createdAt: string;
}

export interface InvitationSettings {
  label?: string;
  /** `staff` invitations bring a new or existing account in as staff (one use by default). */
  role?: InvitationRole;
  pluginRoles?: string[];
  maxUses?: number;
  expiresInDays: number;
}

/** Places a code has unless the operator says otherwise: a staff code is for one person. */
const DEFAULT_USES: Record<InvitationRole, number> = { resident: 500, staff: 1 };

/**
 * Invitation codes: a resident registers with one, a person with an account accepts one while
 * signed in (joining.ts); a code may bring people in as residents or as staff. Stored only as a hash (50 random bits, so a
 * plain SHA-256 is enough and survives a change of server secret). Each use is a claim document
 * with a unique slot number (a claim, see db/claims.ts), so a code with one place left admits exactly one
 * person even under concurrency, on FerretDB as on MongoDB.
 */
export class InvitationService implements InvitationRedeemer {
  constructor(
    private readonly models: CommunityModels,
    private readonly audit: AuditService,
    private readonly installations: InstalledManifests,
  ) {}

  async create(
    communityId: string,
    settings: InvitationSettings,
    actor: Actor | 'system',
    fixedCode?: string,
  ): Promise<InvitationView & { code: string }> {
    const code = fixedCode ?? generateCode();
    const now = new Date();
    const role = settings.role ?? 'resident';
    if (role === 'staff')
      await assertGrantable(this.installations, communityId, settings.pluginRoles ?? []);
    const doc: InvitationDoc = {
      _id: newId(),
      communityId,
      codeHash: sha256(normaliseCode(code)),
      role,
      pluginRoles: role === 'staff' ? [...new Set(settings.pluginRoles ?? [])] : [],
      ...(settings.label ? { label: settings.label } : {}),
      maxUses: settings.maxUses ?? DEFAULT_USES[role],
      expiresAt: new Date(now.getTime() + settings.expiresInDays * 86_400_000),
      createdBy: actor === 'system' ? 'system' : actor.accountId,
      createdAt: now,
    };
    await this.models.Invitation.create(doc);
    await this.audit.record(actor === 'system' ? SYSTEM_ACTOR : actor, {
      action: 'invitation.create',
      target: { type: 'invitation', id: doc._id },
      communityId,
      summary: {
        role: doc.role,
        pluginRoles: doc.pluginRoles,
        maxUses: doc.maxUses,
        expiresAt: doc.expiresAt.toISOString(),
      },
    });
    return { ...invitationView(doc), code };
  }

  async list(communityId: string): Promise<InvitationView[]> {
    const docs = await this.models.Invitation.find({ communityId })
      .sort({ createdAt: -1 })
      .limit(200)
      .lean();
    const uses = await this.models.InvitationUse.find(
      { owner: { $in: docs.map((d) => d._id) } },
      { owner: 1 },
    ).lean();
    const count = new Map<string, number>();
    for (const u of uses) count.set(u.owner, (count.get(u.owner) ?? 0) + 1);
    return docs.map((d) => invitationView(d, count.get(d._id) ?? 0));
  }

  async revoke(communityId: string, id: string, actor: Actor): Promise<InvitationDoc> {
    const doc = await this.models.Invitation.findOneAndUpdate(
      { _id: id, communityId },
      { $set: { revokedAt: new Date() } },
      { returnDocument: 'before' },
    ).lean();
    if (!doc) throw notFound('No such invitation.');
    if (!doc.revokedAt) {
      await this.audit.record(actor, {
        action: 'invitation.revoke',
        target: { type: 'invitation', id },
        communityId,
      });
    }
    return doc;
  }

  /** Revokes a code and issues a fresh one with the same settings (a leaked code, a new term). */
  async regenerate(
    communityId: string,
    id: string,
    actor: Actor,
  ): Promise<InvitationView & { code: string }> {
    const old = await this.revoke(communityId, id, actor);
    const daysLeft = Math.max(1, Math.ceil((old.expiresAt.getTime() - Date.now()) / 86_400_000));
    return this.create(
      communityId,
      {
        ...(old.label ? { label: old.label } : {}),
        role: old.role ?? 'resident',
        pluginRoles: old.pluginRoles ?? [],
        maxUses: old.maxUses,
        expiresInDays: daysLeft,
      },
      actor,
    );
  }

  async redeem(code: string): Promise<RedeemedInvitation> {
    const doc = await this.models.Invitation.findOne({
      codeHash: sha256(normaliseCode(code)),
      revokedAt: null,
      expiresAt: { $gt: new Date() },
    }).lean();
    const slot =
      doc &&
      (await claimPlace(this.models.InvitationUse.collection, {
        groupField: 'owner',
        group: doc._id,
        limit: doc.maxUses,
        idOf: (n) => `${doc._id}:${n}`,
        fields: (n) => ({ slot: n, at: new Date() }),
        pick: 'lowest',
      }));
    if (!doc || !slot) {
      throw new HttpError(
        400,
        'invalid_invitation',
        'This invitation code is unknown, expired or used up.',
      );
    }
    return {
      communityId: doc.communityId,
      // Codes from before roles existed admit residents.
      role: doc.role ?? 'resident',
      pluginRoles: doc.pluginRoles ?? [],
      claim: `${doc._id}:${slot}`,
    };
  }

  /** Gives back the place taken by `redeem` when the registration then failed. */
  async release(claim: string): Promise<void> {
    const [invitationId, slot] = claim.split(':');
    if (invitationId && slot)
      await this.models.InvitationUse.deleteOne({ _id: `${invitationId}:${Number(slot)}` });
  }
}

function invitationView(d: InvitationDoc, uses = 0): InvitationView {
  return {
    id: d._id,
    communityId: d.communityId,
    role: d.role ?? 'resident',
    pluginRoles: d.pluginRoles ?? [],
    ...(d.label ? { label: d.label } : {}),
    maxUses: d.maxUses,
    uses,
    expiresAt: d.expiresAt.toISOString(),
    revoked: Boolean(d.revokedAt),
    createdAt: d.createdAt.toISOString(),
  };
}

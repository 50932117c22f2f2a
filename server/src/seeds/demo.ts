import { standardPluginEntries } from '@scene/plugins';
import type { MemberAttributes, Theme } from '@scene/schema';
import type { Actor } from '../control/auth/actor';
import type { MembershipRole } from '../control/auth/model';
import { sha256 } from '../control/auth/secrets';
import { normaliseCode } from '../control/communities/invitations';
import type { CommunityInput } from '../control/communities/service';
import type { Config } from '../config';
import type { Services } from '../services';
import { BuildService } from '../operations/build/service';
import { buildPlanModel } from '../operations/build/model';
import { seedActivity, type ActivitySummary } from './activity';
import { seedNoShows } from './no-shows';
import { portalWithAll } from './portal';
import { DEMO_PLACES, DEMO_REGIONS, PROVINCE_COMMUNITIES, demoBuildPlans } from './province';

/**
 * Demo data for `npm start` (development only): a small province (province.ts) of eight
 * communities in every build stage, five of them live with their own look, an account for every
 * role with a fixed password, the standard plugins published, approved and installed, a
 * published portal using all of them, and up to a year of generated activity behind the
 * operations dashboards (activity.ts). Idempotent: every step looks before it writes, so a
 * second start keeps the data of the first and adds nothing.
 */
export const DEMO_PASSWORDS = {
  admin: 'demo-admin-2025',
  vendor: 'demo-vendor-2025',
  operator: 'demo-operator-2025',
  staff: 'demo-staff-2025',
  resident: 'demo-resident-2025',
  supervisor: 'demo-supervisor-2025',
} as const;

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export interface DemoCommunity extends CommunityInput {
  theme: Theme;
  /** Only a community whose portal is live has one (residents join it). */
  invitationCode?: string;
  /**
   * The portal is live: the standard plugins installed, a portal published, and generated
   * activity at `level` (1 = the busiest) since it opened `sinceDays` ago. A community still
   * being planned or built has none of it: only its place in the region tree and its build plan.
   */
  live?: { level: number; sinceDays: number };
  people: {
    username: string;
    displayName: string;
    role: MembershipRole;
    note: string;
    /** What the operator recorded (age band, building…): eligibility rules read it. */
    attributes?: MemberAttributes;
    /** Missed her last three space bookings: her new bookings are paused (seeds/no-shows.ts). */
    noShows?: true;
  }[];
}

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    id: 'cuiyuan',
    name: '翠苑未来社区',
    city: '杭州',
    district: '西湖区',
    type: 'renovation',
    enabledScenes: ['neighbourhood', 'health', 'service', 'governance'],
    theme: {
      primaryColor: '#b5472f',
      accentColor: '#e0a84b',
      fontScale: 'large',
      culture: {
        title: t('翠苑 · 邻里守望', 'Cuiyuan · neighbours looking out for each other'),
        text: t(
          '老小区焕新颜，邻里互助，一老一小都有人照顾。',
          'An old estate renewed: neighbours help each other, the old and the young are looked after.',
        ),
      },
    },
    invitationCode: 'CUIYUAN-2025',
    live: { level: 1, sinceDays: 365 },
    people: [
      { username: 'op-cuiyuan', displayName: '翠苑运营 陈晓', role: 'operator', note: 'operator' },
      {
        username: 'staff-cuiyuan',
        displayName: '物业 李师傅',
        role: 'staff',
        note: 'staff (the plugins’ staff roles by default)',
      },
      {
        username: 'resident-cuiyuan',
        displayName: '居民 王小明',
        role: 'resident',
        note: 'resident',
        attributes: { ageBand: '18-59', building: '3幢', unit: '2单元', householdRole: 'owner' },
      },
      {
        username: 'elder-cuiyuan',
        displayName: '居民 赵奶奶',
        role: 'resident',
        note: 'elderly resident (80+, lives alone)',
        attributes: {
          ageBand: '80+',
          building: '5幢',
          unit: '1单元',
          householdRole: 'owner',
          tags: ['独居'],
        },
      },
      {
        username: 'paused-cuiyuan',
        displayName: '居民 孙丽',
        role: 'resident',
        note: 'resident whose space bookings are paused (3 no-shows)',
        noShows: true,
      },
    ],
  },
  {
    id: 'jiangbei',
    name: '江北未来社区',
    city: '宁波',
    district: '江北区',
    type: 'new-build',
    enabledScenes: ['education', 'low-carbon', 'service', 'governance', 'transport'],
    theme: {
      primaryColor: '#1d5fa8',
      accentColor: '#35b29a',
      fontScale: 'normal',
      culture: {
        title: t('江北 · 绿色新家园', 'Jiangbei · a green new home'),
        text: t(
          '新建社区，低碳出行，共建共治共享。',
          'A new-build community: low-carbon travel, built and governed together.',
        ),
      },
    },
    invitationCode: 'JIANGBEI-2025',
    // Built in phases: the first residents moved in eight months ago, while the rest is built.
    live: { level: 0.6, sinceDays: 240 },
    people: [
      { username: 'op-jiangbei', displayName: '江北运营 周宁', role: 'operator', note: 'operator' },
      {
        username: 'staff-jiangbei',
        displayName: '服务 张阿姨',
        role: 'staff',
        note: 'staff (the plugins’ staff roles by default)',
      },
      {
        username: 'resident-jiangbei',
        displayName: '居民 刘洋',
        role: 'resident',
        note: 'resident',
        attributes: { ageBand: '18-59', building: '2幢', householdRole: 'tenant' },
      },
      {
        username: 'elder-jiangbei',
        displayName: '居民 孙爷爷',
        role: 'resident',
        note: 'elderly resident (70+)',
        attributes: { ageBand: '70-79', building: '7幢', householdRole: 'owner' },
      },
    ],
  },
  ...PROVINCE_COMMUNITIES,
];

export interface SeedSummary {
  communities: { id: string; name: string; invitationCode: string }[];
  accounts: { username: string; password: string; role: string; communityId?: string }[];
  /** Records generated for the dashboards on this start (none once a community has them). */
  activity: ActivitySummary[];
}

const SEED_ACTOR: Actor = {
  accountId: 'system',
  username: 'system',
  displayName: 'seed',
  platformRoles: ['admin'],
};

export async function seedDemo(
  services: Services,
  config: Pick<Config, 'mode'>,
): Promise<SeedSummary> {
  if (config.mode === 'production') throw new Error('Demo seeds are refused in production mode.');
  const summary: SeedSummary = { communities: [], accounts: [], activity: [] };

  const account = async (
    username: string,
    displayName: string,
    password: string,
    extra: { platformRoles?: ('admin' | 'vendor')[]; vendorId?: string } = {},
  ) => {
    const found = await services.auth.findByUsername(username);
    if (found) return found._id;
    return (await services.auth.createAccount({ username, displayName, password, ...extra })).id;
  };
  await account('admin', '平台管理员', DEMO_PASSWORDS.admin, { platformRoles: ['admin'] });
  summary.accounts.push({ username: 'admin', password: DEMO_PASSWORDS.admin, role: 'admin' });
  await account('vendor-acme', 'Acme 组件商', DEMO_PASSWORDS.vendor, {
    platformRoles: ['vendor'],
    vendorId: 'acme',
  });
  summary.accounts.push({
    username: 'vendor-acme',
    password: DEMO_PASSWORDS.vendor,
    role: 'vendor (vendorId acme)',
  });

  // Standard plugins: published with their example data and approved once; a version already
  // there is left alone (and given its example data if an older seed published it without).
  for (const { manifest, fixtures } of standardPluginEntries) {
    const existing = await services.registry.status(manifest.id, manifest.version);
    if (!existing) await services.registry.publish(SEED_ACTOR, manifest);
    if (!(await services.fixtures.has(manifest.id, manifest.version)))
      await services.fixtures.publish(SEED_ACTOR, manifest.id, manifest.version, fixtures);
    if (!existing || existing.status === 'pending') {
      await services.registry
        .review(SEED_ACTOR, manifest.id, manifest.version, 'approve')
        .catch(() => undefined);
    }
  }
  const manifests = standardPluginEntries.map((e) => e.manifest);

  /** The standard plugins, invitation code, people and published portal of a live community. */
  const liveCommunity = async (c: DemoCommunity, invitationCode: string) => {
    await services.installations.ensureStandard(c.id);
    // The platform's own optional plugins (e.g. the elderly canteen) are installed for the demo too.
    for (const m of manifests) {
      if (await services.models.Installation.exists({ _id: `${c.id}:${m.id}` })) continue;
      await services.installations.install('system', c.id, { pluginId: m.id, version: m.version });
    }
    const codeHash = sha256(normaliseCode(invitationCode));
    if (!(await services.models.Invitation.exists({ codeHash }))) {
      await services.invitations.create(
        c.id,
        { label: '演示 / demo', maxUses: 1000, expiresInDays: 366 },
        'system',
        invitationCode,
      );
    }
    for (const p of c.people) {
      const password =
        p.role === 'operator'
          ? DEMO_PASSWORDS.operator
          : p.role === 'staff'
            ? DEMO_PASSWORDS.staff
            : DEMO_PASSWORDS.resident;
      const id = await account(p.username, p.displayName, password);
      // Staff hold the plugins' staff roles through grantedTo; nobody needs an explicit grant.
      await services.members.ensure(c.id, id, p.role, [], p.attributes);
      summary.accounts.push({ username: p.username, password, role: p.note, communityId: c.id });
      if (p.noShows)
        await seedNoShows(services, c.id, id, services.dataPlane.now?.() ?? new Date());
    }
    const community = await services.communities.get(c.id);
    if (community.publishedVersion === null) {
      // Operator configuration from each plugin's example fixtures, then the portal.
      for (const e of standardPluginEntries) {
        await services.installations
          .update(SEED_ACTOR, c.id, e.manifest.id, { config: e.fixtures.config })
          .catch(() => undefined);
      }
      const draft = await services.portals.draft(c.id);
      const portal = portalWithAll(manifests, c.theme);
      await services.portals.saveDraft(SEED_ACTOR, c.id, portal, draft.etag);
      await services.portals.publish(SEED_ACTOR, c.id, { note: '演示门户 / demo portal' });
    }
  };

  for (const c of DEMO_COMMUNITIES) {
    const exists = await services.models.Community.exists({ _id: c.id });
    if (!exists) {
      const { invitationCode: _code, people: _people, live: _live, ...input } = c;
      await services.communities.create(input, 'system');
    }
    if (c.live && c.invitationCode) {
      await liveCommunity(c, c.invitationCode);
      summary.communities.push({ id: c.id, name: c.name, invitationCode: c.invitationCode });
    }
  }

  // The region tree with every community placed, and a province supervisor (figures only).
  for (const r of DEMO_REGIONS)
    if (!(await services.models.Region.exists({ _id: r.id })))
      await services.regions.create({ ...r }, SEED_ACTOR);
  for (const [communityId, streetId] of Object.entries(DEMO_PLACES))
    if (!(await services.models.RegionPlacement.exists({ _id: communityId })))
      await services.regions.place(streetId, communityId, SEED_ACTOR);
  const supervisorId = await account('supervisor-zj', '浙江省督导', DEMO_PASSWORDS.supervisor);
  if ((await services.regions.scopeOf({ ...SEED_ACTOR, accountId: supervisorId })) === null)
    await services.regions.assignSupervisor('zj', supervisorId, SEED_ACTOR);
  summary.accounts.push({
    username: 'supervisor-zj',
    password: DEMO_PASSWORDS.supervisor,
    role: 'supervisor of 浙江省 (figures only)',
  });
  // A district supervisor (who also reports build progress) and each community's build stage.
  const districtId = await account('supervisor-xh', '西湖区督导', DEMO_PASSWORDS.supervisor);
  if ((await services.regions.scopeOf({ ...SEED_ACTOR, accountId: districtId })) === null)
    await services.regions.assignSupervisor('zj-hz-xh', districtId, SEED_ACTOR);
  summary.accounts.push({
    username: 'supervisor-xh',
    password: DEMO_PASSWORDS.supervisor,
    role: 'supervisor of 西湖区 (figures; edits build progress)',
  });
  const build = new BuildService(services);
  const plans = buildPlanModel(services.dataPlane.connection);
  const day = (n: number) =>
    new Date((services.dataPlane.now?.() ?? new Date()).getTime() + n * 86_400_000)
      .toISOString()
      .slice(0, 10);
  for (const [id, plan] of Object.entries(demoBuildPlans(day)))
    if (!(await plans.exists({ _id: id }))) await build.save(SEED_ACTOR, id, plan);

  // A year of activity so the dashboards have figures, each live community at its own level.
  summary.activity = await seedActivity(
    services,
    DEMO_COMMUNITIES.flatMap((c) => (c.live ? [{ id: c.id, ...c.live }] : [])),
    services.dataPlane.now?.() ?? new Date(),
  );
  return summary;
}

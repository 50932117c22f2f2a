// Roles and scenes as people read them, for the messages the checks write (the publish report,
// the CLI): a role is named by its label, a plugin role by the name its manifest gives it, never
// by its code (`plugin:verifier`).
import type { LocalizedText, PluginManifest } from '../manifest/types';
import type { PlatformRole, RoleRef, Scene } from '../manifest/vocabulary';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

export const PLATFORM_ROLE_NAMES: Readonly<Record<PlatformRole, LocalizedText>> = {
  admin: t('平台管理员', 'platform administrators'),
  operator: t('运营商', 'operators'),
  staff: t('服务人员', 'staff'),
  vendor: t('组件商', 'vendors'),
  resident: t('居民', 'residents'),
  public: t('访客', 'visitors'),
};

export const SCENE_NAMES: Readonly<Record<Scene, LocalizedText>> = {
  neighbourhood: t('邻里', 'Neighbourhood'),
  education: t('教育', 'Education'),
  health: t('健康', 'Health'),
  entrepreneurship: t('创业', 'Entrepreneurship'),
  architecture: t('建筑', 'Architecture'),
  transport: t('交通', 'Transport'),
  'low-carbon': t('低碳', 'Low carbon'),
  service: t('服务', 'Service'),
  governance: t('治理', 'Governance'),
};

const own = <T>(o: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;

/** A role as words: a platform role's label, or the manifest's name of its own role. */
export function roleName(role: RoleRef, manifest: Pick<PluginManifest, 'roles'>): LocalizedText {
  if (role.startsWith('plugin:')) {
    const id = role.slice('plugin:'.length);
    return manifest.roles.find((r) => r.id === id)?.name ?? t(id, id);
  }
  return own(PLATFORM_ROLE_NAMES, role) ?? t(role, role);
}

/** A scene as words (an unknown scene, from an older community, as written). */
export function sceneName(scene: string): LocalizedText {
  return own(SCENE_NAMES, scene) ?? t(scene, scene);
}

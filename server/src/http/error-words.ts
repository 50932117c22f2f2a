import type { Request } from 'express';
import type { HttpError } from './errors';

type Words = { 'zh-CN': string; en: string };

/**
 * Chinese words for the platform's error codes. An error's English `message` is written where
 * it is thrown, often naming what was refused; a reader whose browser asks for Chinese gets
 * these instead (the studio and the portal send their reader's language). Codes a plugin
 * refuses with (`capacity_full`, `already_done`…) carry the manifest's own words in
 * `details.message` and need none here.
 */
const ZH: Record<string, string> = {
  bad_request: '请求的内容无法识别，请检查后重试。',
  bad_text: '内容中含有不允许的字符，请修改后重试。',
  validation_failed: '填写的内容不符合要求，请检查标出的项目。',
  unsafe_body: '请求中含有不允许的字段名。',
  unauthorized: '请先登录。',
  invalid_credentials: '用户名或密码不正确。',
  token_scope: '这个访问令牌没有进行此操作的权限。',
  forbidden: '您的角色无权进行此操作。',
  cross_site_request: '该操作来自其他网站，已被拒绝。请在本站内操作。',
  consent_required: '请先同意该插件申请的权限。',
  not_allowed_to_act: '对方没有授权您代为办理。',
  no_on_behalf: '此事项不能代他人办理。',
  not_eligible: '您暂不符合办理此事项的条件。',
  vendor_mismatch: '只能管理本服务商的插件。',
  not_found: '找不到该内容，可能已被删除。',
  account_not_found: '找不到这个账号。',
  member_not_found: '找不到这位成员。',
  code_not_found: '这个邀请码无效或已过期。',
  no_compatible_version: '没有与当前平台兼容的插件版本。',
  invalid_invitation: '邀请码无效、已过期或已用完。',
  already_member: '您已经是本社区的成员。',
  username_taken: '这个用户名已被使用，请换一个。',
  weak_password: '密码太简单，请换一个更安全的密码。',
  reset_not_here: '这个账号不只属于本社区（或是运营人员、平台账号），请联系平台管理员重置密码。',
  vendor_id_required: '服务商账号需要填写服务商编号。',
  same_person: '家人关联需要两个不同的人。',
  own_code: '这是您自己的邀请码，请交给您的家人使用。',
  code_used: '这个邀请码已经用过了。',
  already_linked: '你们已经关联过了。',
  too_many_links: '关联的家人已达上限。',
  conflict: '内容已被他人修改或与现有内容冲突，请刷新后重试。',
  archived: '该社区已归档，不能再修改。',
  community_exists: '已有使用这个编号的社区。',
  already_installed: '该插件已经安装。',
  uninstalling: '该插件正在卸载。',
  not_approved: '该插件版本尚未通过审核。',
  not_published: '该插件版本尚未发布。',
  not_newer: '只能升级到更新的版本。',
  version_exists: '这个版本号已经发布过了。',
  version_not_newer: '新版本号必须大于已发布的版本。',
  breaking_change: '这个版本改动了已有数据的结构，请提高主版本号并写明迁移。',
  breaking_upgrade: '这次升级会改变已有数据，请先确认迁移。',
  config_incompatible: '当前配置与新版本不兼容，请先修改配置。',
  incompatible: '该插件版本与当前平台不兼容。',
  standard_plugin: '标准插件不能卸载，可以停用。',
  in_use: '还有页面在使用它，请先从页面中移除。',
  views_in_use: '门户页面还在使用这个插件的视图，请先从页面中移除。',
  pinned: '该版本已被固定，不能更改。',
  fixtures_exist: '示例数据已经存在。',
  no_fixtures: '该插件没有示例数据。',
  already_reviewed: '这个版本已经审核过了。',
  not_pending: '这个版本不在待审核状态。',
  report_frozen: '该月报已经生成，不能修改。',
  rollups_pending: '该月的统计还没有完成，请稍后再试。',
  report_revising: '有人正在重新冻结这个月的月报，或刚刚完成：请打开月报查看最新版本。',
  report_revisions_full: '这个月的月报修订次数已达上限。',
  reason_required: '请填写原因。',
  not_assignable: '这个人没有承接这项工作的角色。',
  unknown_plugin_role: '该插件没有这个角色。',
  portal_invalid: '门户配置有误，请检查标出的项目后再发布。',
  invalid_image: '无法识别这张图片，请换一张 JPEG、PNG 或 WebP 图片。',
  upload_quota: '您上传的照片已达上限，请先删除一些。',
  payload_too_large: '内容太大，无法提交。',
  unsupported_media_type: '提交的格式不受支持。',
  idempotency_mismatch: '重复提交的内容与第一次不一致。',
  precondition_failed: '内容已被他人修改，请刷新后重试。',
  precondition_required: '请刷新后再保存。',
  too_many_requests: '操作太频繁，请稍后再试。',
  busy: '现在办理的人太多，请稍后重试。',
  database_unavailable: '服务暂时繁忙，请几秒后重试。',
  internal: '系统出了点问题，请稍后重试。',
};

/** By status, for a code without words of its own. */
const ZH_BY_STATUS: Record<number, string> = {
  400: ZH.bad_request!,
  401: ZH.unauthorized!,
  403: ZH.forbidden!,
  404: ZH.not_found!,
  409: ZH.conflict!,
  413: ZH.payload_too_large!,
  415: ZH.unsupported_media_type!,
  422: '提交的内容无法处理，请检查后重试。',
  429: ZH.too_many_requests!,
  503: ZH.busy!,
};

/**
 * Whether the reader's first language is Chinese. Without one (no header, or `*` as fetch
 * sends): English, for scripts and developers.
 */
function wantsChinese(req: Request): boolean {
  const [first] = req.acceptsLanguages();
  return first?.toLowerCase().startsWith('zh') ?? false;
}

/**
 * The message in the reader's language: the refusal's own words when it carries them
 * (`details.message`, from a manifest or the platform), else the code's (or, failing that, the
 * status's) Chinese words for a Chinese reader, else the English message as thrown.
 */
export function messageFor(err: HttpError, req: Request): string {
  const own = (err.details as { message?: Partial<Words> } | undefined)?.message;
  const zh = wantsChinese(req);
  const localized = own && typeof own === 'object' ? own[zh ? 'zh-CN' : 'en'] : undefined;
  if (typeof localized === 'string' && localized) return localized;
  if (!zh) return err.message;
  return ZH[err.code] ?? ZH_BY_STATUS[err.status] ?? ZH.internal!;
}

import { localize, versionChange, VERSION_CHANGE_TEXT } from '@scene/schema';

/**
 * The kind of a version change in words ("修订版本升级" / "patch version"), decided by
 * @scene/schema's versionChange: the function `scene plugin diff` prints from, so the studio and
 * the CLI never call the same change two different things.
 */
export function versionChangeText(from: string, to: string, locale: string): string {
  return localize(VERSION_CHANGE_TEXT[versionChange(from, to)], locale);
}

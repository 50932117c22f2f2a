import { api } from '../api';

/** Where a theme logo loads from: an https address as it is, `upload:<id>` from the public path. */
export function logoUrl(logo: string | undefined, communityId: string): string {
  if (!logo) return '';
  if (logo.startsWith('https://')) return logo;
  return api().uploads.publicUrl(communityId, logo.replace(/^upload:/, ''));
}

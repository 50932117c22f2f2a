/** The community id from a portal URL such as `/c/<communityId>/repairs`. */
export function communityIdFromPath(pathname: string): string | undefined {
  const match = /^\/c\/([A-Za-z0-9_-]{1,64})(?:\/|$)/.exec(pathname);
  return match?.[1];
}

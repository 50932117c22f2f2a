import { component } from '../../http/components';
import { arrayOf, dateTime, localizedText, obj, sceneType } from '../../http/schemas';

export const portalSchema = sceneType(
  'Portal',
  'A portal document (pages, blocks, theme), as @scene/schema describes it',
);

const draftFields = {
  portal: portalSchema,
  rev: { type: 'integer' },
  /** Opaque; goes back as If-Match when saving. */
  etag: { type: 'string' },
  updatedAt: dateTime,
  updatedBy: { type: 'string' },
};

export const portalDraft = component('PortalDraft', obj(draftFields, ['portal', 'rev', 'etag']));

export const reportIssue = component(
  'ReportIssue',
  obj(
    {
      severity: { enum: ['error', 'warning'] },
      code: { type: 'string' },
      /** English; `messages` has both languages. */
      message: { type: 'string' },
      messages: localizedText,
      /** JSON pointer into the portal. */
      path: { type: 'string' },
    },
    ['severity', 'code', 'message', 'messages', 'path'],
  ),
);

export const validationReport = component(
  'ValidationReport',
  obj({ ok: { type: 'boolean' }, errors: arrayOf(reportIssue), warnings: arrayOf(reportIssue) }, [
    'ok',
    'errors',
    'warnings',
  ]),
);

export const savedDraft = component(
  'SavedPortalDraft',
  obj({ ...draftFields, report: validationReport }, ['portal', 'rev', 'etag', 'report']),
);

export const publishedPortal = component(
  'PublishedPortal',
  obj(
    {
      version: { type: 'integer' },
      /** False when a racing publish of a higher version made that one live. */
      live: { type: 'boolean' },
      report: validationReport,
    },
    ['version', 'live', 'report'],
  ),
);

const versionFields = {
  version: { type: 'integer' },
  publishedAt: dateTime,
  publishedBy: { type: 'string' },
  /** The publisher's name now; absent for the system and closed accounts. */
  publishedByName: { type: 'string' },
  note: { type: 'string' },
  checksum: { type: 'string' },
  live: { type: 'boolean' },
};
const versionRequired = ['version', 'publishedAt', 'publishedBy', 'checksum', 'live'];

export const portalVersionSummary = component(
  'PortalVersionSummary',
  obj(versionFields, versionRequired),
);

export const portalVersion = component(
  'PortalVersion',
  obj({ ...versionFields, portal: portalSchema }, [...versionRequired, 'portal']),
);

export const portalDiff = component(
  'PortalDiff',
  obj(
    {
      from: { type: 'integer' },
      to: { type: 'integer' },
      changes: arrayOf(
        obj(
          {
            op: { enum: ['add', 'remove', 'replace', 'move'] },
            pointer: { type: 'string' },
            from: { type: 'string' },
            before: {},
            after: {},
          },
          ['op', 'pointer'],
        ),
      ),
    },
    ['from', 'to', 'changes'],
  ),
);

export const rolledBack = component(
  'RolledBack',
  obj({ version: { type: 'integer' } }, ['version']),
);

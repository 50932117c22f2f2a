import type { MessageSchema } from '../zh-CN';

// Composing a portal: canvas, palette, panels, code, saving, publishing, history.
const en: Pick<
  MessageSchema,
  | 'compose'
  | 'preview'
  | 'palette'
  | 'scenes'
  | 'tiers'
  | 'panel'
  | 'theme'
  | 'tabBar'
  | 'code'
  | 'steps'
  | 'save'
  | 'conflict'
  | 'diff'
  | 'publish'
  | 'history'
> = {
  compose: {
    loading: 'Loading the portal draft…',
    loadFailed: 'Could not load the draft: {message}',
    pages: 'Pages',
    addPage: 'Add page',
    newPageTitle: 'New page',
    canvas: 'Canvas',
    code: 'Code',
    emptyPage: 'Drag components here from the left',
    dropHere: 'Drop components',
    remove: 'Remove block',
    removeNamed: 'Remove block {name}',
    outline: 'Outline',
    keysHint:
      'In the phone preview or the outline: click to select, drag to reorder; Alt+↑/↓ moves, Delete removes.',
    select: 'Select {name}',
    blocks: '{count} blocks',
    unknownPlugin: 'Not installed: {id}',
    undo: 'Undo',
    redo: 'Redo',
    openPortal: 'Open resident portal',
  },
  preview: {
    as: 'Preview as',
    visitor: 'Visitor (signed out)',
    loginFirst: 'This page is not public: visitors are asked to log in first.',
  },
  palette: {
    heading: 'Components',
    layout: 'Layout',
    empty: 'No components are installed in this community yet.',
    loadFailed: 'Could not load the components.',
    search: 'Search components',
    keysHint: 'Press Enter to add a block to the current page, or drag it onto the phone preview.',
  },
  scenes: {
    neighbourhood: 'Neighbourhood',
    education: 'Education',
    health: 'Health',
    entrepreneurship: 'Entrepreneurship',
    architecture: 'Architecture',
    transport: 'Transport',
    'low-carbon': 'Low carbon',
    service: 'Service',
    governance: 'Governance',
  },
  tiers: {
    standard: 'Standard',
    optional: 'Optional',
  },
  panel: {
    block: 'Properties',
    theme: 'Theme',
    tabs: 'Tab bar',
    nothingSelected: 'Select a block on the canvas to edit its properties.',
    codeOnly: '{names}: edited in code.',
    openCode: 'Open code',
    noConfig: 'This block has nothing to configure.',
    invalid: '{count} fields need attention',
    presets: 'Start from a template',
    presetsPlaceholder: 'Choose a template',
    presetsHint:
      'A template replaces what it sets (for a survey: title, introduction and questions). Undo brings yours back.',
    presetApplied: 'Template “{name}” applied. Undo brings the previous version back.',
  },
  theme: {
    primaryColor: 'Primary colour',
    accentColor: 'Accent colour',
    logo: 'Logo',
    fontScale: 'Text size',
    fontNormal: 'Normal',
    fontLarge: 'Large (elder-friendly)',
    cultureTitle: 'Community culture title',
    cultureText: 'Community culture text',
    zh: 'Chinese',
    en: 'English',
    badColor: 'Enter a colour as #rrggbb',
    badLogo: 'Enter an address starting with upload: or https://',
    logoUpload: 'Upload a logo',
    logoReplace: 'Replace the logo',
    logoRemove: 'Remove the logo',
    logoPreview: 'Current logo',
    logoHint:
      'A PNG, JPEG or WebP image of at most 5 MB; everyone sees it, visitors who are not signed in too.',
    logoType: 'Only PNG, JPEG or WebP images',
    logoTooBig: 'The image may be at most 5 MB',
  },
  tabBar: {
    hint: 'The tab bar needs 2–5 entries; each opens a page.',
    icon: 'Icon',
    page: 'Page',
    add: 'Add an entry',
    up: 'Move up',
    down: 'Move down',
    tooFew: 'At least 2 entries',
    tooMany: 'At most 5 entries',
  },
  code: {
    scope: 'Edit',
    block: 'Selected block',
    page: 'Current page',
    portal: 'Whole portal',
    noBlock: 'Select a block on the canvas first.',
    apply: 'Apply changes',
    invalidJson: 'Not valid JSON: {message}',
    schemaErrors: '{count} problems against the schema; publishing checks them again.',
    applied: 'Applied',
    loadingEditor: 'Loading the code editor…',
    idChanged: 'A block id cannot be changed here.',
  },
  steps: {
    heading: 'Steps',
    empty: 'No changes yet.',
    initial: 'Loaded draft',
    addBlock: 'Add {name}',
    moveBlock: 'Move {name}',
    removeBlock: 'Remove {name}',
    editBlock: 'Edit {field} of {name}',
    applyPreset: 'Start {name} from the template “{preset}”',
    codeBlock: 'Edit block {id} as code',
    codePage: 'Edit page {id} as code',
    codePortal: 'Edit the portal as code',
    editTheme: 'Edit theme ({field})',
    editTabs: 'Edit tab bar ({what})',
    addPage: 'Add page {id}',
  },
  save: {
    idle: '',
    loading: 'Loading…',
    saved: 'Saved',
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Someone else changed the draft',
    error: 'Saving failed: {message}',
  },
  conflict: {
    title: 'Another operator changed this draft',
    body: 'While you were editing, another operator saved this draft. Autosave is paused so their work is not overwritten. Load their version (dropping your changes), or compare the two first.',
    reload: 'Load latest draft',
    compare: 'Compare',
    keepMine: 'Keep my version and save',
    reloadConfirm: 'Loading the latest draft drops your unsaved changes. Continue?',
    theirs: 'Their version',
    mine: 'My version',
  },
  diff: {
    none: 'No differences.',
    added: 'Added',
    removed: 'Removed',
    changed: 'Changed',
    count: '{count} differences',
  },
  publish: {
    title: 'Publish portal',
    validating: 'Checking…',
    errors: 'Errors (must be fixed before publishing)',
    warnings: 'Warnings (do not block publishing)',
    noIssues: 'All checks passed.',
    diffTitle: 'Changes against the live version',
    noLive: 'Nothing is live yet; this will be the first version.',
    note: 'Release note (optional)',
    blocked: 'Fix the errors to publish',
    done: 'Version {version} is live',
    openPortal: 'Open the resident portal',
    failed: 'Publishing failed: {message}',
    liveCaption: 'Live (version {version})',
    noLiveCaption: 'Live version',
    draftCaption: 'Draft (after publishing)',
    pageNew: 'This page is new in the draft; the live version does not have it.',
    pageRemoved: 'The draft removes this page.',
  },
  history: {
    empty: 'Nothing has been published yet.',
    publishedBy: 'By',
    live: 'Live',
    compare: 'Compare',
    compareTwo: 'Compare the two selected versions',
    pickTwo: 'Tick two versions to compare them',
    rollback: 'Roll back to this version',
    rollbackConfirm:
      'Roll the live portal back to version {version}? Residents see it at once; the draft stays as it is.',
    rolledBack: 'Rolled back to version {version}',
    from: 'Older',
    to: 'Newer',
    draftDiffers:
      'Version {version} is live again, but the draft differs from it: the next publish puts every change in the draft live, including what was rolled back.',
    resetDraft: 'Reset the draft to version {version}',
    draftReset: 'The draft is now version {version}',
  },
};

export default en;

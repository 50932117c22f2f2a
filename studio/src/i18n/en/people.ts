import type { MessageSchema } from '../zh-CN';

// People: members' attributes, family links, notification channels and deliveries.
const en: Pick<MessageSchema, 'people'> = {
  people: {
    nav: { people: 'Residents & families', notifications: 'Notice channels' },
    members: {
      intro:
        "Record residents' attributes such as age band and building (an age band, never a birth date); plugins may limit services by them. See and record family links too.",
      role: 'Role',
      ageBand: 'Age band',
      place: 'Building / unit',
      householdRole: 'In the household',
      tags: 'Tags',
      notRecorded: 'Not recorded',
      editAttributes: 'Attributes',
      family: 'Family',
      empty: 'This community has no members yet.',
    },
    password: {
      title: 'Reset the password of {name}',
      intro:
        'When a resident forgot their password, check who they are first (in person or by phone), then set a new password and tell them; their open sign-ins end. Only for residents and staff who belong to this community alone; for other accounts ask a platform administrator.',
      label: 'New password',
      hint: 'At least 8 characters, not a common password',
      save: 'Reset',
      saved: 'Reset the password of {name}: tell them the new one',
    },
    pluginRoles: {
      column: 'Plugin roles',
      edit: 'Grant roles',
      title: 'Plugin roles: {name}',
      intro:
        "Grant this member a plugin's role one by one (an owners' committee seat, a canteen volunteer). It applies once saved and is recorded in the audit log.",
      byDefault: 'Every {role} holds it',
      none: 'The plugins installed here have no roles to grant.',
      saved: "Saved {name}'s plugin roles",
    },
    attributes: {
      title: 'Attributes of {name}',
      building: 'Building',
      unit: 'Unit',
      tagsHint: 'e.g. lives alone, disabled, low income; Enter adds one, at most 10',
      buildingHint: 'e.g. Building 5',
      unitHint: 'e.g. Unit 1',
      saved: 'Saved the attributes of {name}',
    },
    family: {
      title: 'Family of {name}',
      none: 'No family linked yet.',
      other: 'Family member',
      relation: 'They are their',
      allowsThem: '{name} allows them to',
      allowsYou: 'They allow {name} to',
      act: 'act for them',
      notify: 'receive notices',
      nothing: 'nothing',
      consent: 'Consent',
      accepted: 'Confirmed in the portal',
      paper: 'Signed form: {note}',
      revoke: 'End the link',
      revokeConfirm:
        'End the family link between {a} and {b}? Acting for each other and receiving notices stop at once.',
      revoked: 'Link ended',
      record: 'Record a link consented to on paper',
      recordHint:
        'For elders who do not use a phone: once both have signed the paper form, staff record the link here.',
      choose: 'Choose the family member',
      consentNote: 'Where the signed form is',
      consentNoteHint: 'e.g. office cabinet 2, no. 15',
      recorded: 'Recorded',
      required: 'Choose the family member and say where the form is',
    },
    notifications: {
      intro:
        "Plugins' notices reach residents' in-portal messages; they can also go to the community's own SMS or WeChat gateway. Every delivery is signed with a secret (HMAC-SHA256); failures are retried at growing intervals.",
      webhook: 'External gateway (webhook)',
      url: 'Gateway address',
      urlHint: 'https://…',
      secret: 'Signing secret',
      secretHint: 'At least 16 characters; leave empty to keep the current one (ends in {hint})',
      secretNew: 'At least 16 characters; give it to the gateway to check signatures',
      enabled: 'Send deliveries',
      saved: 'Gateway settings saved',
      test: 'Send a test delivery',
      tested: 'A test delivery is queued; its result shows in the log below shortly',
      signing:
        'Checking a delivery: compute HMAC-SHA256(secret, "<X-Scene-Timestamp>.<body>") and compare it with the value after sha256= in X-Scene-Signature.',
      log: 'Delivery log',
      refresh: 'Refresh',
      empty: 'No deliveries yet.',
      time: 'Time',
      source: 'From',
      platform: 'Platform test',
      message: 'Notice',
      recipients: 'People',
      attempts: 'Attempts',
      statuses: { pending: 'Waiting', delivered: 'Delivered', failed: 'Given up' },
      attempt: 'Attempt {n} · {time} · {result} · {ms} ms',
      httpStatus: 'HTTP {status}',
      nextAttempt: 'Next try: {time}',
    },
  },
};

export default en;

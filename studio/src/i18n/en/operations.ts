import type { MessageSchema } from '../zh-CN';

// Operations: the admin's overview, a community's dashboard and a region's dashboard.
const en: Pick<MessageSchema, 'operations'> = {
  operations: {
    nav: { overview: 'Operations', dashboard: 'Dashboard' },
    period: {
      label: 'Period',
      '7d': 'Last 7 days',
      '30d': 'Last 30 days',
      '90d': 'Last 90 days',
      month: 'By month',
      monthPick: 'Choose a month',
      range: '{from} to {to}',
    },
    figure: {
      hidden: 'Fewer than {n}, not shown',
      previousHidden: 'Previous period fewer than {n}, not shown',
      gaps: 'Blank days in the chart counted fewer than {n} and are not shown; a day without records reads 0.',
      previous: 'Previous period {value}',
      up: 'Up {pct}% on the previous period',
      down: 'Down {pct}% on the previous period',
      same: 'Same as the previous period',
      noPrevious: 'Nothing to compare with',
      partlyHidden: '{n} communities with too few records left out',
      chartLabel: '{label}, day by day',
    },
    coverage: {
      title: 'Scene coverage',
      score: 'Completeness',
      scoreHint:
        'Standard components on the portal count 40 points, the nine scenes on the portal 30, scenes used in the last 30 days 30.',
      installed: 'Installed',
      placed: 'On the portal',
      used: 'Used in the last 30 days',
      yes: 'Yes',
      no: 'No',
      missing: 'Standard components missing',
      noneMissing: 'Every standard component is installed.',
      standard: 'Standard components on the portal: {present} of {total}',
    },
    community: {
      title: '{name} · dashboard',
      readOnly: 'Read only: you are viewing as a region supervisor.',
      noMetrics: 'The installed components declare no operations figures yet.',
      back: 'Back to the region',
    },
    region: {
      title: '{name} · region dashboard',
      communities: 'Communities',
      published: 'Portals live',
      ranking: 'Ranking of communities',
      rank: 'Rank',
      open: 'Open dashboard',
      leaders: 'Leaders by figure',
      leader: '{metric}: {name} ({value})',
      noLeaders: 'No comparable figures in this period yet.',
      empty: 'No communities under this region yet.',
      up: 'Up one level',
    },
    overview: {
      title: 'Operations overview',
      intro:
        'Communities and live portals per region, and each community’s completeness; open a community for its dashboard.',
      region: 'Region',
      place: 'Region',
      unplaced: 'Not placed in a region',
      status: 'Portal',
      live: 'Live',
      notLive: 'Not live',
      open: 'Dashboard',
      regionOpen: 'Region dashboard',
      emptyRegions: 'No regions yet.',
    },
    levels: {
      province: 'Province',
      city: 'City',
      district: 'County or district',
      street: 'Street',
    },
  },
};

export default en;

// Public surface of @scene/plugins: the platform's standard scene plugins, as parsed manifests,
// with the example data their README and previews use. The JSON files are the source of truth;
// this module only gathers them (imported, not read from disk, so bundlers can ship them too).
import type { PluginManifest } from '@scene/schema';

import propertyRepair from '../property-repair/plugin.json' with { type: 'json' };
import propertyRepairConfig from '../property-repair/fixtures/config.json' with { type: 'json' };
import propertyRepairRecords from '../property-repair/fixtures/records.json' with { type: 'json' };
import noticeBoard from '../notice-board/plugin.json' with { type: 'json' };
import noticeBoardConfig from '../notice-board/fixtures/config.json' with { type: 'json' };
import noticeBoardRecords from '../notice-board/fixtures/records.json' with { type: 'json' };
import proposals from '../proposals/plugin.json' with { type: 'json' };
import proposalsConfig from '../proposals/fixtures/config.json' with { type: 'json' };
import proposalsRecords from '../proposals/fixtures/records.json' with { type: 'json' };
import convention from '../convention/plugin.json' with { type: 'json' };
import conventionConfig from '../convention/fixtures/config.json' with { type: 'json' };
import conventionRecords from '../convention/fixtures/records.json' with { type: 'json' };
import elderlyCanteen from '../elderly-canteen/plugin.json' with { type: 'json' };
import elderlyCanteenConfig from '../elderly-canteen/fixtures/config.json' with { type: 'json' };
import elderlyCanteenRecords from '../elderly-canteen/fixtures/records.json' with { type: 'json' };
import pointsMall from '../points-mall/plugin.json' with { type: 'json' };
import pointsMallConfig from '../points-mall/fixtures/config.json' with { type: 'json' };
import pointsMallRecords from '../points-mall/fixtures/records.json' with { type: 'json' };
import elderlyCheckin from '../elderly-checkin/plugin.json' with { type: 'json' };
import elderlyCheckinConfig from '../elderly-checkin/fixtures/config.json' with { type: 'json' };
import elderlyCheckinRecords from '../elderly-checkin/fixtures/records.json' with { type: 'json' };
import serviceDirectory from '../service-directory/plugin.json' with { type: 'json' };
import serviceDirectoryConfig from '../service-directory/fixtures/config.json' with { type: 'json' };
import serviceDirectoryRecords from '../service-directory/fixtures/records.json' with { type: 'json' };
import visitorParking from '../visitor-parking/plugin.json' with { type: 'json' };
import visitorParkingConfig from '../visitor-parking/fixtures/config.json' with { type: 'json' };
import visitorParkingRecords from '../visitor-parking/fixtures/records.json' with { type: 'json' };
import childcare from '../childcare/plugin.json' with { type: 'json' };
import childcareConfig from '../childcare/fixtures/config.json' with { type: 'json' };
import childcareRecords from '../childcare/fixtures/records.json' with { type: 'json' };
import survey from '../survey/plugin.json' with { type: 'json' };
import surveyConfig from '../survey/fixtures/config.json' with { type: 'json' };
import surveyRecords from '../survey/fixtures/records.json' with { type: 'json' };
import homeCare from '../home-care/plugin.json' with { type: 'json' };
import homeCareConfig from '../home-care/fixtures/config.json' with { type: 'json' };
import homeCareRecords from '../home-care/fixtures/records.json' with { type: 'json' };
import events from '../events/plugin.json' with { type: 'json' };
import eventsConfig from '../events/fixtures/config.json' with { type: 'json' };
import eventsRecords from '../events/fixtures/records.json' with { type: 'json' };
import healthStation from '../health-station/plugin.json' with { type: 'json' };
import healthStationConfig from '../health-station/fixtures/config.json' with { type: 'json' };
import healthStationRecords from '../health-station/fixtures/records.json' with { type: 'json' };
import residentRequests from '../resident-requests/plugin.json' with { type: 'json' };
import residentRequestsConfig from '../resident-requests/fixtures/config.json' with { type: 'json' };
import residentRequestsRecords from '../resident-requests/fixtures/records.json' with { type: 'json' };
import sharedSpaces from '../shared-spaces/plugin.json' with { type: 'json' };
import sharedSpacesConfig from '../shared-spaces/fixtures/config.json' with { type: 'json' };
import sharedSpacesRecords from '../shared-spaces/fixtures/records.json' with { type: 'json' };
import startupHub from '../startup-hub/plugin.json' with { type: 'json' };
import startupHubConfig from '../startup-hub/fixtures/config.json' with { type: 'json' };
import startupHubRecords from '../startup-hub/fixtures/records.json' with { type: 'json' };

/** One example record: a collection document plus the system fields the platform adds. */
export interface FixtureRecord {
  _id: string;
  createdBy: string;
  createdAt: string;
  [field: string]: unknown;
}

/** Example data for previews and tests: an operator's config and a few records per collection. */
export interface PluginFixtures {
  config: Record<string, unknown>;
  records: Record<string, FixtureRecord[]>;
}

export interface StandardPlugin {
  /** Folder under `plugins/` holding plugin.json, README.md and fixtures/. */
  dir: string;
  manifest: PluginManifest;
  fixtures: PluginFixtures;
}

// JSON imports are typed structurally (plain strings, not the manifest's literal unions); the
// tests validate every manifest and fixture, which is the real guarantee behind these casts.
const entry = (
  dir: string,
  manifest: unknown,
  config: unknown,
  records: unknown,
): StandardPlugin => ({
  dir,
  manifest: manifest as PluginManifest,
  fixtures: {
    config: config as PluginFixtures['config'],
    records: records as PluginFixtures['records'],
  },
});

const entries: readonly StandardPlugin[] = [
  entry('property-repair', propertyRepair, propertyRepairConfig, propertyRepairRecords),
  entry('notice-board', noticeBoard, noticeBoardConfig, noticeBoardRecords),
  entry('proposals', proposals, proposalsConfig, proposalsRecords),
  entry('convention', convention, conventionConfig, conventionRecords),
  entry('elderly-canteen', elderlyCanteen, elderlyCanteenConfig, elderlyCanteenRecords),
  entry('points-mall', pointsMall, pointsMallConfig, pointsMallRecords),
  entry('elderly-checkin', elderlyCheckin, elderlyCheckinConfig, elderlyCheckinRecords),
  entry('service-directory', serviceDirectory, serviceDirectoryConfig, serviceDirectoryRecords),
  entry('visitor-parking', visitorParking, visitorParkingConfig, visitorParkingRecords),
  entry('childcare', childcare, childcareConfig, childcareRecords),
  entry('survey', survey, surveyConfig, surveyRecords),
  entry('home-care', homeCare, homeCareConfig, homeCareRecords),
  entry('events', events, eventsConfig, eventsRecords),
  entry('health-station', healthStation, healthStationConfig, healthStationRecords),
  entry('resident-requests', residentRequests, residentRequestsConfig, residentRequestsRecords),
  entry('shared-spaces', sharedSpaces, sharedSpacesConfig, sharedSpacesRecords),
  entry('startup-hub', startupHub, startupHubConfig, startupHubRecords),
];

/** Every standard plugin's manifest, in the order a new community's studio lists them. */
export const standardPlugins: readonly PluginManifest[] = entries.map((e) => e.manifest);

/** The standard plugins with their folders and fixtures (for tooling and tests). */
export const standardPluginEntries: readonly StandardPlugin[] = entries;

function find(id: string): StandardPlugin {
  const found = entries.find((e) => e.manifest.id === id);
  if (!found) throw new Error(`Unknown standard plugin "${id}"`);
  return found;
}

/** A fresh copy of a standard plugin's example data (safe to mutate). Throws for an unknown id. */
export function loadFixtures(id: string): PluginFixtures {
  return structuredClone(find(id).fixtures);
}

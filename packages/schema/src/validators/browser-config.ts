import { schemaIssues } from '../errors/format';
import type { PluginManifest } from '../manifest/types';
import type { ConfigCheck } from '../portal/check';
import { toRuntimeSchema } from '../subset/compile';
import { createBrowserValidator, type BrowserValidator } from './browser';

const configValidators = new WeakMap<PluginManifest, BrowserValidator>();

/**
 * A block's config against its plugin's config schema, as the server checks it (the same
 * closed runtime schema, the same words), for `checkPortal` in the browser.
 */
export const browserConfigCheck: ConfigCheck = (manifest, config) => {
  let validate = configValidators.get(manifest);
  if (!validate) {
    validate = createBrowserValidator(toRuntimeSchema(manifest.config));
    configValidators.set(manifest, validate);
  }
  return schemaIssues(validate(config));
};

import type { ValidationResult } from '../errors/issue';
import { getConfigValidator } from '../validators/cache';
import { checkPortal, type ConfigCheck, type ValidatePortalOptions } from './check';

const ajvConfigCheck: ConfigCheck = (manifest, config) =>
  getConfigValidator(manifest)(config).errors;

/**
 * `checkPortal` with block configs checked by Ajv (compiled per plugin version and cached): for
 * the server and the CLI. The browser calls `checkPortal` with `browserConfigCheck`.
 */
export function validatePortal(
  json: unknown,
  options: ValidatePortalOptions = {},
): ValidationResult {
  return checkPortal(json, options, ajvConfigCheck);
}

/** The platform's own version: plugins declare the range they need in `engines.platform`. */
export const PLATFORM_VERSION = '1.0.0';

/** The package version, recorded in every result for reproduction. Kept in step with package.json by a test. */
export const VERSION = '0.1.0';

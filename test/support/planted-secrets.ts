/**
 * Secrets that tests plant in configurations and constructs. The secret-scan test fails when any
 * of them shows up in a synthesized example, a snapshot or any CLI output.
 */
export const PLANTED_SECRET = 'Planted0Secret9Value';
export const PLANTED_RADIUS_SECRET = 'Planted0Radius9Secret';
export const PLANTED_SECRETS: readonly string[] = [PLANTED_SECRET, PLANTED_RADIUS_SECRET];

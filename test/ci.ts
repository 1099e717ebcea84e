/**
 * True when the run is CI: any truthy `CI` (`true`, `1`, `yes`…), as CI
 * services set it. In CI a missing PostgreSQL or Chromium fails the run
 * instead of skipping its tests.
 */
export function isCI(value: string | undefined = process.env.CI): boolean {
  return value !== undefined && !['', '0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

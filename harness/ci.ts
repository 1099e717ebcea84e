/**
 * True when the run is CI: any truthy `CI` (`true`, `1`, `yes`…), as CI
 * services set it. In CI a missing PostgreSQL or Chromium fails the run
 * instead of skipping its tests.
 */
export function isCI(env: { CI?: string | undefined } = process.env): boolean {
  const value = env.CI;
  return value !== undefined && !['', '0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

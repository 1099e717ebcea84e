import { allowSettingName, DestinationRefused, DestinationUnresolved, type DestinationGuard } from '../net/destinations.js';
import { fieldErrors } from './access.js';

/**
 * A 422 naming `field` when `url` would reach an address the guard refuses,
 * or its host does not resolve (docs/security-outbound.md). The message names
 * the address the host resolved to — for the admin token; an account token
 * (`detailed: false`) is told only that the destination is refused.
 */
export async function assertDestinationField(destinations: DestinationGuard, field: string, url: string, options: { detailed?: boolean } = {}): Promise<void> {
  const detailed = options.detailed ?? true;
  try {
    await destinations.assertAllowed(url);
  } catch (error) {
    if (error instanceof DestinationRefused) {
      const message = detailed ? `is refused: ${error.detail}; an operator can allow private ranges with ${allowSettingName}` : `is refused: ${error.message}`;
      throw fieldErrors([{ field, message }]);
    }
    if (error instanceof DestinationUnresolved) throw fieldErrors([{ field, message: detailed ? `host does not resolve: ${error.message}` : 'host does not resolve' }]);
    throw error;
  }
}

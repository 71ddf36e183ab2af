/** Facts about the running extension that the background's parts are configured with. */
import { browser } from 'wxt/browser';

/**
 * Identifies this build for the index cache: the manifest version. (An
 * update with the same version, as in development, also drops the cache: see
 * the background's `onInstalled`.)
 */
export function buildId(): string {
  try {
    return `v${browser.runtime.getManifest().version}`;
  } catch {
    // Test browsers without a manifest.
    return 'dev';
  }
}

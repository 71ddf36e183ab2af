/** Whether Verbatim is switched off for a site. Pure. */

/**
 * True if `host` is one of `disabledSites` or a subdomain of one
 * (`example.com` covers `www.example.com` and `news.example.com`). Entries are
 * host names as the settings store them (lower case, no scheme).
 */
export function isSiteDisabled(host: string, disabledSites: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return disabledSites.some(site => {
    const s = site.toLowerCase().replace(/\.$/, '');
    return s !== '' && (h === s || h.endsWith(`.${s}`));
  });
}

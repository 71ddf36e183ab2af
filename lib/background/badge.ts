/**
 * The toolbar icon's badge: how many quotes of the tab's page Verbatim
 * matched to a source, like a content blocker's count. Per tab; the browser
 * clears it when the tab navigates.
 */
import { browser } from 'wxt/browser';

/** The badge's text for a count: empty for none, `999+` above. */
export function badgeText(matched: number): string {
  if (matched <= 0) return '';
  return matched > 999 ? '999+' : String(matched);
}

/** `action` in MV3 (Chrome), `browserAction` in MV2 (Firefox). */
function toolbarAction() {
  const b = browser as unknown as {
    action?: typeof browser.action;
    browserAction?: typeof browser.action;
  };
  return b.action ?? b.browserAction;
}

export async function setBadge(tabId: number, matched: number): Promise<void> {
  const action = toolbarAction();
  if (!action) return;
  try {
    await action.setBadgeText({ tabId, text: badgeText(matched) });
    await action.setBadgeBackgroundColor({ tabId, color: '#0a58ca' });
    // Chrome 110+: white text on the blue badge (Firefox picks a contrasting colour itself).
    await (
      action as { setBadgeTextColor?: (d: { tabId: number; color: string }) => Promise<void> }
    ).setBadgeTextColor?.({ tabId, color: '#ffffff' });
  } catch {
    // The tab closed meanwhile.
  }
}

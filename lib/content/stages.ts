/**
 * The content script comes in two stages. The first (`entrypoints/quotes-look.content.ts`)
 * is what every page loads: it looks for quotation marks cheaply and answers the extension's
 * calls. Only when a page may hold a quote does it ask the background to inject the second
 * (`entrypoints/quotes.content/`: the quote finder, matching, marks, the popover, Preact)
 * into its frame with `scripting.executeScript`. Injected files need not be web-accessible,
 * so no page can load or detect them (issue #8).
 *
 * Both stages run in the extension's isolated world of the same frame and meet through a
 * property of that world's global object, which the page's scripts cannot reach.
 */
import type { Dispatcher } from '../messaging/dispatch';
import type { Activity } from './activity';

/** What the first stage hands the second. */
export interface FirstStage {
  /** What the content script has done on this page (shared, so `getActivity` counts both). */
  readonly activity: Activity;
  /** The second stage is running: the extension's calls go to `dispatch` from now on. */
  attach(dispatch: Dispatcher): void;
}

const KEY = '__verbatimFirstStage';
const SECOND_KEY = '__verbatimSecondStage';

/** Make `stage` known to a second stage injected later into this frame. */
export function offerFirstStage(stage: FirstStage): void {
  (globalThis as Record<string, unknown>)[KEY] = stage;
}

/** The first stage of this frame, if it is running. */
export function firstStage(): FirstStage | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as FirstStage | undefined;
}

/**
 * Claim this frame for the second stage; false if one already runs here. The background may
 * inject it twice into one frame: Firefox can stop its event page after the injection but before
 * the reply reaches the first stage, whose call is then tried again.
 */
export function claimSecondStage(): boolean {
  const world = globalThis as Record<string, unknown>;
  if (world[SECOND_KEY]) return false;
  world[SECOND_KEY] = true;
  return true;
}

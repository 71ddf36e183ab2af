/**
 * What the content script has done on this page so far, for the extension's own
 * tools: the e2e tests, the benchmarks and the demo ask for it through the
 * service worker (`getActivity`, a `tabs.sendMessage` call) to learn when the
 * page is marked. It never reaches the page: no User Timing entries, no DOM, no
 * events (a page that could read them would learn that Verbatim is installed
 * and how much it found).
 */

/** The `getActivity` answer. Times are `performance.now()` of the page (same time origin). */
export interface ActivitySnapshot {
  /** The document the content script runs in (`location.href`), to tell tabs apart. */
  url: string;
  /** When the content script started. */
  startedAt: number;
  /** When the first scan started (after the page's first frame); null before. */
  firstScanAt: number | null;
  /** When the page was first up to date (scan, match, marks); null before. */
  firstIdleAt: number | null;
  /**
   * (copies) When marks were first drawn (the quotes', which come before the unmarked
   * copies' when both are found); null before. Absent from older content scripts.
   */
  firstDrawAt?: number | null;
  /** When the page was last up to date; null before. */
  lastIdleAt: number | null;
  /** Scans started. */
  scans: number;
  /** Times the page was brought up to date (the first pass and every later update). */
  idles: number;
}

export class Activity {
  private readonly state: ActivitySnapshot;

  /**
   * @param url - `location.href`.
   * @param now - Test seam: `performance.now`.
   */
  constructor(
    url: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.state = {
      url,
      startedAt: now(),
      firstScanAt: null,
      firstIdleAt: null,
      firstDrawAt: null,
      lastIdleAt: null,
      scans: 0,
      idles: 0,
    };
  }

  /** A scan started. */
  scan(): void {
    this.state.scans++;
    this.state.firstScanAt ??= this.now();
  }

  /** (copies) Marks were drawn. */
  drawn(): void {
    this.state.firstDrawAt ??= this.now();
  }

  /** The page is up to date. */
  idle(): void {
    const t = this.now();
    this.state.idles++;
    this.state.firstIdleAt ??= t;
    this.state.lastIdleAt = t;
  }

  snapshot(url: string = this.state.url): ActivitySnapshot {
    return { ...this.state, url };
  }
}

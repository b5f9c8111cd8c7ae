/** Errors raised by ingestion for one input; the CLI prints `message` only and goes on with the batch. */

/** An input we refuse or cannot read (too large, binary, not a feed): the message names the cause in one line. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * A fetch that failed (`fetch.ts`); `message` is one line naming the URL and the cause. Kept here,
 * apart from the fetching, so that reading files does not load Node's HTTP and TLS modules.
 */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly cause_: string,
    readonly status?: number,
  ) {
    super(`${url}: ${cause_}`);
  }
}

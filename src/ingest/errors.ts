/** Errors raised by ingestion for one input; the CLI prints `message` only and goes on with the batch. */

/** An input we refuse or cannot read (too large, binary, not a feed): the message names the cause in one line. */
export class InputError extends Error {
  override name = 'InputError';
}

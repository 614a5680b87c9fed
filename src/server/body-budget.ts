/**
 * The bytes of request bodies the server may hold at once (MAX_BODY_BYTES_IN_FLIGHT). Each body
 * reserves its declared length (or the whole body limit when it declares none, or is compressed) before
 * a byte of it is read, and gives it back once answered: a thousand senders that each send most of a
 * megabyte and stop then hold the budget, not a gigabyte.
 *
 * A large body may fill only part of the budget: the rest is kept for small ones, the size of every
 * real Linear and Jira delivery, so that a flood of large stalled uploads leaves room for real webhooks.
 */
export class BodyBudget {
  private inFlight = 0;

  constructor(
    private readonly maxBytes: number,
    /** From this size on a body is large, and may use only `maxBytes - reservedForSmall`. */
    private readonly largeFrom = LARGE_BODY_BYTES,
    private readonly reservedForSmall = Math.floor(maxBytes / 4),
  ) {}

  /** Reserves `bytes`, or answers false when they do not fit. */
  reserve(bytes: number): boolean {
    const limit = bytes >= this.largeFrom ? this.maxBytes - this.reservedForSmall : this.maxBytes;
    if (this.inFlight + bytes > limit) return false;
    this.inFlight += bytes;
    return true;
  }

  release(bytes: number): void {
    this.inFlight -= bytes;
  }

  /** Bytes reserved now; for tests and metrics. */
  get reserved(): number {
    return this.inFlight;
  }
}

/** Linear and Jira deliveries are a few kilobytes; 64 KiB is well above any but the longest description. */
export const LARGE_BODY_BYTES = 64 * 1024;

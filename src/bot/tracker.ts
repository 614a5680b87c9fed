import type { Ticket } from '../domain/ticket.js';
import type { Participant, Provider, TicketRef } from '../domain/ticket-event.js';
import type { ContextSection } from './context-section.js';

/**
 * What the bot needs from an issue tracker, and nothing more. LinearTracker and JiraTracker
 * (src/providers/<name>/) implement it; tests run them against local stub servers.
 *
 * The sticky comment is found by a marker the bot writes into the comment body itself: a visible
 * footer line of plain words (no markdown punctuation), because Linear rebuilds comment markdown
 * from its editor document and is not documented to keep HTML comments, and Jira keeps only what
 * its ADF carries. Trackers compare marker and body with escapes and runs of spaces ignored.
 */
export interface Tracker {
  /** The ticket as it is now, description as plain text. */
  getTicket(ref: TicketRef): Promise<Ticket>;
  /**
   * The oldest comment on the ticket whose text contains `marker`, or null. `body` is the stored text:
   * markdown for Linear, ADF flattened to plain text for Jira.
   */
  findBotComment(ref: TicketRef, marker: string): Promise<BotComment | null>;
  /**
   * Every comment on the ticket, oldest first (ties keep the tracker's order), with its author, as plain
   * text: Linear markdown and Jira ADF flattened as for the description. Threads are flattened too.
   */
  listComments(ref: TicketRef): Promise<TicketComment[]>;
  /** Posts a comment written in markdown (Jira receives it converted to ADF). */
  createComment(ref: TicketRef, markdownBody: string): Promise<{ id: string }>;
  updateComment(ref: TicketRef, commentId: string, markdownBody: string): Promise<void>;
  /** Adds the label by name; a no-op when the ticket has it already. Linear creates a missing team label. */
  addLabel(ref: TicketRef, name: string): Promise<void>;
  /** Removes the label by name; a no-op when the ticket does not have it. */
  removeLabel(ref: TicketRef, name: string): Promise<void>;
  /**
   * Puts the bot's Context section (src/bot/context-section.ts) into the description: reads the
   * description as it is now, replaces only the part between the section's markers, or appends the
   * section, and writes it back only when the section would read differently. Everything else in the
   * description stays as the author wrote it. True when it wrote.
   */
  upsertContextSection(ref: TicketRef, section: ContextSection): Promise<boolean>;
}

export interface BotComment {
  readonly id: string;
  readonly body: string;
}

/** A comment as listComments gives it: who wrote it (apps and integrations are `isBot`), when, and its text. */
export interface TicketComment {
  readonly id: string;
  /** Plain text. */
  readonly body: string;
  readonly author: Participant;
  /** ISO 8601. */
  readonly createdAt: string;
}

/**
 * Why a tracker call failed, in the terms a retry policy needs:
 * - rate_limited: the provider asked us to slow down (retryable, often with retryAfterMs)
 * - unavailable: 5xx, timeouts, refused connections (retryable)
 * - not_found: the ticket or comment is gone (not retryable)
 * - unauthorized: bad or revoked credentials, missing permission (not retryable)
 * - rejected: the provider refused the request as invalid (not retryable)
 */
export type TrackerErrorReason = 'rate_limited' | 'unavailable' | 'not_found' | 'unauthorized' | 'rejected';

export interface TrackerErrorDetails {
  readonly provider: Provider;
  /** The Tracker method that failed, e.g. 'createComment'. */
  readonly operation: string;
  readonly reason: TrackerErrorReason;
  /** The HTTP status the provider answered with, or null when no answer came. */
  readonly status?: number | null;
  /** How long the provider asked us to wait, when it said. */
  readonly retryAfterMs?: number | null;
  readonly cause?: unknown;
}

const RETRYABLE: ReadonlySet<TrackerErrorReason> = new Set(['rate_limited', 'unavailable']);

export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  readonly provider: Provider;
  readonly operation: string;
  readonly reason: TrackerErrorReason;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;

  constructor(message: string, details: TrackerErrorDetails) {
    super(`${details.provider} ${details.operation} failed (${details.reason}): ${message}`, { cause: details.cause });
    this.provider = details.provider;
    this.operation = details.operation;
    this.reason = details.reason;
    this.status = details.status ?? null;
    this.retryable = RETRYABLE.has(details.reason);
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/**
 * The worker has no credentials for the event's workspace (a provider that is off here, an OAuth
 * workspace not installed): nothing is wrong with the job, only with this worker's configuration, so
 * the job is set aside for later rather than failed or retried at once.
 */
export class MissingCredentialsError extends TrackerError {
  constructor(readonly workspace: string, provider: Provider) {
    super(`no ${provider} credentials for workspace ${workspace}; configure them, restart the workers, then run \`ticketlint jobs retry --all\``, {
      provider, operation: 'credentials', reason: 'unauthorized',
    });
  }
}

/** Marker matching shared by trackers: backslash escapes and whitespace runs do not count. */
export function containsMarker(text: string, marker: string): boolean {
  const normalise = (s: string): string => s.replace(/\\(?=[\p{P}\p{S}])/gu, '').replace(/\s+/g, ' ').trim();
  const wanted = normalise(marker);
  return wanted.length > 0 && normalise(text).includes(wanted);
}

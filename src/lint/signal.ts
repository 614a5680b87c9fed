/** The five things the engine looks for in a ticket's text. */
export const SIGNAL_NAMES = ['deliverable', 'user', 'outcome', 'successMeasure', 'alternatives'] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/** A span of the ticket's text (offsets into `TicketText.full`) that made a detector fire. */
export interface Evidence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Signal {
  readonly present: boolean;
  readonly evidence: readonly Evidence[];
  /** The ids of the cues that fired (and of the sentence shapes that read it), for the learned judgement. */
  readonly cues?: readonly string[];
}

export type Signals = Readonly<Record<SignalName, Signal>>;

/** What the engine reads a ticket as, whatever the tracker called it. */
export type InferredKind = 'feature' | 'task' | 'bug' | 'other';

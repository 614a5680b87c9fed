import type { Analysis } from '../../../src/lint/analysis.js';
import type { InferredKind, Signal } from '../../../src/lint/signal.js';
import { TicketText } from '../../../src/lint/ticket-text.js';

type SignalKey = 'user' | 'outcome' | 'successMeasure' | 'alternatives';

export interface AnalysisSketch {
  title: string;
  body?: string;
  kind: InferredKind;
  /** The signals the detectors found; every other one is absent. */
  present?: SignalKey[];
  /** The deliverable the detector names; with `deliverableWords`, the words it cites. */
  output?: string | null;
  verb?: string | null;
  deliverableWords?: string[];
  outputOnly?: boolean;
}

/**
 * An Analysis written by hand, so the rule kinds are tested on what the detectors report rather
 * than on how well they read a ticket.
 */
export function handMadeAnalysis(sketch: AnalysisSketch): Analysis {
  const text = TicketText.of(sketch.title, sketch.body ?? '');
  const signal = (key: SignalKey): Signal => (sketch.present?.includes(key) ? { present: true, evidence: [text.evidence(0, 1)] } : { present: false, evidence: [] });
  const words = sketch.deliverableWords ?? [];
  return {
    text,
    language: { language: 'en', englishWords: 0, otherWords: 0 },
    kind: sketch.kind,
    kindEvidence: [],
    judgement: { judge: 'cues', version: null, probabilities: null },
    signals: {
      deliverable: {
        present: words.length > 0 || Boolean(sketch.output),
        evidence: words.map((w) => ({ text: w, start: 0, end: w.length })),
        output: sketch.output ?? null,
        verb: sketch.verb ?? null,
      },
      user: signal('user'),
      outcome: signal('outcome'),
      successMeasure: signal('successMeasure'),
      alternatives: signal('alternatives'),
    },
    outputOnly: sketch.outputOnly ?? (sketch.kind === 'feature' && !sketch.present?.includes('outcome')),
  };
}

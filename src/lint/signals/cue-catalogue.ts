import type { Vocabulary } from '../vocabulary.js';
import type { Cue, CueReading } from './cue.js';
import { ALTERNATIVE_CUES } from './alternatives.js';
import { KIND_CUES } from './kind.js';
import { FAILURE_CUES, OUTCOME_CUES } from './outcome.js';
import { EXPECTED_BEHAVIOUR, successMeasureCues } from './success-measure.js';
import { userCues } from './user.js';

/** Every cue of every detector, by what it reads, with the pack's words in the lists a pack extends. */
export function cueCatalogue(vocabulary: Vocabulary): Readonly<Record<CueReading, readonly Cue[]>> {
  return {
    kind: KIND_CUES,
    user: userCues(vocabulary),
    outcome: [...OUTCOME_CUES, ...FAILURE_CUES],
    successMeasure: [...successMeasureCues(vocabulary), ...EXPECTED_BEHAVIOUR],
    alternatives: ALTERNATIVE_CUES,
  };
}

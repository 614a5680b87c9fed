import { makeTicket } from '../../../src/domain/ticket.js';
import { analyseTicket, CUES_ONLY } from '../../../src/lint/analysis.js';
import { cueCatalogue } from '../../../src/lint/signals/cue-catalogue.js';
import { cuesOn, findCues, type Cue, type CueReading } from '../../../src/lint/signals/cue.js';
import { TicketText } from '../../../src/lint/ticket-text.js';
import { EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';

const catalogue = cueCatalogue(EMPTY_VOCABULARY);
const readings = Object.keys(catalogue) as CueReading[];

describe('reading without a cue (npm run cue-worth)', () => {
  // Every cue's own examples, each read as a title and as a body: texts on which the cues fire.
  const texts = readings.flatMap((r) => catalogue[r].flatMap((cue) => [...cue.examples.match, ...cue.examples.noMatch]))
    .flatMap((example) => [TicketText.of(example, ''), TicketText.of('Ticket', example)]);

  it.each(readings)('%s: leaving a cue\'s hits out finds what the list finds with that cue deleted', (reading) => {
    const cues = catalogue[reading];
    const hitsOf = (found: ReturnType<typeof findCues>) => found.map((h) => `${h.cue.id}@${h.start}-${h.end}`);
    const deleted = new Map(cues.map((cue) => [cue, cues.filter((c) => c !== cue)]));
    const compared = new Set<Cue>();
    for (const text of texts) {
      const all = findCues(text, cues, 2);
      for (const cue of new Set(all.map((h) => h.cue as Cue))) {
        expect(hitsOf(cuesOn(all, reading, new Set([`${reading}/${cue.id}`])))).toEqual(hitsOf(findCues(text, deleted.get(cue)!, 2)));
        compared.add(cue);
      }
    }
    // Every cue fired on one text at least, so each was compared.
    expect(compared.size).toBe(cues.length);
  });

  type Signal = Exclude<CueReading, 'kind'>;
  const SIGNAL_TICKETS: [Signal, string, string][] = [
    ['user', 'Add SSO via Okta', 'Our enterprise customers cannot roll us out without it.'],
    ['outcome', 'Add SSO via Okta', 'Security reviews block the deal: two deals stalled last quarter.'],
    ['successMeasure', 'Add CSV export', 'Acceptance criteria: the export of 10,000 rows finishes in under 5 seconds.'],
    ['alternatives', 'Add CSV export', 'We considered a dashboard instead, but accountants work in spreadsheets.'],
  ];

  it.each(SIGNAL_TICKETS)('reads the %s without the cue switched off, and only without that one', (signal, title, description) => {
    const ticket = makeTicket({ id: 'T-1', title, description });
    const every = analyseTicket(ticket, EMPTY_VOCABULARY, CUES_ONLY);
    const [id] = every.signals[signal].cues ?? [];
    expect(catalogue[signal].map((c) => c.id)).toContain(id);
    const without = analyseTicket(ticket, EMPTY_VOCABULARY, CUES_ONLY, new Set([`${signal}/${id}`]));
    expect(without.signals[signal].cues ?? []).not.toContain(id);
    // The same id under another reading names another cue, or none: nothing changes.
    const other = readings.find((r) => r !== signal && r !== 'kind')!;
    expect(analyseTicket(ticket, EMPTY_VOCABULARY, CUES_ONLY, new Set([`${other}/${id}`]))).toEqual(every);
  });

  it('reads the kind without the kind cue switched off', () => {
    const ticket = makeTicket({ id: 'T-2', title: 'Tracking: the 4.2 release', description: '' });
    const fired = analyseTicket(ticket, EMPTY_VOCABULARY, CUES_ONLY).kindCues ?? [];
    expect(fired.length).toBeGreaterThan(0);
    const [kind, id] = fired[0]!.split(':') as [string, string];
    expect(analyseTicket(ticket, EMPTY_VOCABULARY, CUES_ONLY, new Set([`kind/${id}`])).kindCues).not.toContain(`${kind}:${id}`);
  });
});

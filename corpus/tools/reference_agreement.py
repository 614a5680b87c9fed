#!/usr/bin/env python3
"""How this project's labelling agrees with the shared labels: corpus/reference-check.jsonl holds one blind pass,
by a labeller of this project who saw only the guide and the tickets, over 150 tickets of ../shared/corpus/seed
(100 Jira, 50 GitHub, drawn at random from the train part). Prints, per label and tracker, the share of tickets
on which the two agree and the F1 of this pass's true labels against the shared ones.
Usage: python3 corpus/tools/reference_agreement.py"""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIELDS = ['kind', 'has_user', 'has_outcome', 'has_success_measure', 'has_alternatives', 'output_only']


def main():
    shared = {}
    with open(os.path.join(ROOT, 'corpus', 'tickets.jsonl'), encoding='utf-8') as f:
        for line in f:
            t = json.loads(line)
            shared[t['id']] = t
    with open(os.path.join(ROOT, 'corpus', 'reference-check.jsonl'), encoding='utf-8') as f:
        ours = [json.loads(line) for line in f if line.strip()]
    for tracker in ['jira', 'github', None]:
        rows = [o for o in ours if tracker is None or shared[o['id']]['tracker'] == tracker]
        print(f"{tracker or 'all'}: {len(rows)} tickets")
        for field in FIELDS:
            pairs = [(o[field], shared[o['id']]['label'][field]) for o in rows]
            agree = sum(a == b for a, b in pairs) / len(pairs)
            line = f'  {field:<20} agree {agree:.3f}'
            if field != 'kind':
                both = sum(a and b for a, b in pairs)
                one = sum(a != b for a, b in pairs)
                line += f'   F1 {2 * both / (2 * both + one):.3f}' if both + one else '   F1 –'
            print(line)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Builds corpus/tickets.jsonl from the shared labelled tickets (../shared/corpus: dev.jsonl, seed/) and the
tickets this project collected and labelled (corpus/collected.jsonl). Each ticket gets its frozen part
(train or test, by project: corpus/tools/part_of.py). dev.jsonl rows of test projects are left out (the cue
engine was tuned on dev.jsonl, so they would flatter it on the test part), and nothing else is changed."""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from part_of import part_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get('TICKETLINT_SHARED_CORPUS', os.path.normpath(os.path.join(ROOT, '..', 'shared', 'corpus')))
FIELDS = ['id', 'source', 'tracker', 'project', 'title', 'body', 'label', 'evidence']


def rows(path, origin):
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out = {k: d[k] for k in FIELDS}
                out['body'] = out['body'] or ''
                if d.get('tracker_labels'):
                    out['tracker_labels'] = d['tracker_labels']
                out['origin'] = origin
                out['labelling'] = d.get('labelling', 'two passes, differences settled by a third reading')
                yield out


def main():
    tickets = []
    sources = [(os.path.join(SHARED, 'dev.jsonl'), 'shared/dev'), (os.path.join(SHARED, 'seed', 'seed-1.jsonl'), 'shared/seed')]
    collected = os.path.join(ROOT, 'corpus', 'collected.jsonl')
    if os.path.exists(collected):
        sources.append((collected, 'collected'))
    for path, origin in sources:
        for t in rows(path, origin):
            t['part'] = part_of(t['project'])
            if origin == 'shared/dev' and t['part'] == 'test':
                continue
            tickets.append(t)
    ids = [t['id'] for t in tickets]
    assert len(ids) == len(set(ids)), 'duplicate ids'
    with open(os.path.join(ROOT, 'corpus', 'tickets.jsonl'), 'w', encoding='utf-8') as f:
        for t in tickets:
            f.write(json.dumps(t, ensure_ascii=False) + '\n')
    test = sum(t['part'] == 'test' for t in tickets)
    print(f'{len(tickets)} tickets, {test} in the test part, {len(tickets) - test} in train')


if __name__ == '__main__':
    main()

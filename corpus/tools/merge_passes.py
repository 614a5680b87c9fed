#!/usr/bin/env python3
"""Merges two blind labelling passes and the third reading into corpus/collected.jsonl.
Usage: merge_passes.py WORKDIR   (WORKDIR holds batched.jsonl, labels/passA, labels/passB, labels/settle)
A ticket whose passes agree on every label takes pass A's labels and evidence; one on which they differ takes the
third reading's. Only batches with both passes, and a third reading for every disagreement, are merged. Prints the
agreement between the passes per label, before settling."""
import json, os, sys

FIELDS = ['kind', 'has_user', 'has_outcome', 'has_success_measure', 'has_alternatives', 'output_only']
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        return {d['id']: d for d in map(json.loads, filter(str.strip, f))}


def main(work):
    registry = [json.loads(l) for l in open(os.path.join(work, 'batched.jsonl'), encoding='utf-8')]
    batches = sorted(set(r['batch'] for r in registry))
    out, merged_batches, skipped = [], [], []
    agree = {f: 0 for f in FIELDS}
    both = {f: [0, 0] for f in FIELDS[1:]}
    total = settled = 0
    for b in batches:
        A = load(os.path.join(work, 'labels', 'passA', b)); B = load(os.path.join(work, 'labels', 'passB', b))
        S = load(os.path.join(work, 'labels', 'settle', b)) or {}
        rows = [r for r in registry if r['batch'] == b]
        if not A or not B or any(r['id'] not in A or r['id'] not in B for r in rows):
            skipped.append(b); continue
        if any(any(A[r['id']][f] != B[r['id']][f] for f in FIELDS) and r['id'] not in S for r in rows):
            skipped.append(b); continue
        merged_batches.append(b)
        for r in rows:
            a, bb = A[r['id']], B[r['id']]
            total += 1
            for f in FIELDS:
                agree[f] += a[f] == bb[f]
            for f in FIELDS[1:]:
                if a[f] and bb[f]: both[f][0] += 1
                elif a[f] or bb[f]: both[f][1] += 1
            differ = any(a[f] != bb[f] for f in FIELDS)
            final = S[r['id']] if differ else a
            settled += differ
            label = {'kind': final['kind'], 'output_only': final['output_only'], 'has_user': final['has_user'],
                     'has_outcome': final['has_outcome'], 'has_success_measure': final['has_success_measure'],
                     'has_alternatives': final['has_alternatives']}
            evidence = {k: v for k, v in (final.get('evidence') or {}).items() if v}
            row = {'id': r['id'], 'source': r['source'], 'tracker': r.get('tracker', 'github'), 'project': r['project'], 'title': r['title'],
                   'body': r['body'], 'label': label, 'evidence': evidence,
                   'labelling': 'two passes, settled by a third reading' if differ else 'two passes, agreed'}
            if r.get('tracker_labels'):
                row['tracker_labels'] = r['tracker_labels']
            out.append(row)
    # Tickets merged in an earlier round, whose passes are in another work folder, are kept as they are.
    path = os.path.join(ROOT, 'corpus', 'collected.jsonl')
    ours = set(r['id'] for r in registry)
    earlier = [json.loads(l) for l in open(path, encoding='utf-8')] if os.path.exists(path) else []
    out = [row for row in earlier if row['id'] not in ours] + out
    with open(path, 'w', encoding='utf-8') as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    print(f'merged {len(merged_batches)} batches, {total} tickets ({settled} settled by a third reading); not yet complete: {skipped}')
    if total:
        print('agreement between the passes, share of tickets:', {f: round(agree[f] / total, 3) for f in FIELDS})
        print('agreement F1 (true labels):', {f: round(2 * v[0] / (2 * v[0] + v[1]), 3) if sum(v) else None for f, v in both.items()})


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')

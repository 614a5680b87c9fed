#!/usr/bin/env python3
"""Compares passA and passB per batch: agreement per label, and writes the disagreements to settle/<batch>.jsonl
(ticket + both passes' labels) for a third reading. Usage: compare-passes.py b001 b002 ..."""
import json, sys
FIELDS = ['kind', 'has_user', 'has_outcome', 'has_success_measure', 'has_alternatives', 'output_only']
def load(p): return {d['id']: d for d in map(json.loads, filter(str.strip, open(p)))}
tot = {f: [0, 0] for f in FIELDS}
f1c = {f: [0, 0, 0] for f in FIELDS[1:]}
for b in sys.argv[1:]:
    batch = load(f'batches/{b}.jsonl'); A = load(f'labels/passA/{b}.jsonl'); B = load(f'labels/passB/{b}.jsonl')
    out = []
    for i, t in batch.items():
        a, bb = A[i], B[i]
        diff = [f for f in FIELDS if a[f] != bb[f]]
        for f in FIELDS: tot[f][0] += a[f] == bb[f]; tot[f][1] += 1
        for f in FIELDS[1:]:
            if a[f] and bb[f]: f1c[f][0] += 1
            elif a[f] or bb[f]: f1c[f][1] += 1
        if diff:
            strip = lambda d: {k: d[k] for k in FIELDS + ['evidence', 'note'] if k in d}
            out.append({'id': i, 'title': t['title'], 'body': t['body'], 'differ_on': diff, 'labeller_1': strip(a), 'labeller_2': strip(bb)})
    with open(f'settle-in/{b}.jsonl', 'w') as f:
        for o in out: f.write(json.dumps(o, ensure_ascii=False) + '\n')
    print(b, 'disagreements:', len(out))
print('agreement (share of tickets):', {f: round(v[0] / v[1], 3) for f, v in tot.items()})
print('agreement F1 (2*both / (2*both + one)):', {f: round(2 * v[0] / (2 * v[0] + v[1]), 3) if v[0] + v[1] else None for f, v in f1c.items()})

#!/usr/bin/env python3
"""Checks one labeller's output against its batch: usage check-labels.py BATCH.jsonl LABELS.jsonl
Every batch id labelled once, valid JSON per line, fields and types right, output_only == (kind==feature and not
has_outcome), each evidence quote present (verbatim after whitespace folding) in title+body, and evidence given
for every true signal. Prints problems; exit 1 if any."""
import json, re, sys
batch = {}
for l in open(sys.argv[1], encoding='utf-8'):
    if l.strip():
        d = json.loads(l); batch[d['id']] = d
fold = lambda s: re.sub(r'\s+', ' ', s).strip().lower()
problems, seen = [], set()
SIG = {'user': 'has_user', 'outcome': 'has_outcome', 'success_measure': 'has_success_measure', 'alternatives': 'has_alternatives'}
for n, l in enumerate(open(sys.argv[2], encoding='utf-8'), 1):
    if not l.strip(): continue
    try: d = json.loads(l)
    except Exception as e: problems.append(f'line {n}: not JSON ({e})'); continue
    i = d.get('id')
    if i not in batch: problems.append(f'line {n}: id {i!r} is not in the batch'); continue
    if i in seen: problems.append(f'line {n}: id {i} labelled twice')
    seen.add(i)
    if d.get('kind') not in ('feature', 'task', 'bug', 'other'): problems.append(f'{i}: kind must be feature|task|bug|other')
    for k in list(SIG.values()) + ['output_only']:
        if not isinstance(d.get(k), bool): problems.append(f'{i}: {k} must be true or false')
    if isinstance(d.get('has_outcome'), bool) and isinstance(d.get('output_only'), bool):
        if d['output_only'] != (d.get('kind') == 'feature' and not d['has_outcome']):
            problems.append(f'{i}: output_only must be true exactly when kind is feature and has_outcome is false')
    ev = d.get('evidence') or {}
    if not isinstance(ev, dict): problems.append(f'{i}: evidence must be an object'); ev = {}
    text = fold(batch[i]['title'] + '\n' + batch[i]['body'])
    for key, flag in SIG.items():
        if d.get(flag) is True:
            q = ev.get(key)
            if not q: problems.append(f'{i}: {flag} is true but evidence.{key} is missing')
            elif fold(q) not in text: problems.append(f'{i}: evidence.{key} is not a verbatim quote of the ticket: {q[:80]!r}')
        elif key in ev and ev[key]:
            problems.append(f'{i}: evidence.{key} given but {flag} is false (omit the key)')
missing = [i for i in batch if i not in seen]
if missing: problems.append(f'{len(missing)} ids not labelled: {", ".join(missing[:20])}')
print('\n'.join(problems) if problems else f'ok: {len(seen)} tickets')
sys.exit(1 if problems else 0)

#!/usr/bin/env python3
"""Cuts new candidates (not yet batched) into batches of 75 for labelling; ids go on from the last collected ticket (c0001 ...), in batch order.
Near-duplicate bodies (same first 200 characters of a body over 100 characters) are dropped."""
import json, os, glob, random, re
import os
WORK = os.environ.get('CORPUS_WORK', '.')  # the folder holding raw/, batches/, labels/
SHARED = os.environ.get('SHARED_CORPUS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'corpus'))
SIZE = 75
reg_path = WORK + '/batched.jsonl'
registry = [json.loads(l) for l in open(reg_path)] if os.path.exists(reg_path) else []
done = set(r['source'] for r in registry)
bodies = set(re.sub(r'\s+', ' ', r['body'])[:200].lower() for r in registry if len(r['body']) > 100)
cands = [json.loads(l) for l in open(WORK + '/candidates.jsonl')]
new = []
for c in cands:
    if c['source'] in done: continue
    key = re.sub(r'\s+', ' ', c['body'])[:200].lower()
    if len(c['body']) > 100 and key in bodies: continue
    if len(c['body']) > 100: bodies.add(key)
    new.append(c)
random.Random(len(registry)).shuffle(new)
full = len(new) // SIZE * SIZE
new = new[:full]
# Ids and batch numbers go on from the corpus's collected tickets, whose passes may be in another work folder.
COLLECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'collected.jsonl')
collected = [json.loads(l) for l in open(COLLECTED)] if os.path.exists(COLLECTED) else []
next_id = max([int(r['id'][1:]) for r in registry + collected] + [0]) + 1
existing = sorted(glob.glob(WORK + '/batches/b*.jsonl'))
next_batch = max([int(os.path.basename(p)[1:4]) for p in existing] + [(next_id - 2) // SIZE + 1]) + 1
with open(reg_path, 'a') as reg:
    for b in range(0, len(new), SIZE):
        name = f'{WORK}/batches/b{next_batch:03d}.jsonl'
        with open(name, 'w') as f:
            for c in new[b:b + SIZE]:
                c['id'] = f'c{next_id:04d}'; next_id += 1
                f.write(json.dumps({'id': c['id'], 'title': c['title'], 'body': c['body']}, ensure_ascii=False) + '\n')
                reg.write(json.dumps({**c, 'batch': os.path.basename(name)}, ensure_ascii=False) + '\n')
        print('wrote', name); next_batch += 1

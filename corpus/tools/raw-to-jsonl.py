#!/usr/bin/env python3
"""Turns collectors' raw ticket files (raw/*.txt) into candidates.jsonl.
Checks every source with ../shared/corpus/is-excluded, drops known sources (dev + seed), duplicates,
and more than MAX_PER_REPO tickets of one repository. Prints counts."""
import json, re, subprocess, sys, glob, collections
import os
WORK = os.environ.get('CORPUS_WORK', '.')  # the folder holding raw/, batches/, labels/
SHARED = os.environ.get('SHARED_CORPUS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'corpus'))
MAX_PER_REPO = 3
known = set(l.strip().lower() for l in open(WORK + '/known-sources.txt') if l.strip())
tickets = []
bad = 0
for path in sorted(glob.glob(WORK + '/raw/*.txt')):
    text = open(path, encoding='utf-8').read()
    for block in re.split(r'^=== SOURCE ', text, flags=re.M)[1:]:
        if '\n=== END' not in block:
            bad += 1; continue
        block = block.split('\n=== END', 1)[0]
        lines = block.split('\n')
        src = lines[0].strip()
        meta = {}
        i = 1
        while i < len(lines) and not lines[i].startswith('BODY:'):
            k, _, v = lines[i].partition(':'); meta[k.strip()] = v.strip(); i += 1
        body = '\n'.join(lines[i + 1:]) if i < len(lines) else ''
        m = re.match(r'https://github\.com/([^/]+/[^/]+)/issues/(\d+)$', src)
        if not m or 'TITLE' not in meta:
            bad += 1; continue
        labels = [x.strip() for x in meta.get('LABELS', '').split(',') if x.strip()]
        tickets.append({'source': src, 'tracker': 'github', 'project': m.group(1), 'title': meta['TITLE'],
                        'body': body.strip('\n'), 'tracker_labels': labels, 'collector': path.rsplit('/', 1)[1],
                        'query': meta.get('QUERY', '')})
srcs = sorted(set(t['source'] for t in tickets))
out = subprocess.run([SHARED + '/is-excluded', '-'], input='\n'.join(srcs), capture_output=True, text=True).stdout
excluded = set(l.split(' ', 1)[1] for l in out.splitlines() if l.startswith('excluded '))
seen_src, seen_text, per_repo = set(), set(), collections.Counter()
# Tickets already in the corpus count towards their repository's cap.
for k in known:
    m = re.match(r'https://github\.com/([^/]+/[^/]+)/issues/\d+$', k)
    if m: per_repo[m.group(1)] += 1
kept = []
drop = collections.Counter()
for t in tickets:
    s = t['source']
    if s in excluded: drop['excluded'] += 1; continue
    if s.lower() in known: drop['known'] += 1; continue
    if s in seen_src: drop['dup source'] += 1; continue
    key = (t['title'].strip().lower(), t['body'].strip().lower())
    if key in seen_text: drop['dup text'] += 1; continue
    if per_repo[t['project'].lower()] >= MAX_PER_REPO: drop['repo cap'] += 1; continue
    seen_src.add(s); seen_text.add(key); per_repo[t['project'].lower()] += 1
    kept.append(t)
with open(WORK + '/candidates.jsonl', 'w') as f:
    for t in kept: f.write(json.dumps(t, ensure_ascii=False) + '\n')
print(f'read {len(tickets)} ({bad} malformed blocks); kept {len(kept)} from {len(per_repo)} repos; dropped {dict(drop)}')

#!/usr/bin/env python3
"""Draws Jira tickets from the GPT2SP story-point data set (MIT) into candidates.jsonl for labelling.
Usage: gpt2sp-to-candidates.py GPT2SP_GIT_DIR PER_TRAIN_PROJECT PER_TEST_PROJECT
Only the eight projects ../shared/corpus/dev.jsonl draws from, every key checked with is-excluded; tickets already in
the shared corpus (dev, seed) are skipped; descriptions of at most 3,000 characters, copied as the data set has
them (line breaks already collapsed, as in dev.jsonl); a fixed-seed random draw per project."""
import csv, io, json, os, random, subprocess, sys

WORK = os.environ.get('CORPUS_WORK', '.')
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('SHARED_CORPUS', os.path.join(HERE, '..', '..', '..', 'shared', 'corpus'))
sys.path.insert(0, HERE)
from part_of import part_of  # noqa: E402

FILES = {'aptanastudio': 'APSTUD', 'jirasoftware': 'JSW', 'mesos': 'MESOS', 'moodle': 'MDL', 'springxd': 'XD',
         'talenddataquality': 'TDQ', 'talendesb': 'TESB', 'usergrid': 'USERGRID'}


def main(git_dir, per_train, per_test):
    known = set()
    # Only the shared tickets are skipped here, so each project's order stays the same from one round to the next:
    # a later round asks for more of the same order, and make-batches.py skips the ones already batched.
    # Both must exist: without them the draw would take tickets of dev.jsonl and the seed again.
    for path in [os.path.join(SHARED, 'dev.jsonl'), os.path.join(SHARED, 'seed', 'seed-1.jsonl')]:
        known |= {json.loads(l)['source'].lower() for l in open(path, encoding='utf-8') if l.strip()}
    out = []
    for name, project in FILES.items():
        text = subprocess.run(['git', '--git-dir', git_dir, 'show', f'HEAD:sp_dataset/marked_data/{name}.csv'],
                              capture_output=True, text=True, check=True).stdout
        rows = [r for r in csv.DictReader(io.StringIO(text))
                if f"jira:{r['issuekey']}".lower() not in known and len(r['description']) <= 3000 and r['title'].strip()]
        checked = subprocess.run([os.path.join(SHARED, 'is-excluded'), '-'], capture_output=True, text=True,
                                 input='\n'.join(f"jira:{r['issuekey']}" for r in rows)).stdout.splitlines()
        ok = {l.split(' ', 1)[1] for l in checked if l.startswith('ok ')}
        rows = [r for r in rows if f"jira:{r['issuekey']}" in ok]
        want = per_test if part_of(project) == 'test' else per_train
        random.Random(f'gpt2sp-{project}').shuffle(rows)
        for r in rows[:want]:
            out.append({'source': f"jira:{r['issuekey']}", 'tracker': 'jira', 'project': project,
                        'title': r['title'], 'body': r['description']})
        print(f'{project}: {len(rows)} usable, took {min(want, len(rows))} ({part_of(project)})')
    with open(os.path.join(WORK, 'candidates.jsonl'), 'w', encoding='utf-8') as f:
        for t in out:
            f.write(json.dumps(t, ensure_ascii=False) + '\n')
    print(f'wrote {len(out)} candidates')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

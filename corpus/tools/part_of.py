"""The frozen test/train split, by project (see corpus/README.md). Mirrored in src/corpus/corpus-part.ts; a test
checks that every ticket in corpus/tickets.jsonl sits on the side this rule gives."""
import hashlib

SPLIT_SALT = 'ticketlint-split-v1:'
TEST_PERCENT = 20


def part_of(project: str) -> str:
    digest = hashlib.sha256((SPLIT_SALT + project.lower()).encode('utf-8')).hexdigest()
    return 'test' if int(digest[:8], 16) % 100 < TEST_PERCENT else 'train'

#!/usr/bin/python3
"""Answer-page accuracy of kb-searchd's /api/passages on a question set.

For every question of QUESTIONS (tests/passages/questions.tsv: id, question, file, pages,
answer) asks BASE/api/passages?q=QUESTION&size=5 and counts a hit at rank k when one of the
first k passages is from the question's document on one of its answer pages. A document's id is
the FNV-1a 64 of its absolute path (kb::DocumentIdForPath), the file's path below DOCS_DIR.

Usage: evaluate.py BASE_URL QUESTIONS DOCS_DIR [--verbose]
"""
import json
import os
import sys
import urllib.parse
import urllib.request


def document_id(absolute_path):
    state = 1469598103934665603
    for byte in absolute_path.encode("utf-8"):
        state = ((state ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return f"{state:016x}"


def main():
    if len(sys.argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    base, questions_path, docs_dir = sys.argv[1:4]
    verbose = "--verbose" in sys.argv
    hits = {1: 0, 3: 0, 5: 0}
    total = 0
    with open(questions_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            qid, question, file, pages, _answer = line.rstrip("\n").split("\t")
            want_id = document_id(os.path.join(os.path.abspath(docs_dir), file))
            want_pages = {int(p) for p in pages.split(",")}
            url = base + "/api/passages?" + urllib.parse.urlencode({"q": question, "size": 5})
            got = json.load(urllib.request.urlopen(url))["passages"]
            total += 1
            rank = next((k + 1 for k, p in enumerate(got)
                         if p["id"] == want_id and p["page"] in want_pages), None)
            for k in hits:
                if rank is not None and rank <= k:
                    hits[k] += 1
            if verbose:
                first = got[0] if got else {}
                print(f"{qid} rank={rank} want={file}:{pages} first={first.get('title','')[:40]}:"
                      f"{first.get('page')} [{first.get('section','')[:30]}]")
    print(f"questions {total}: top1 {hits[1]/total:.3f} top3 {hits[3]/total:.3f} "
          f"top5 {hits[5]/total:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

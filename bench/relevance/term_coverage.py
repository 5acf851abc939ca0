#!/usr/bin/python3
"""Which query terms the judged-relevant articles lack: the per-query diagnosis for ANALYSIS.md.

Usage: term_coverage.py INDEX_DIR KB_ANALYZE DATA_DIR > coverage.tsv
  INDEX_DIR   the kb-indexer index of the articles (as built by run.sh)
  KB_ANALYZE  the kb-analyze binary (shows how kb-searchd's analysis parses a query)
  DATA_DIR    ../shared/refdata/ir/legal-dutch-aqa

For every relevant (query, article) pair: whether the article holds a term of every top-level
group of the parsed query (what a conjunctive, AND, query requires), whether it would if the
question word "wanneer" were dropped, and the stems it lacks. A summary goes to stderr. Needs
python3-xapian (Debian).
"""
import json
import os
import re
import subprocess
import sys

import xapian


def top_level_groups(parsed):
    """The term sets of the top-level OR items of a Query description, e.g.
    'Query((Za@1 OR (Zb@2 SYNONYM Zc@2)))' -> [{'Za'}, {'Zb', 'Zc'}]."""
    inner = parsed[len("Query("):-1]
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    depth, groups, current = 0, [], ""
    for token in re.split(r"( OR |\(|\))", inner):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        if token == " OR " and depth == 0:
            groups.append(current)
            current = ""
        else:
            current += token
    groups.append(current)
    return [g for g in (set(re.findall(r"([A-Za-z0-9]+)@", group)) for group in groups) if g]


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    db = xapian.Database(sys.argv[1])
    analyze, data = sys.argv[2], sys.argv[3]
    docid = {}
    for posting in db.postlist(""):
        stored = json.loads(db.get_document(posting.docid).get_data())
        docid[os.path.splitext(os.path.basename(stored["path"]))[0]] = posting.docid
    relevant = {}
    with open(os.path.join(data, "qrels.trec"), encoding="utf-8") as f:
        for line in f:
            qid, _, doc, rel = line.split()
            if float(rel) > 0:
                relevant.setdefault(qid, []).append(doc)
    pairs = with_all = without_wanneer = queries_all = queries_without = 0
    print("qid\tdoc\tall_groups\tall_but_wanneer\tmissing_stems\tparsed_query")
    with open(os.path.join(data, "queries.tsv"), encoding="utf-8") as f:
        questions = [line.rstrip("\n").split("\t", 1) for line in f if "\t" in line]
    for qid, question in questions:
        result = subprocess.run([analyze, "--query"], input=question, capture_output=True,
                                text=True, check=True)
        parsed = json.loads(result.stdout)["parsed"]
        groups = top_level_groups(parsed)
        any_all = any_without = False
        for doc in relevant.get(qid, []):
            terms = {t.term.decode() for t in db.termlist(docid[doc])}
            ok = all(g & terms for g in groups)
            ok_without = all(g & terms for g in groups if g != {"Zwanner"})
            missing = " ".join(sorted(g)[0] for g in groups if not g & terms)
            pairs += 1
            with_all += ok
            without_wanneer += ok_without
            any_all |= ok
            any_without |= ok_without
            print(f"{qid}\t{doc}\t{int(ok)}\t{int(ok_without)}\t{missing}\t{parsed}")
        queries_all += any_all
        queries_without += any_without
    sys.stderr.write(
        f"{pairs} relevant pairs: {with_all} hold a term of every query group, {without_wanneer} "
        f"without 'wanneer'; queries whose relevant articles an AND query can reach: "
        f"{queries_all}/{len(questions)}, without 'wanneer': {queries_without}/{len(questions)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

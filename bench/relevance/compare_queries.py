#!/usr/bin/env python3
"""Side-by-side per-query table of the relevance runs, worst nDCG@10 of kb-searchd first.

Usage: compare_queries.py DATA_DIR RESULTS_DIR > per-query.tsv

Columns: qid, nDCG@10 of kb-searchd / kb-searchd-or (diagnostic) / bm25-dutch / bm25-none / omega-or, the rank at which
kb-searchd first finds a relevant article, the relevant DOC_IDs, kb-searchd's top 3, the question.
"""
import os
import sys

SYSTEMS = ("kb-searchd", "kb-searchd-or", "bm25-dutch", "bm25-none", "omega-or")


def read_per_query(path):
    figures = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            next(f)
            for line in f:
                cols = line.rstrip("\n").split("\t")
                figures[cols[0]] = cols
    return figures


def main():
    data, results = sys.argv[1], sys.argv[2]
    questions = {}
    with open(os.path.join(data, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            qid, _, question = line.rstrip("\n").partition("\t")
            questions[qid] = question
    relevant = {}
    with open(os.path.join(data, "qrels.trec"), encoding="utf-8") as f:
        for line in f:
            qid, _, doc, rel = line.split()
            if float(rel) > 0:
                relevant.setdefault(qid, []).append(doc)
    top = {}
    with open(os.path.join(results, "kb-searchd.run"), encoding="utf-8") as f:
        for line in f:
            qid, _, doc, rank = line.split()[:4]
            if int(rank) <= 3:
                top.setdefault(qid, []).append(doc)
    per = {s: read_per_query(os.path.join(results, f"{s}.per-query.tsv")) for s in SYSTEMS}
    print("qid\t" + "\t".join(f"ndcg10:{s}" for s in SYSTEMS) +
          "\tfirst_rel_rank:kb-searchd\trelevant\ttop3:kb-searchd\tquestion")

    def ours(qid):
        return float(per["kb-searchd"].get(qid, [qid, "0"])[1])

    for qid in sorted(questions, key=lambda q: (ours(q), int(q) if q.isdigit() else 0)):
        scores = [per[s].get(qid, [qid, "-"])[1] for s in SYSTEMS]
        first = per["kb-searchd"].get(qid, [qid, "", "", "", "-"])[4]
        print(f"{qid}\t" + "\t".join(scores) + f"\t{first}\t{','.join(relevant.get(qid, []))}\t"
              f"{','.join(top.get(qid, []))}\t{questions[qid]}")


if __name__ == "__main__":
    main()

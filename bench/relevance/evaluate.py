#!/usr/bin/env python3
"""A small IR evaluator: nDCG@10, MRR@10 and Recall@100 of a TREC run against TREC qrels.

Usage: evaluate.py QRELS RUN [--per-query FILE] [--label NAME]

QRELS lines: "qid iter docid relevance" (relevance > 0 means relevant; graded values are used as
the gain in nDCG). RUN lines: "qid Q0 docid rank score tag"; documents are ordered by rank
(ties by file order), a document listed twice counts once, at its first rank.

Conventions (those of trec_eval): every query in the qrels counts, a query the run has no
results for scores 0; DCG = sum over ranks i = 1..k of gain / log2(i + 1); the ideal DCG uses
the qrels' own gains sorted descending; MRR@10 is 1 / rank of the first relevant document within
the top 10 (0 if none); Recall@100 is the share of the relevant documents in the top 100.
"""
import argparse
import math
import sys


def read_qrels(lines):
    """{qid: {docid: gain}} with only the judged-relevant documents (gain > 0)."""
    qrels = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise ValueError(f"qrels line {number}: expected 4 fields, got {len(fields)}")
        qid, _, docid, rel = fields
        gain = float(rel)
        qrels.setdefault(qid, {})
        if gain > 0:
            qrels[qid][docid] = gain
    return qrels


def read_run(lines):
    """{qid: [docid, ...]} ordered by rank, duplicates dropped."""
    ranked = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) < 4:
            raise ValueError(f"run line {number}: expected 'qid Q0 docid rank ...'")
        ranked.setdefault(fields[0], []).append((int(fields[3]), number, fields[2]))
    run = {}
    for qid, entries in ranked.items():
        seen, docs = set(), []
        for _, _, docid in sorted(entries):
            if docid not in seen:
                seen.add(docid)
                docs.append(docid)
        run[qid] = docs
    return run


def ndcg_at(ranking, relevant, k=10):
    ideal_gains = sorted(relevant.values(), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    if ideal == 0:
        return 0.0
    dcg = sum(relevant.get(d, 0.0) / math.log2(i + 2) for i, d in enumerate(ranking[:k]))
    return dcg / ideal


def rr_at(ranking, relevant, k=10):
    for i, d in enumerate(ranking[:k]):
        if relevant.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def recall_at(ranking, relevant, k=100):
    if not relevant:
        return 0.0
    return sum(1 for d in ranking[:k] if d in relevant) / len(relevant)


def first_relevant_rank(ranking, relevant):
    """1-based rank of the first relevant document anywhere in the run, or None."""
    for i, d in enumerate(ranking):
        if d in relevant:
            return i + 1
    return None


def evaluate(qrels, run):
    """Per-query rows (sorted by qid) and the means over all queries in the qrels."""
    rows = []
    for qid in sorted(qrels, key=lambda q: (len(q), q)):
        relevant, ranking = qrels[qid], run.get(qid, [])
        rows.append({
            "qid": qid,
            "ndcg10": ndcg_at(ranking, relevant),
            "rr10": rr_at(ranking, relevant),
            "r100": recall_at(ranking, relevant),
            "first": first_relevant_rank(ranking, relevant),
            "relevant": len(relevant),
            "retrieved": len(ranking),
        })
    n = len(rows)
    means = {m: (sum(r[m] for r in rows) / n if n else 0.0) for m in ("ndcg10", "rr10", "r100")}
    return rows, means


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("qrels")
    parser.add_argument("run")
    parser.add_argument("--per-query", help="write per-query figures (TSV) to this file")
    parser.add_argument("--label", default="run", help="name printed in the summary line")
    args = parser.parse_args(argv)
    with open(args.qrels, encoding="utf-8") as f:
        qrels = read_qrels(f)
    with open(args.run, encoding="utf-8") as f:
        run = read_run(f)
    rows, means = evaluate(qrels, run)
    if args.per_query:
        with open(args.per_query, "w", encoding="utf-8") as out:
            out.write("qid\tndcg@10\trr@10\tr@100\tfirst_relevant_rank\trelevant\tretrieved\n")
            for r in rows:
                out.write(f"{r['qid']}\t{r['ndcg10']:.4f}\t{r['rr10']:.4f}\t{r['r100']:.4f}\t"
                          f"{r['first'] or '-'}\t{r['relevant']}\t{r['retrieved']}\n")
    print(f"{args.label}\tqueries={len(rows)}\tnDCG@10={means['ndcg10']:.4f}\t"
          f"MRR@10={means['rr10']:.4f}\tR@100={means['r100']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

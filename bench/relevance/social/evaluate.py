#!/usr/bin/python3
"""Relevance on the social-domain development set (GUIDELINES.md): nDCG@10, Recall@10 and MRR@10
per query kind, for kb-searchd, Omega (omindex + quest) and Recoll on ../shared/corpus/docs.

Usage:
  evaluate.py [--build DIR] [--systems kb-searchd,omega,recoll] [--work DIR] [--out DIR]
  evaluate.py --pool QUERIES_TSV CANDIDATES_OUT [--build DIR] [--work DIR]

--work keeps the peers' indexes between runs (kb-searchd always indexes afresh, so an analysis
change is measured); --out gets one run file per system (qid, rank, document) and a per-query
table. --pool writes the judging candidates instead: per query the union of the top 20 of each
system (Recoll in both modes) and the top 10 of a grep ranking, sorted by path so a judge cannot
tell which system proposed what.

Gains are the grades (0/1/2); nDCG@10 uses the ideal ranking of the judged documents;
Recall@10 counts grade >= 1 documents in the top 10 over all such judged documents; MRR@10 is the
reciprocal rank of the first grade >= 1 document.
Needs python3-xapian (run with /usr/bin/python3), xapian-omega and recoll.
"""
import argparse
import collections
import os
import sys
import tempfile

import systems

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import evaluate as trec  # noqa: E402  (bench/relevance/evaluate.py: the TREC-style measures)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "docs")
KINDS = ["topical", "vocabulary", "region", "question", "typo", "known-item"]


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3 and fields[0]:
                queries.append((fields[0], fields[1], fields[2]))
    return queries


def read_qrels(path):
    qrels = collections.defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3 and fields[0]:
                qrels[fields[0]][fields[1]] = int(fields[2])
    return qrels


def relevant_of(grades):
    return {doc: grade for doc, grade in grades.items() if grade > 0}


def ndcg10(ranking, grades):
    return trec.ndcg_at(ranking, relevant_of(grades), 10)


def recall10(ranking, grades):
    return trec.recall_at(ranking, relevant_of(grades), 10)


def mrr10(ranking, grades):
    return trec.rr_at(ranking, relevant_of(grades), 10)


def start(name, args, work):
    if name == "kb-searchd":
        kb_work = tempfile.mkdtemp(dir=work)
        return systems.KbSearchd(args.build, CORPUS, kb_work)
    if name == "omega":
        return systems.Omega(CORPUS, work)
    if name == "recoll":
        return systems.Recoll(CORPUS, work)
    if name == "recoll-any":
        return systems.Recoll(CORPUS, work, "-o")
    if name == "grep":
        return systems.Grep(CORPUS)
    raise SystemExit(f"unknown system '{name}'")


def pool(args, work):
    queries = read_queries(args.pool[0])
    candidates = collections.defaultdict(set)
    for name in args.pool_systems.split(","):
        depth = 10 if name == "grep" else 20
        system = start(name, args, work)
        for qid, _, query in queries:
            candidates[qid].update(system.search(query, depth))
        if hasattr(system, "close"):
            system.close()
    with open(args.pool[1], "w", encoding="utf-8") as out:
        for qid, _, _ in queries:
            for doc in sorted(candidates[qid]):
                out.write(f"{qid}\t{doc}\n")
    sizes = [len(candidates[q]) for q, _, _ in queries]
    print(f"{len(queries)} queries, {sum(sizes)} candidates ({min(sizes)}-{max(sizes)} a query)")


def evaluate(args, work):
    queries = read_queries(os.path.join(HERE, "queries.tsv"))
    qrels = read_qrels(os.path.join(HERE, "qrels.tsv"))
    os.makedirs(args.out, exist_ok=True)
    scores = {}  # system -> qid -> (ndcg, recall, mrr)
    for name in args.systems.split(","):
        system = start(name, args, work)
        scores[name] = {}
        with open(os.path.join(args.out, f"{name}.run.tsv"), "w", encoding="utf-8") as run:
            for qid, _, query in queries:
                ranking = system.search(query, 10)
                for rank, doc in enumerate(ranking, 1):
                    run.write(f"{qid}\t{rank}\t{doc}\n")
                grades = qrels.get(qid, {})
                scores[name][qid] = (ndcg10(ranking, grades), recall10(ranking, grades),
                                     mrr10(ranking, grades))
        if hasattr(system, "close"):
            system.close()
    names = list(scores)
    with open(os.path.join(args.out, "per-query.tsv"), "w", encoding="utf-8") as out:
        out.write("qid\tkind\tquery\t" + "\t".join(f"{n} nDCG@10" for n in names) + "\n")
        for qid, kind, query in queries:
            out.write(f"{qid}\t{kind}\t{query}\t" +
                      "\t".join(f"{scores[n][qid][0]:.3f}" for n in names) + "\n")
    header = "| kind | n | " + " | ".join(f"{n} nDCG@10 / R@10 / MRR" for n in names) + " |"
    print(header)
    print("|" + "---|" * (2 + len(names)))
    for kind in KINDS + ["all"]:
        qids = [q for q, k, _ in queries if kind in ("all", k)]
        if not qids:
            continue
        cells = []
        for n in names:
            means = [sum(scores[n][q][i] for q in qids) / len(qids) for i in range(3)]
            cells.append(" / ".join(f"{m:.3f}" for m in means))
        print(f"| {kind} | {len(qids)} | " + " | ".join(cells) + " |")
    if "omega" in scores and "kb-searchd" in scores:
        ours = sum(v[0] for v in scores["kb-searchd"].values())
        theirs = sum(v[0] for v in scores["omega"].values())
        print(f"kb-searchd / omega nDCG@10: {ours / theirs:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--systems", default="kb-searchd,omega,recoll")
    parser.add_argument("--work", help="keep the peers' indexes here (default: a temp dir)")
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--pool-systems", default="kb-searchd,omega,recoll,recoll-any,grep")
    parser.add_argument("--pool", nargs=2, metavar=("QUERIES", "CANDIDATES"))
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.abspath(args.work) if args.work else tmp
        os.makedirs(work, exist_ok=True)
        if args.pool:
            pool(args, work)
        else:
            evaluate(args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())

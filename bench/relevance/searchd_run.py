#!/usr/bin/env python3
"""Runs the questions through kb-searchd's /api/search over HTTP and writes a TREC run.

Usage: searchd_run.py BASE_URL QUERIES_TSV ID_MAP RUN_OUT [--details FILE] [--or-words]

BASE_URL is e.g. http://127.0.0.1:18080; each question is sent as q=<question>&size=100&facets=0
exactly as a user would type it. A hit is mapped to its article's DOC_ID through ID_MAP
("id<TAB>DOC_ID" lines, from index_id_map.py); hits whose id is not in the map are reported.
--details writes, per query, the corrected query (if any), the total and the top-10 DOC_IDs, for
the per-query analysis.
--or-words is a diagnostic, not the evaluation: it sends the question's words joined with " OR "
(the user-level query syntax), to show what the analysis and ranking achieve when a document need
not contain every word of the question.
"""
import argparse
import json
import re
import sys
import time
import urllib.parse
import urllib.request


def search(base_url, question):
    params = urllib.parse.urlencode({"q": question, "size": 100, "facets": 0})
    with urllib.request.urlopen(f"{base_url}/api/search?{params}", timeout=30) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("queries")
    parser.add_argument("id_map")
    parser.add_argument("run")
    parser.add_argument("--details")
    parser.add_argument("--or-words", action="store_true")
    args = parser.parse_args()
    with open(args.id_map, encoding="utf-8") as f:
        id_map = dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)
    details = open(args.details, "w", encoding="utf-8") if args.details else None
    unmapped, failures, elapsed = 0, 0, []
    tag = "kb-searchd-or" if args.or_words else "kb-searchd"
    with open(args.queries, encoding="utf-8") as f, open(args.run, "w", encoding="utf-8") as out:
        for line in f:
            qid, _, question = line.rstrip("\n").partition("\t")
            if not qid:
                continue
            if args.or_words:
                question = " OR ".join(re.findall(r"\w+", question.lower()))
            start = time.monotonic()
            try:
                result = search(args.base_url, question)
            except Exception as error:  # a failed query scores 0; say why and go on
                sys.stderr.write(f"query {qid} failed: {error}\n")
                failures += 1
                continue
            elapsed.append(time.monotonic() - start)
            docs = []
            for hit in result.get("hits", []):
                doc = id_map.get(hit.get("id", ""))
                if doc is None:
                    unmapped += 1
                    continue
                docs.append(doc)
            for rank, doc in enumerate(docs[:100], 1):
                out.write(f"{qid} Q0 {doc} {rank} {101 - rank} {tag}\n")
            if details:
                corrected = result.get("corrected_query") or ""
                details.write(f"{qid}\t{result.get('total', '')}\t{corrected}\t{' '.join(docs[:10])}\n")
    if details:
        details.close()
    elapsed.sort()
    median = elapsed[len(elapsed) // 2] * 1000 if elapsed else 0
    print(f"{tag}: {len(elapsed)} queries, {failures} failed, {unmapped} unmapped hits, "
          f"median {median:.1f} ms per query (sequential, size 100)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

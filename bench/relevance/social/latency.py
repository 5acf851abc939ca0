#!/usr/bin/env python3
"""Sequential latency of the social-domain queries against a running kb-searchd, as the page
asks them (q only, size 10, facets on).

Usage: latency.py BASE_URL [ROUNDS]   e.g. latency.py http://127.0.0.1:8080 5
Prints the median and p95 over ROUNDS passes of bench/relevance/social/queries.tsv.
"""
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    base, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(os.path.join(HERE, "queries.tsv"), encoding="utf-8") as f:
        queries = [line.rstrip("\n").split("\t")[2] for line in f if line.strip()]
    times = []
    for _ in range(rounds):
        for q in queries:
            start = time.monotonic()
            url = f"{base}/api/search?{urllib.parse.urlencode({'q': q})}"
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            times.append(time.monotonic() - start)
    times.sort()
    print(f"median {statistics.median(times) * 1000:.1f} ms, p95 "
          f"{times[int(len(times) * 0.95)] * 1000:.1f} ms over {len(times)} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())

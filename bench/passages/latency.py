#!/usr/bin/python3
"""Latency of /api/passages beside /api/search on the same questions, one client, in one run.

Usage: latency.py BASE_URL QUESTIONS [ROUNDS]
Prints median and p99 in ms of each route and their ratio.
"""
import statistics
import sys
import time
import urllib.parse
import urllib.request


def timed(url):
    start = time.perf_counter()
    urllib.request.urlopen(url).read()
    return (time.perf_counter() - start) * 1000


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    base, path = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with open(path, encoding="utf-8") as f:
        questions = [line.split("\t")[1] for line in list(f)[1:]]
    times = {"/api/search": [], "/api/passages": []}
    for _ in range(rounds):
        for q in questions:
            for route in times:  # interleaved, so both see the same machine state
                times[route].append(timed(base + route + "?" + urllib.parse.urlencode(
                    {"q": q, "size": 5})))
    p = {}
    for route, values in times.items():
        values.sort()
        p[route] = (statistics.median(values), values[int(len(values) * 0.99) - 1])
        print(f"{route}: median {p[route][0]:.2f} ms, p99 {p[route][1]:.2f} ms ({len(values)})")
    print(f"passages/search: median {p['/api/passages'][0] / p['/api/search'][0]:.2f}x, "
          f"p99 {p['/api/passages'][1] / p['/api/search'][1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

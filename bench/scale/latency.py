#!/usr/bin/env python3
"""Sequential query latency of kb-searchd over HTTP with a realistic query mix.

Usage: latency.py BASE_URL [BASE_URL ...] [--rounds 3] [--label NAME[,NAME ...]]

Sends each query of QUERIES three ways (free text; with a provincie filter; with a theme filter
and a year range), facets on, size 10, one request at a time after a warm-up round, and prints
the median, p95 and p99 latency in ms, requests/s and the errors. The latency is the client's
wall time per request on loopback (Python's urllib adds ~0.2 ms).

With several servers (say, two builds over one index), each request goes to every server in
turn, the first server changing from request to request, so that the machine's drift (other
load, the page cache) falls on all of them alike; one line per server.

With --cold the warm-up round is timed too: started fresh, the servers then answer each query
before any cache of theirs has seen its words (the page cache aside).
"""
import argparse
import json
import time
import urllib.parse
import urllib.request

QUERIES = ("eenzaamheid ouderen", "jeugdhulp", "schuldhulpverlening", "mantelzorgers ondersteuning",
           "participatiewet bijstand", "huiselijk geweld", "passend onderwijs", "dakloosheid",
           "wijkteam", "armoede kinderen", "inburgering statushouders", "laaggeletterdheid",
           "beschermd wonen", "vroegsignalering schulden", "huishoudelijke hulp wmo",
           "sociale wijkteams evaluatie", "jongeren werkloosheid", "kinderopvangtoeslag",
           "privacy gegevens", "vrijwilligers buurt")
FILTERS = ({}, {"provincie": "Drenthe"}, {"theme": "jeugdhulp", "year_from": "2015", "year_to": "2022"})


def percentile(sorted_values, p):
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--label", default="kb-searchd",
                        help="a name per server, separated by commas")
    parser.add_argument("--cold", action="store_true",
                        help="time the first round too (no warm-up)")
    args = parser.parse_args()
    labels = args.label.split(",")
    if len(labels) != len(args.base_url):
        labels = [f"{args.label}:{url}" for url in args.base_url] if len(args.base_url) > 1 else labels
    queries = ["/api/search?" + urllib.parse.urlencode(dict(q=q, size=10, **f))
               for f in FILTERS for q in QUERIES]
    servers = len(args.base_url)
    errors, timings, hits = [0] * servers, [[] for _ in range(servers)], [0] * servers
    turn = 0
    for round_number in range(args.rounds + 1):
        for query in queries:
            turn += 1
            for k in range(servers):
                s = (turn + k) % servers
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(args.base_url[s] + query, timeout=30) as response:
                        body = json.load(response)
                except Exception:
                    errors[s] += 1
                    continue
                if round_number > 0 or args.cold:  # round 0 warms the caches
                    timings[s].append((time.perf_counter() - start) * 1000)
                    hits[s] += body.get("total", 0)
    for s in range(servers):
        times = sorted(timings[s])
        n = len(times)
        print(f"{labels[s]}\trequests={n}\terrors={errors[s]}\t"
              f"median_ms={percentile(times, 50):.2f}\tp95_ms={percentile(times, 95):.2f}\t"
              f"p99_ms={percentile(times, 99):.2f}\treq_per_s={n / (sum(times) / 1000):.0f}\t"
              f"mean_total_hits={hits[s] / max(n, 1):.0f}")


if __name__ == "__main__":
    main()

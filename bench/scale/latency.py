#!/usr/bin/env python3
"""Sequential query latency of kb-searchd over HTTP with a realistic query mix.

Usage: latency.py BASE_URL [--rounds 3] [--label NAME]

Sends each query of QUERIES three ways (free text; with a provincie filter; with a theme filter
and a year range), facets on, size 10, one request at a time after a warm-up round, and prints
the median, p95 and p99 latency in ms, requests/s and the errors. The latency is the client's
wall time per request on loopback (Python's urllib adds ~0.2 ms).
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
    parser.add_argument("base_url")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--label", default="kb-searchd")
    args = parser.parse_args()
    urls = [f"{args.base_url}/api/search?" + urllib.parse.urlencode(dict(q=q, size=10, **f))
            for f in FILTERS for q in QUERIES]
    errors, timings, hits = 0, [], 0
    for round_number in range(args.rounds + 1):
        for url in urls:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    body = json.load(response)
            except Exception:
                errors += 1
                continue
            if round_number > 0:  # round 0 warms the caches
                timings.append((time.perf_counter() - start) * 1000)
                hits += body.get("total", 0)
    timings.sort()
    n = len(timings)
    print(f"{args.label}\trequests={n}\terrors={errors}\tmedian_ms={percentile(timings, 50):.2f}\t"
          f"p95_ms={percentile(timings, 95):.2f}\tp99_ms={percentile(timings, 99):.2f}\t"
          f"req_per_s={n / (sum(timings) / 1000):.0f}\tmean_total_hits={hits / max(n, 1):.0f}")


if __name__ == "__main__":
    main()

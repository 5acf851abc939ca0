#!/usr/bin/env python3
"""Random-request sweep of a running kb-searchd's HTTP API: hostile parameters, ranges, methods.

Usage: api_sweep.py BASE_URL [--seconds 60] [--seed 1]

Sends requests one at a time for --seconds, each built at random from the documented routes and
parameters (openapi.json), with values meant to break them: empty, huge, negative and non-numeric
numbers, invalid UTF-8 and control bytes, query syntax, long strings, repeated parameters, Range
headers past the end or in hundreds of parts, unknown methods and bodies on GET routes. A request
counts as bad when it gets a 5xx, a connection error, or an API error (4xx) that is not JSON.
Prints the bad requests and one summary line; exits 1 when there was any.
"""
import argparse
import http.client
import json
import random
import sys
import time
import urllib.parse

VALUES = ["", " ", "0", "-1", "1", "2", "99999999999999999999", "1e9", "NaN", "1.5", "0x10", "+3",
          "\u0663", "\uff12", "true", "false", "jeugdhulp", "drenthe", "Drenthe", "GM0014",
          "gm0363", "nieuws", "rapport", "nl", "en", "fy", "relevance", "date", "added", "atom",
          "ris", "bibtex", "csv", "json", "html", '"huiselijk geweld"', "AND", "OR NOT", "(((",
          ")))", "*", "jeugd*", "titel:", "titel:jeugd", 'auteur:"', "-", '"', "'", "\\", "%",
          "\x00", "\x01", "a" * 300, "\u00e4" * 200, "\U0001d538" * 50, "e\u0301",
          "\ufdfa" * 40, "\u202e", "<script>", "&amp;", ";", ",", ",,,", "jeugdhulp,armoede",
          " ".join(["woord"] * 200), "2015", "2022", "1800", "3000", "2022-01-01", "/",
          "../../etc/passwd", "0" * 16, "zz" * 8, "ab:cd", "0123456789abcdef:0123456789abcdef"]
RANGES = ["bytes=0-10", "bytes=-5", "bytes=5-", "bytes=0-0,2-3,4-5,6-7,8-9,10-11", "bytes=abc",
          "bytes=999999999-", "bytes=-0", ",".join(f"{i}-{i}" for i in range(300)).join(
              ["bytes=", ""])]
RAW_QUERIES = ["%", "%zz", "q=%ff%fe", "&&&", "=", "q", "size=1&size=2&size=3"]
METHODS = ["GET"] * 8 + ["HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO"]
BODIES = [b"", b"{}", b"not json", b'{"a":' * 200, b"x" * 5000, b"\xff\xfe"]


def routes(base):
    """The GET routes of openapi.json with their parameters, documents filled in."""
    spec = fetch_json(base, "/api/openapi.json")
    shared = spec.get("components", {}).get("parameters", {})
    out = {}
    for path, item in spec["paths"].items():
        if "get" not in item or path.startswith("/api/editor"):
            continue
        names = []
        for p in item["get"].get("parameters", []):
            p = shared[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p
            if p.get("in") == "query":
                names.append(p["name"])
        out[path] = names
    return out


def fetch_json(base, path):
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    conn.request("GET", path)
    return json.loads(conn.getresponse().read())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = urllib.parse.urlsplit(args.base_url)
    api = routes(base)
    ids = [h["id"] for h in fetch_json(base, "/api/search?q=jeugd&size=20")["hits"]]
    ids += ["0" * 16, "x" * 300, "%2e%2e"]
    sent = bad = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        template = rng.choice(list(api))
        path = template.replace("{id}", rng.choice(ids))
        pairs = [(rng.choice(api[template] + ["x", "q[]"]),
                  rng.choice(VALUES) + (rng.choice(VALUES) if rng.random() < 0.2 else ""))
                 for _ in range(rng.randint(0, 6) if api[template] else 0)]
        query = urllib.parse.urlencode(pairs)
        if rng.random() < 0.05:
            query = rng.choice(RAW_QUERIES)
        url = path + ("?" + query if query else "")
        method = rng.choice(METHODS)
        headers = {}
        if rng.random() < 0.3:
            headers["Range"] = rng.choice(RANGES)
        if rng.random() < 0.05:
            headers["If-None-Match"] = rng.choice(["*", '"x"', 'W/"abc"', '"' * 100])
        body = rng.choice(BODIES) if method in ("POST", "PUT", "PATCH") else None
        sent += 1
        try:
            conn = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
            conn.request(method, url, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            conn.close()
        except (OSError, http.client.HTTPException) as e:
            bad += 1
            print(f"connection error: {method} {url[:200]} {headers}: {e}")
            time.sleep(0.5)
            continue
        kind = response.getheader("Content-Type", "")
        is_api = path.startswith("/api/")
        if response.status >= 500 or (is_api and response.status >= 400 and method != "HEAD"
                                       and "application/json" not in kind):
            bad += 1
            print(f"{response.status} {kind}: {method} {url[:200]} {headers} {content[:120]!r}")
    print(f"requests={sent}\tbad={bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

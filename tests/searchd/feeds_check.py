#!/usr/bin/python3
"""Feeds, sitemap and OpenSearch read by real parsers (issue 21).

The real kb-searchd over the index of ../shared/corpus/docs; the Atom feeds of saved searches are
read by feedparser (Debian's python3-feedparser), which flags any feed that is not well-formed
Atom ("bozo"); the sitemap and the OpenSearch description by Python's XML parser.

Usage: feeds_check.py KB_SEARCHD DB WEB
Exit status: 0 passed, 1 failed, 77 skipped (python3-feedparser missing; run .ci/install-deps).
"""
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

try:
    import feedparser
except ImportError:
    print("SKIP: python3-feedparser is not installed; run .ci/install-deps")
    sys.exit(77)

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, target):
    with urllib.request.urlopen(base + target, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()


def check_feed(base, query, catalog_total):
    status, ctype, body = get(base, "/api/search?" + query + "&format=atom")
    check(status == 200, f"{query}: HTTP {status}")
    check(ctype == "application/atom+xml; charset=utf-8", f"{query}: Content-Type {ctype}")
    feed = feedparser.parse(body)
    if not check(not feed.bozo, f"{query}: feedparser finds the feed malformed: {feed.get('bozo_exception')}"):
        return 0
    check(feed.version == "atom10", f"{query}: feedparser reads {feed.version}, not Atom 1.0")
    check(feed.feed.get("title", "").startswith("Wat weten we al?"), f"{query}: feed title {feed.feed.get('title')}")
    check(feed.feed.get("updated_parsed") is not None, f"{query}: feed without a parsable updated")
    links = {link.rel: link.href for link in feed.feed.get("links", [])}
    check("self" in links and "format=atom" in links["self"], f"{query}: no self link {links}")
    check("alternate" in links and "format" not in links["alternate"], f"{query}: alternate link {links}")
    _, _, json_body = get(base, "/api/search?" + query + "&size=0")
    total = json.loads(json_body)["total"]
    check(len(feed.entries) == min(total, 30), f"{query}: {len(feed.entries)} entries for {total} matches")
    ids = set()
    previous = None
    for entry in feed.entries:
        where = f"{query}: entry {entry.get('id')}"
        check(entry.get("title"), f"{where}: no title")
        check(entry.get("id", "").startswith(base + "/?doc="), f"{where}: id is not the document page")
        check(entry.get("link", "").startswith(base + "/?doc="), f"{where}: link {entry.get('link')}")
        check(entry.get("updated_parsed") is not None, f"{where}: no parsable updated")
        ids.add(entry.get("id"))
        # Newest added first (sort=added is a feed's default order).
        if previous is not None and entry.get("updated_parsed") is not None:
            check(entry.updated_parsed <= previous, f"{where}: not in order of date added")
        previous = entry.get("updated_parsed")
    check(len(ids) == len(feed.entries), f"{query}: repeated entry ids")
    return len(feed.entries)


def main():
    searchd, db, web = sys.argv[1:4]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    daemon = subprocess.Popen([searchd, "--db", db, "--listen", f"127.0.0.1:{port}", "--web", web, "--quiet"])
    try:
        for _ in range(200):
            try:
                status, _, health = get(base, "/api/health")
                if status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        total = json.loads(get(base, "/api/search?size=0")[2])["total"]
        entries = 0
        for query in ["q=schulden", "q=jeugdhulp&provincie=Utrecht", "theme=eenzaamheid",
                      "q=" + urllib.parse.quote("wmo 'maatwerk' & <eigen bijdrage>"), "q=xyzzyqwv"]:
            entries += check_feed(base, query, total)
        print(f"feeds: {entries} entries read by feedparser {feedparser.__version__}")

        # The sitemap: every public document's page, once.
        status, ctype, body = get(base, "/sitemap.xml")
        check(ctype == "application/xml; charset=utf-8", f"sitemap Content-Type {ctype}")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        urls = [u.findtext("s:loc", namespaces=ns) for u in ET.fromstring(body).findall("s:url", ns)]
        check(len(urls) == total, f"sitemap lists {len(urls)} pages for {total} documents")
        check(len(set(urls)) == len(urls), "sitemap repeats a page")
        check(all(u.startswith(base + "/?doc=") for u in urls), "sitemap holds another kind of URL")
        print(f"sitemap: {len(urls)} document pages")

        # OpenSearch: the templates a browser uses.
        status, ctype, body = get(base, "/opensearch.xml")
        check(ctype.startswith("application/opensearchdescription+xml"), f"OpenSearch Content-Type {ctype}")
        os_ns = {"o": "http://a9.com/-/spec/opensearch/1.1/"}
        root = ET.fromstring(body)
        check(root.findtext("o:ShortName", namespaces=os_ns) == "Wat weten we al?", "OpenSearch ShortName")
        templates = {u.get("type"): u.get("template") for u in root.findall("o:Url", os_ns)}
        for kind in ["text/html", "application/atom+xml", "application/json"]:
            check("{searchTerms}" in templates.get(kind, ""), f"OpenSearch has no {kind} template")
        # Following the Atom template gives a feed.
        feed_url = templates["application/atom+xml"].replace("{searchTerms}", "armoede").replace("&page={startPage?}", "")
        check(not feedparser.parse(urllib.request.urlopen(feed_url, timeout=30).read()).bozo,
              "the OpenSearch Atom template does not give a feed")
    finally:
        daemon.terminate()
        daemon.wait(10)
    for failure in FAILURES[:40]:
        print("FAIL:", failure)
    print(f"{len(FAILURES)} failures" if FAILURES else "all feed checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

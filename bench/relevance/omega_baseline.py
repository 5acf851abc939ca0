#!/usr/bin/env python3
"""Baseline: Xapian Omega on the same article files, as its users deploy it.

Usage: omega_baseline.py ARTICLES_DIR QUERIES_TSV RUN_OUT [--defaultop or|and] [--work DIR]

Indexes ARTICLES_DIR with `omindex --stemmer=dutch` (Markdown as text/plain: omindex has no
Markdown handler), then runs the `omega` CGI once per question with QUERY_STRING set, as a web
server would, through a one-line template that prints the URL of each of the top 100 hits. The
Dutch stemmer is set for the query side in the template. Omega's default operator is AND; for
natural-language questions OR is the setting a deployer would choose, so OR is the default here
and --defaultop and shows the out-of-the-box behaviour.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import urllib.parse

OMEGA = "/usr/lib/cgi-bin/omega/omega"
TEMPLATE = "$set{stemmer,dutch}$hitlist{$field{url}\n}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles")
    parser.add_argument("queries")
    parser.add_argument("run")
    parser.add_argument("--defaultop", default="or", choices=("or", "and"))
    parser.add_argument("--work", help="keep the index and config here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or tmp
        dbs, templates = os.path.join(work, "data"), os.path.join(work, "templates")
        os.makedirs(dbs, exist_ok=True)
        os.makedirs(templates, exist_ok=True)
        if not os.path.exists(os.path.join(dbs, "articles")):
            subprocess.run(["omindex", "--db", os.path.join(dbs, "articles"), "--url", "/",
                            "--stemmer=dutch", "--mime-type=md:text/plain", args.articles],
                           check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(templates, "urls"), "w", encoding="utf-8") as f:
            f.write(TEMPLATE)
        config = os.path.join(work, "omega.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f"database_dir {dbs}\ntemplate_dir {templates}\nlog_dir {work}\n")
        env = dict(os.environ, OMEGA_CONFIG_FILE=config, GATEWAY_INTERFACE="CGI/1.1",
                   REQUEST_METHOD="GET", SERVER_NAME="localhost")
        tag = "omega-" + args.defaultop
        with open(args.queries, encoding="utf-8") as f, open(args.run, "w", encoding="utf-8") as out:
            for line in f:
                qid, _, question = line.rstrip("\n").partition("\t")
                if not qid:
                    continue
                env["QUERY_STRING"] = urllib.parse.urlencode({
                    "DB": "articles", "P": question, "FMT": "urls", "HITSPERPAGE": "100",
                    "DEFAULTOP": args.defaultop})
                result = subprocess.run([OMEGA], env=env, capture_output=True, text=True)
                body = result.stdout.split("\r\n\r\n", 1)[-1].split("\n\n", 1)[-1]
                urls = [u.strip() for u in body.splitlines()
                        if u.strip().endswith((".md", ".txt"))]
                if result.returncode != 0 or (not urls and "Error" in result.stdout):
                    sys.stderr.write(f"omega failed on query {qid}: {result.stdout[:300]}\n")
                for rank, url in enumerate(urls[:100], 1):
                    doc = os.path.splitext(os.path.basename(url))[0]
                    out.write(f"{qid} Q0 {doc} {rank} {101 - rank} {tag}\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Baseline: plain Xapian BM25 over the same article files, no project code involved.

Usage: bm25_baseline.py ARTICLES_DIR QUERIES_TSV RUN_OUT [--stemmer dutch|none] [--db DIR]

Indexes each ARTICLES_DIR/DOCnnnn.md (front matter title + body) with Xapian's TermGenerator
(title and body as one text, the given Snowball stemmer, STEM_SOME, no stopwords), then runs every
question through QueryParser (default flags, OR between terms) with BM25Weight's defaults and writes
the top 100 as a TREC run. Needs python3-xapian (Debian), hence /usr/bin/python3.
"""
import argparse
import os
import re
import tempfile

import xapian


def read_article(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    title = ""
    match = re.match(r'---\ntitle: "(.*)"\n---\n', text)
    if match:
        title = match.group(1).replace('\\"', '"').replace("\\\\", "\\")
        text = text[match.end():]
    return title, text


def build_index(articles_dir, db_path, stemmer):
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    if stemmer:
        tg.set_stemmer(xapian.Stem(stemmer))
    for name in sorted(os.listdir(articles_dir)):
        stem, extension = os.path.splitext(name)
        if extension not in (".md", ".txt"):
            continue
        title, body = read_article(os.path.join(articles_dir, name))  # .txt: no front matter
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        doc.set_data(stem)
        doc.add_boolean_term("Q" + stem)
        db.add_document(doc)
    db.commit()
    return db


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles")
    parser.add_argument("queries")
    parser.add_argument("run")
    parser.add_argument("--stemmer", default="dutch", help="Snowball language, or 'none'")
    parser.add_argument("--db", help="index directory (default: a temporary one)")
    args = parser.parse_args()
    stemmer = None if args.stemmer == "none" else args.stemmer
    with tempfile.TemporaryDirectory() as tmp:
        db = build_index(args.articles, args.db or os.path.join(tmp, "db"), stemmer)
        qp = xapian.QueryParser()
        qp.set_database(db)
        if stemmer:
            qp.set_stemmer(xapian.Stem(stemmer))
            qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        enquire = xapian.Enquire(db)
        enquire.set_weighting_scheme(xapian.BM25Weight())
        tag = "bm25-" + args.stemmer
        with open(args.queries, encoding="utf-8") as f, open(args.run, "w", encoding="utf-8") as out:
            for line in f:
                qid, _, question = line.rstrip("\n").partition("\t")
                if not qid:
                    continue
                enquire.set_query(qp.parse_query(question))
                for rank, m in enumerate(enquire.get_mset(0, 100), 1):
                    out.write(f"{qid} Q0 {m.document.get_data().decode()} {rank} {m.weight:.4f} {tag}\n")


if __name__ == "__main__":
    main()

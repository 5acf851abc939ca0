#!/usr/bin/env python3
"""Turns the legal-dutch-aqa knowledge corpus (one CSV row per law article) into one Markdown file
per article, named after its DOC_ID, so that every search engine indexes exactly the same text.

Usage: make_articles.py CORPUS_CSV OUT_DIR [--text]

Each file carries the article's title in YAML front matter (law name, article number and the
titles of the chapter, section and paragraph it sits in) and the article text as its body. The
structural codes ("Boek1", "Titeldeel4", "Afdeling10") are left out: they are navigation, not
words anyone searches for; their titles are kept. With --text the files are plain text instead
(DOC_ID.txt: the title on the first line, a blank line, the text), as an independent harness
writes them: the ranking must not depend on the Markdown layout.
"""
import csv
import os
import sys

# Columns holding human-readable titles, from the widest part of the law to the narrowest.
TITLE_COLUMNS = ("hoofdstuk_titel", "titel_titel", "afdeling_titel", "paragraaf_titel",
                 "subparagraaf_titel", "article_name")


def article_title(row):
    """'Jeugdwet, Artikel 2.3 — Verantwoordelijkheid gemeente; Jeugdhulpplicht' style title."""
    head = f"{row['law_name'].strip()}, {row['artikel'].strip()}"
    parts = []
    for column in TITLE_COLUMNS:
        value = " ".join(row.get(column, "").split())
        if value and value not in parts:
            parts.append(value)
    return head + (" — " + "; ".join(parts) if parts else "")


def yaml_quote(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv):
    text = "--text" in argv
    argv = [a for a in argv if a != "--text"]
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    csv_path, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            doc_id = row["DOC_ID"].strip()
            body = row["text"].strip()
            name = doc_id + (".txt" if text else ".md")
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as out:
                if text:
                    out.write(f"{article_title(row)}\n\n{body}\n")
                else:
                    out.write(f"---\ntitle: {yaml_quote(article_title(row))}\n---\n\n{body}\n")
            count += 1
    print(f"wrote {count} articles to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

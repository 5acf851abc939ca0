#!/usr/bin/env python3
"""Check tests/passages/questions.tsv against the corpus.

Usage: check_questions.py [questions.tsv] [docs-root]
  defaults: the questions.tsv next to this script, /work/shared/corpus/docs
  (or $CORPUS_DOCS).

Checks, per row:
  - exactly 5 tab-separated fields, ids q01, q02, ... in order;
  - the file exists below the docs root;
  - pages are 1-based integers within the PDF's page count (pdfinfo);
    Markdown and text files have exactly page 1;
  - the answer is at most 300 characters;
  - the first 40 characters of the whitespace-collapsed answer occur in the
    whitespace-collapsed `pdftotext -f P -l P` text of the first listed page
    (for Markdown/text: in the file itself).
Warnings (not failures):
  - the full answer does not occur on the first listed page;
  - the answer's first 40 characters also occur on a PDF page that is not listed.
Exit status 0 when every row passes, 1 otherwise.
"""
import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'questions.tsv')
DOCS = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('CORPUS_DOCS', '/work/shared/corpus/docs')
HEADER = ['id', 'question', 'file', 'pages', 'answer']


def collapse(s):
    return re.sub(r'\s+', ' ', s).strip()


_page_count = {}
_page_text = {}


def page_count(path):
    if path not in _page_count:
        out = subprocess.run(['pdfinfo', path], capture_output=True, text=True).stdout
        m = re.search(r'^Pages:\s+(\d+)', out, re.M)
        _page_count[path] = int(m.group(1)) if m else 0
    return _page_count[path]


def page_text(path, page):
    key = (path, page)
    if key not in _page_text:
        out = subprocess.run(['pdftotext', '-f', str(page), '-l', str(page), path, '-'],
                             capture_output=True).stdout
        _page_text[key] = collapse(out.decode('utf-8', 'replace'))
    return _page_text[key]


def file_text(path):
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        return collapse(raw.decode('utf-8'))
    except UnicodeDecodeError:
        return collapse(raw.decode('latin-1'))


def main():
    failures, warnings = [], []
    per_file = collections.Counter()
    with open(TSV, encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[0].split('\t') != HEADER:
        failures.append('header: expected %r' % '\t'.join(HEADER))
    rows = lines[1:]
    for n, line in enumerate(rows, 1):
        fields = line.split('\t')
        tag = 'row %d' % n
        if len(fields) != 5:
            failures.append('%s: %d fields, expected 5' % (tag, len(fields)))
            continue
        qid, question, rel, pages_s, answer = fields
        tag = qid
        if qid != 'q%02d' % n:
            failures.append('%s: id out of order, expected q%02d' % (tag, n))
        if not question.strip() or not answer.strip():
            failures.append('%s: empty question or answer' % tag)
        if len(answer) > 300:
            failures.append('%s: answer is %d characters (max 300)' % (tag, len(answer)))
        path = os.path.join(DOCS, rel)
        if not os.path.isfile(path):
            failures.append('%s: file not found: %s' % (tag, rel))
            continue
        per_file[rel] += 1
        try:
            pages = [int(p) for p in pages_s.split(',')]
        except ValueError:
            failures.append('%s: bad pages %r' % (tag, pages_s))
            continue
        head = collapse(answer)[:40]
        full = collapse(answer)
        if rel.lower().endswith('.pdf'):
            count = page_count(path)
            bad = [p for p in pages if p < 1 or p > count]
            if bad:
                failures.append('%s: pages %s outside 1..%d' % (tag, bad, count))
                continue
            text = page_text(path, pages[0])
            if head not in text:
                failures.append('%s: answer start %r not on page %d of %s' % (tag, head, pages[0], rel))
            elif full not in text:
                warnings.append('%s: full answer not verbatim on page %d' % (tag, pages[0]))
            others = [p for p in range(1, count + 1)
                      if p not in pages and head in page_text(path, p)]
            if others:
                warnings.append('%s: answer start also on unlisted page(s) %s' % (tag, others))
        else:
            if pages != [1]:
                failures.append('%s: non-PDF file must have pages "1", got %r' % (tag, pages_s))
            text = file_text(path)
            if head not in text:
                failures.append('%s: answer start %r not in %s' % (tag, head, rel))
            elif full not in text:
                warnings.append('%s: full answer not verbatim in file' % tag)

    pdf_q = sum(c for r, c in per_file.items() if r.lower().endswith('.pdf'))
    pdf_docs = [r for r in per_file if r.lower().endswith('.pdf')]
    other_docs = [r for r in per_file if not r.lower().endswith('.pdf')]
    print('%d questions; %d on %d PDFs, %d on %d Markdown/text files'
          % (len(rows), pdf_q, len(pdf_docs), len(rows) - pdf_q, len(other_docs)))
    for r, c in sorted(per_file.items()):
        if r.lower().endswith('.pdf') and c > 4:
            failures.append('%s: %d questions on one PDF (max 4)' % (r, c))
    for w in warnings:
        print('WARN ' + w)
    for e in failures:
        print('FAIL ' + e)
    print('OK' if not failures else '%d failure(s)' % len(failures))
    return 0 if not failures else 1


if __name__ == '__main__':
    sys.exit(main())

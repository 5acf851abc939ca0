#!/usr/bin/python3
"""Prints "id<TAB>DOC_ID" for every document of a kb-indexer index, from the stored document
data (JSON with "id" and "path", see core/include/kb/core/stored_document.h): the search API's
hits carry the id, the article's DOC_ID is its file name. Needs python3-xapian (Debian).

Usage: index_id_map.py INDEX_DIR > ids.tsv
"""
import json
import os
import sys

import xapian


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    db = xapian.Database(sys.argv[1])
    for posting in db.postlist(""):
        data = json.loads(db.get_document(posting.docid).get_data())
        name = os.path.splitext(os.path.basename(data["path"]))[0]
        print(f"{data['id']}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The systems the social-domain set compares, each indexing ../shared/corpus/docs its own way and
answering a query with a ranked list of document paths (relative to the corpus folder).

- kb-searchd: kb-indexer, then kb-searchd's /api/search over HTTP, the query as typed.
- omega: `omindex --stemmer=dutch` (Markdown as text/plain: omindex has no Markdown handler) and
  `quest -s dutch` with its defaults (OR, BM25), as the issue's baseline.
- recoll: recollindex with Dutch stemming, `recollq` as a user's query-language search (its
  default: all words, with stem expansion); `recoll-any` is the ANY-term mode (pooling only).
- grep: documents ranked by how many query words (folded, or a 5-letter prefix) they hold, then
  by how often (pooling only; not a system anyone deploys).
"""
import json
import os
import re
import signal
import socket
import subprocess
import time
import unicodedata
import urllib.parse
import urllib.request


def fold(text):
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


class KbSearchd:
    name = "kb-searchd"

    def __init__(self, build, corpus, work):
        self.corpus = os.path.realpath(corpus)
        db = os.path.join(work, "kb")
        log = os.path.join(work, "kb-indexer.log")
        with open(log, "w") as out:
            subprocess.run([os.path.join(build, "indexer/kb-indexer"), "--db", db, "--data",
                            "corpus", "--progress", "log", self.corpus], check=True, stdout=out,
                           stderr=subprocess.STDOUT)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        self.base = f"http://127.0.0.1:{port}"
        import xapian  # python3-xapian (Debian): run with /usr/bin/python3
        index = xapian.Database(db)
        self.paths = {}
        for posting in index.postlist(""):
            data = json.loads(index.get_document(posting.docid).get_data())
            self.paths[data["id"]] = os.path.relpath(data["path"], self.corpus)
        self.log = open(os.path.join(work, "kb-searchd.log"), "w")
        self.process = subprocess.Popen([os.path.join(build, "searchd/kb-searchd"), "--db", db,
                                         "--listen", f"127.0.0.1:{port}"], stderr=self.log)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/api/health", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("kb-searchd exited; see " + self.log.name)
                time.sleep(0.1)
        raise RuntimeError("kb-searchd did not answer")

    def search(self, query, size=20):
        params = urllib.parse.urlencode({"q": query, "size": size, "facets": 0})
        with urllib.request.urlopen(f"{self.base}/api/search?{params}", timeout=30) as response:
            result = json.load(response)
        self.last = result
        return [self.paths[hit["id"]] for hit in result.get("hits", []) if hit["id"] in self.paths]

    def close(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait()
        self.log.close()


class Omega:
    name = "omega"

    def __init__(self, corpus, work):
        self.corpus = os.path.realpath(corpus)
        self.db = os.path.join(work, "omega")
        if os.path.exists(self.db):
            return
        subprocess.run(["omindex", "--db", self.db, "--url", "/", "--stemmer=dutch",
                        "--mime-type=md:text/plain", self.corpus], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def search(self, query, size=20):
        out = subprocess.run(["quest", "-d", self.db, "-s", "dutch", "-m", str(size), query],
                             capture_output=True, text=True).stdout
        return [urllib.parse.unquote(m).lstrip("/") for m in re.findall(r"^url=(.*)$", out, re.M)]


class Recoll:
    name = "recoll"

    def __init__(self, corpus, work, mode=None):
        self.corpus = os.path.realpath(corpus)
        self.config = os.path.join(work, "recoll")
        self.mode = mode
        if mode:
            self.name = "recoll-any"
        if not os.path.exists(os.path.join(self.config, "xapiandb")):
            os.makedirs(self.config, exist_ok=True)
            with open(os.path.join(self.config, "recoll.conf"), "w") as f:
                f.write(f"topdirs = {self.corpus}\nindexstemminglanguages = dutch\n"
                        "loglevel = 1\n")
            subprocess.run(["recollindex", "-c", self.config], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def search(self, query, size=20):
        args = ["recollq", "-c", self.config, "-b", "-n", str(size), "-s", "dutch"]
        if self.mode:
            args.append(self.mode)
        out = subprocess.run(args + [query], capture_output=True, text=True).stdout
        paths = []
        for line in out.splitlines():
            if line.startswith("file://") and os.path.isfile(line[len("file://"):]):
                path = os.path.relpath(line[len("file://"):], self.corpus)
                if path not in paths:
                    paths.append(path)
        return paths


class Grep:
    name = "grep"

    def __init__(self, corpus):
        """Reads every document of `corpus` as text (PDFs through pdftotext)."""
        self.texts = {}
        for root, _, files in os.walk(corpus):
            for name in files:
                path = os.path.join(root, name)
                if name.lower().endswith(".pdf"):
                    text = subprocess.run(["pdftotext", path, "-"], capture_output=True,
                                          text=True, errors="replace").stdout
                else:
                    with open(path, encoding="utf-8", errors="replace") as f:
                        text = f.read()
                self.texts[os.path.relpath(path, corpus)] = fold(text)

    def search(self, query, size=10):
        words = [w for w in re.findall(r"\w+", fold(query)) if len(w) > 2]
        keys = [w[:5] if len(w) > 5 else w for w in words]
        scored = []
        for doc, text in self.texts.items():
            held = [text.count(k) for k in keys]
            present = sum(1 for h in held if h)
            if present:
                scored.append((-present, -sum(min(h, 50) for h in held), doc))
        scored.sort()
        return [doc for _, _, doc in scored[:size]]

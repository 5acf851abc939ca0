#!/usr/bin/env python3
"""Builds a large, realistic Dutch social-domain corpus for the scale benchmark.

Usage: generate.py --docs N --out DIR [--source ../shared/corpus/docs] [--seed 1]
                   [--gemeenten ../shared/corpus/gemeenten.csv] [--themes corpus/themes.toml]

The text is real: every sentence comes from the documents in --source (PDFs through pdftotext,
Markdown and text files as they are), split into sentences and resampled. Each generated document
gets a theme from the project's taxonomy and draws most of its sentences from those that mention
the theme's terms, so the vocabulary per document hangs together the way it does in real reports;
it names one to three gemeenten (and sometimes their provincie), has a date between 2010 and 2025,
an author or organisation, and a kind (rapport, artikel, interview, notitie) that decides its
length and shape: reports run to hundreds of sentences with chapter headings, news articles to a
few dozen, interviews alternate questions and answers.

Output: DIR/NNNN/ folders of 1000 files each, 80% Markdown with YAML front matter (title, date,
author) and 20% plain text (title on the first line). Deterministic for a given --seed and source.
The sentence pool is cached in DIR/.sentences.txt so larger sizes reuse it.
"""
import argparse
import csv
import datetime
import math
import os
import random
import re
import subprocess
import sys
import tomllib

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
MARKUP = re.compile(r"(^---\n.*?\n---\n)|(<[^>]+>)|(\[([^\]]*)\]\([^)]*\))|[#*_`|>]+", re.S)

KINDS = (  # (kind, weight, median sentences, spread)
    ("rapport", 0.30, 100, 0.8),
    ("artikel", 0.40, 22, 0.5),
    ("interview", 0.15, 45, 0.5),
    ("notitie", 0.15, 12, 0.6),
)
TITLE_TEMPLATES = {
    "rapport": ("Evaluatie {theme_l} in {gemeente} {year}", "Onderzoek naar {theme_l} in {gemeente}",
                "Monitor {theme} {provincie} {year}", "{theme}: rapportage {gemeente} {year}",
                "Rapport {theme_l} en de rol van de gemeente {gemeente}",
                "Analyse {theme_l} in de regio {provincie} {year}"),
    "artikel": ("{gemeente} investeert in {theme_l}", "Nieuwe aanpak {theme_l} in {gemeente}",
                "Wat werkt bij {theme_l}? Ervaringen uit {gemeente}",
                "Raad {gemeente} debatteert over {theme_l}", "{theme} in {gemeente}: de stand van zaken"),
    "interview": ("Interview: {person} over {theme_l} in {gemeente}",
                  "In gesprek met {person} ({gemeente}) over {theme_l}",
                  "Gesprek met een wijkteam in {gemeente} over {theme_l}"),
    "notitie": ("Raadsinformatiebrief {theme_l} {gemeente} {year}", "Notitie {theme_l} {gemeente}",
                "Beleidsnotitie {theme} {year}-{year2}", "Memo aan de raad van {gemeente}: {theme_l}"),
}
FIRST_NAMES = ("Anna", "Fatima", "Jan", "Mohamed", "Sanne", "Pieter", "Lotte", "Kees", "Noor",
               "Daan", "Ilse", "Youssef", "Marieke", "Bram", "Esra", "Henk", "Sophie", "Ruben")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
              "Yilmaz", "El Amrani", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Kok")
ORGANISATIONS = ("Movisie", "Verwey-Jonker Instituut", "Nederlands Jeugdinstituut", "VNG",
                 "Sociaal en Cultureel Planbureau", "Platform31", "Kennisplein Gehandicaptensector",
                 "GGD", "Hogeschool van Amsterdam", "Rekenkamer", "Divosa", "Trimbos-instituut")


def source_texts(source):
    """Yields the plain text of every PDF, Markdown and text file under `source`."""
    for root, _, files in sorted(os.walk(source)):
        for name in sorted(files):
            path = os.path.join(root, name)
            lower = name.lower()
            if lower.endswith(".pdf"):
                result = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", path, "-"],
                                        capture_output=True)
                yield result.stdout.decode("utf-8", "replace")
            elif lower.endswith((".md", ".txt")):
                with open(path, "rb") as f:
                    raw = f.read()
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    text = raw.decode("cp1252", "replace")
                yield MARKUP.sub(lambda m: m.group(4) or " ", text)


def plausible_sentence(sentence):
    words = sentence.split()
    if not 6 <= len(words) <= 60:
        return False
    letters = sum(c.isalpha() for c in sentence)
    if letters < 0.75 * len(sentence.replace(" ", "")):
        return False  # tables, numbers, references
    return sentence[0].isupper() and sentence[-1] in ".!?"


def sentence_pool(source, cache):
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f if line.strip()]
    seen, pool = set(), []
    for text in source_texts(source):
        # Join hyphenated line breaks and single newlines (PDF layout), keep paragraph breaks.
        text = re.sub(r"-\n(?=[a-z])", "", text)
        for paragraph in re.split(r"\n\s*\n", text):
            flat = " ".join(paragraph.split())
            for sentence in SENTENCE_END.split(flat):
                sentence = sentence.strip()
                if plausible_sentence(sentence) and sentence not in seen:
                    seen.add(sentence)
                    pool.append(sentence)
    with open(cache, "w", encoding="utf-8") as f:
        f.write("\n".join(pool) + "\n")
    return pool


def load_themes(path):
    with open(path, "rb") as f:
        themes = tomllib.load(f)["theme"]
    result = []
    for t in themes:
        terms = [term.rstrip("*").lower() for term in t.get("core", []) + t.get("related", [])]
        result.append({"name": t["name"], "terms": [x for x in terms if len(x) >= 4]})
    return result


def load_gemeenten(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [(row["name"], row["province"]) for row in csv.DictReader(f)]


def sentences_by_theme(pool, themes):
    """For each theme, the indices of the sentences that mention one of its terms."""
    lowered = [s.lower() for s in pool]
    by_theme = []
    for theme in themes:
        pattern = re.compile("|".join(re.escape(t) for t in theme["terms"]))
        by_theme.append([i for i, s in enumerate(lowered) if pattern.search(s)])
    return by_theme


class Generator:
    def __init__(self, pool, themes, gemeenten, seed):
        self.pool, self.themes, self.gemeenten = pool, themes, gemeenten
        self.by_theme = sentences_by_theme(pool, themes)
        self.seed = seed
        self.start = datetime.date(2010, 1, 1).toordinal()
        self.days = datetime.date(2025, 12, 31).toordinal() - self.start

    def sentence(self, rng, theme_ids, places):
        if theme_ids and rng.random() < 0.6:
            s = self.pool[rng.choice(theme_ids)]
        else:
            s = self.pool[rng.randrange(len(self.pool))]
        if rng.random() < 0.06:  # anchor the text in its gemeenten, as real reports do
            s = f"In {rng.choice(places)} " + s[0].lower() + s[1:]
        return s

    def document(self, number):
        rng = random.Random(self.seed * 1_000_003 + number)
        kind = rng.choices(KINDS, weights=[k[1] for k in KINDS])[0]
        kind_name, _, median, spread = kind
        theme_index = rng.randrange(len(self.themes))
        theme = self.themes[theme_index]["name"]
        theme_ids = self.by_theme[theme_index]
        gemeente, provincie = rng.choice(self.gemeenten)
        places = [gemeente] + [g for g, _ in rng.sample(self.gemeenten, rng.randint(0, 2))]
        date = datetime.date.fromordinal(self.start + rng.randrange(self.days))
        person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        title = rng.choice(TITLE_TEMPLATES[kind_name]).format(
            theme=theme, theme_l=theme[0].lower() + theme[1:], gemeente=gemeente,
            provincie=provincie, year=date.year, year2=date.year + 4, person=person)
        count = max(3, min(2000, int(rng.lognormvariate(math.log(median), spread))))
        body = []
        if kind_name == "rapport":
            chapter = 0
            for i in range(count):
                if i % rng.randint(25, 60) == 0:
                    chapter += 1
                    words = self.pool[rng.choice(theme_ids or [0])].split()[:rng.randint(2, 6)]
                    body.append(f"\n## {chapter}. {' '.join(words).rstrip('.,;:')}\n")
                body.append(self.sentence(rng, theme_ids, places))
        elif kind_name == "interview":
            for i in range(count):
                speaker = "Interviewer" if i % 4 == 0 else person.split()[0]
                body.append(f"\n**{speaker}:** " + self.sentence(rng, theme_ids, places))
        else:
            for _ in range(count):
                body.append(self.sentence(rng, theme_ids, places))
        paragraphs, current = [], []
        for s in body:
            if s.startswith("\n"):
                if current:
                    paragraphs.append(" ".join(current))
                paragraphs.append(s.strip())
                current = []
                continue
            current.append(s)
            if len(current) >= rng.randint(3, 7):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        author = person if rng.random() < 0.5 else rng.choice(ORGANISATIONS)
        return title, date.isoformat(), author, "\n\n".join(paragraphs) + "\n"

    def write(self, number, out_dir):
        title, date, author, body = self.document(number)
        folder = os.path.join(out_dir, f"{number // 1000:04d}")
        os.makedirs(folder, exist_ok=True)
        if number % 5 == 4:
            with open(os.path.join(folder, f"doc-{number:07d}.txt"), "w", encoding="utf-8") as f:
                f.write(f"{title}\n\n{body}")
            return len(body)
        quoted = title.replace('"', "'")
        with open(os.path.join(folder, f"doc-{number:07d}.md"), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "{quoted}"\ndate: {date}\nauthor: "{author}"\n---\n\n# {title}\n\n{body}')
        return len(body)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--source", default=os.path.join(root, "..", "shared", "corpus", "docs"))
    parser.add_argument("--gemeenten", default=os.path.join(root, "..", "shared", "corpus", "gemeenten.csv"))
    parser.add_argument("--themes", default=os.path.join(root, "corpus", "themes.toml"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pool = sentence_pool(args.source, os.path.join(args.out, ".sentences.txt"))
    if len(pool) < 1000:
        sys.exit(f"only {len(pool)} usable sentences in {args.source}: is pdftotext installed?")
    generator = Generator(pool, load_themes(args.themes), load_gemeenten(args.gemeenten), args.seed)
    total = 0
    for number in range(args.docs):
        total += generator.write(number, args.out)
    print(f"wrote {args.docs} documents ({total / 1e6:.1f} MB of text) from {len(pool)} "
          f"distinct sentences to {args.out}")


if __name__ == "__main__":
    main()

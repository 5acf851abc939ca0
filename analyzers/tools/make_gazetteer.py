#!/usr/bin/env python3
"""Builds corpus/gazetteer.tsv from the CBS list of current gemeenten.

Usage: make_gazetteer.py GEMEENTEN_CSV OPENTAAL_DIR > corpus/gazetteer.tsv

The CSV (code,name,province) gives every current gemeente. This script adds, from the tables
below, the provincies, the aliases people write, and the gemeenten merged away since 2015 (and a
few older ones that still turn up in documents); and for every one-word gemeente its regular
adjective ("Waalwijkse", see regular_adjective), the seat of government's flag "seat". A name is flagged `word` when it is also an
ordinary Dutch word (it appears in lower case in the OpenTaal word lists, or in the list below):
the region tagger then only counts it with context. Editors may edit the TSV by hand; rerun this
script only when the CBS list changes, and carry hand edits over into the tables here.
"""
import csv
import sys
import unicodedata
from pathlib import Path

# Aliases include the adjectives texts name a place by ("Brabantse gemeenten", "Haagse
# horeca"). The adjectives of the shared names Groningen and Utrecht are listed for both the
# provincie and the gemeente, so that they are shared names too (the region tagger decides per
# mention, as for "Groningen": "het Groningse straatleven" is the city, "de provinciale
# Groningse" the provincie).
PROVINCIES = [
    ("PV20", "Groningen", ["Groningse"]),
    ("PV21", "Fryslân", ["Friesland", "Fryslan", "Friese", "Fryske"]),
    ("PV22", "Drenthe", ["Drentse"]),
    ("PV23", "Overijssel", ["Overijsselse"]),
    ("PV24", "Flevoland", ["Flevolandse"]),
    ("PV25", "Gelderland", ["Gelderse"]),
    ("PV26", "Utrecht", ["Utrechtse"]),
    ("PV27", "Noord-Holland", ["Noord-Hollandse"]),
    ("PV28", "Zuid-Holland", ["Zuid-Hollandse"]),
    ("PV29", "Zeeland", ["Zeeuwse"]),
    ("PV30", "Noord-Brabant", ["Brabant", "Brabantse", "Noord-Brabantse"]),
    ("PV31", "Limburg", ["Limburgse"]),
]

# Other names for current gemeenten: official name -> aliases. Variants without diacritics are
# added automatically.
ALIASES = {
    "Groningen": ["Groningse"],
    "Utrecht": ["Utrechtse"],
    "Ede": ["Edese"],
    "'s-Gravenhage": ["Den Haag", "s-Gravenhage", "Gravenhage", "Haagse"],
    "'s-Hertogenbosch": ["Den Bosch", "s-Hertogenbosch", "Hertogenbosch", "Bossche"],
    "Amsterdam": ["Amsterdamse"],
    "Rotterdam": ["Rotterdamse"],
    "Eindhoven": ["Eindhovense"],
    "Tilburg": ["Tilburgse"],
    "Breda": ["Bredase"],
    "Nijmegen": ["Nijmeegse"],
    "Arnhem": ["Arnhemse"],
    "Zwolle": ["Zwolse"],
    "Maastricht": ["Maastrichtse"],
    "Enschede": ["Enschedese"],
    "Almere": ["Almeerse"],
    "Haarlem": ["Haarlemse"],
    "Leiden": ["Leidse"],
    "Delft": ["Delftse"],
    "Amersfoort": ["Amersfoortse"],
    "Apeldoorn": ["Apeldoornse"],
    "Dordrecht": ["Dordtse", "Dordrechtse"],
    "Heerenveen": ["Heerenveense"],
    "Leeuwarden": ["Leeuwarder"],
    "Súdwest-Fryslân": ["Zuidwest-Friesland", "Sudwest Fryslan"],
    "Noardeast-Fryslân": ["Noordoost-Friesland", "Noardeast Fryslan"],
    "De Fryske Marren": ["De Friese Meren", "Friese Meren"],
    "Tytsjerksteradiel": ["Tietjerksteradeel"],
    "Dantumadiel": ["Dantumadeel"],
    "Hengelo (O.)": ["Hengelo", "Hengelo O", "Hengelo Ov"],
    "Bergen (NH.)": ["Bergen NH", "Bergen Noord-Holland"],
    "Bergen (L.)": ["Bergen L", "Bergen Limburg", "Bergen Lb"],
    "Laren (NH.)": ["Laren", "Laren NH"],
    "Rijswijk (ZH.)": ["Rijswijk", "Rijswijk ZH"],
    "Middelburg (Z.)": ["Middelburg"],
    "Beek (L.)": ["Beek", "Beek L"],
    "Stein (L.)": ["Stein", "Stein L"],
    "Nuenen, Gerwen en Nederwetten": ["Nuenen", "Nuenen c.a.", "Nuenen ca"],
    "Capelle aan den IJssel": ["Capelle a/d IJssel", "Capelle"],
    "Krimpen aan den IJssel": ["Krimpen a/d IJssel"],
    "Alphen aan den Rijn": ["Alphen a/d Rijn"],
    "Hendrik-Ido-Ambacht": ["H.I. Ambacht"],
    "Sittard-Geleen": ["Sittard", "Geleen"],
    "Edam-Volendam": ["Volendam"],
    "Bodegraven-Reeuwijk": ["Bodegraven"],
    "Gemert-Bakel": ["Gemert"],
    "Rijssen-Holten": ["Rijssen"],
    "Olst-Wijhe": ["Olst"],
    "Echt-Susteren": ["Echt"],
    "Pijnacker-Nootdorp": ["Pijnacker"],
    "Leidschendam-Voorburg": ["Leidschendam", "Voorburg"],
    "Gilze en Rijen": ["Gilze-Rijen"],
    "Valkenburg aan de Geul": ["Valkenburg"],
    "Bergen op Zoom": ["Bergen op Zoom"],
    "Wijk bij Duurstede": ["Wijk bij Duurstede"],
    "Hardinxveld-Giessendam": ["Hardinxveld"],
    "Horst aan de Maas": ["Horst"],
    "Peel en Maas": ["Peel en Maas"],
    "Goeree-Overflakkee": ["Goeree Overflakkee"],
    "Schouwen-Duiveland": ["Schouwen Duiveland"],
}

# Gemeenten merged into another (successor official name, year). Only whole mergers: a gemeente
# split over several successors (Littenseradiel, Haaren, Maasdonk) is left out on purpose.
FORMER = [
    ("Aengwirden", "Heerenveen", 1934),
    ("Bernisse", "Nissewaard", 2015),
    ("Spijkenisse", "Nissewaard", 2015),
    ("Bergambacht", "Krimpenerwaard", 2015),
    ("Nederlek", "Krimpenerwaard", 2015),
    ("Schoonhoven", "Krimpenerwaard", 2015),
    ("Geldrop", "Geldrop-Mierlo", 2004),
    ("Mierlo", "Geldrop-Mierlo", 2004),
    ("Maasbracht", "Maasgouw", 2007),
    ("Lith", "Oss", 2011),
    ("Skarsterlân", "De Fryske Marren", 2014),
    ("Gaasterlân-Sleat", "De Fryske Marren", 2014),
    ("Lemsterland", "De Fryske Marren", 2014),
    ("Boarnsterhim", "Heerenveen", 2014),
    ("Bussum", "Gooise Meren", 2016),
    ("Naarden", "Gooise Meren", 2016),
    ("Muiden", "Gooise Meren", 2016),
    ("Zeevang", "Edam-Volendam", 2016),
    ("Schijndel", "Meierijstad", 2017),
    ("Sint-Oedenrode", "Meierijstad", 2017),
    ("Veghel", "Meierijstad", 2017),
    ("Leeuwarderadeel", "Leeuwarden", 2018),
    ("Franekeradeel", "Waadhoeke", 2018),
    ("Het Bildt", "Waadhoeke", 2018),
    ("Menameradiel", "Waadhoeke", 2018),
    ("Menaldumadeel", "Waadhoeke", 2018),
    ("Rijnwaarden", "Zevenaar", 2018),
    ("Bellingwedde", "Westerwolde", 2018),
    ("Vlagtwedde", "Westerwolde", 2018),
    ("Hoogezand-Sappemeer", "Midden-Groningen", 2018),
    ("Menterwolde", "Midden-Groningen", 2018),
    ("Slochteren", "Midden-Groningen", 2018),
    ("Haren", "Groningen", 2019),
    ("Ten Boer", "Groningen", 2019),
    ("Bedum", "Het Hogeland", 2019),
    ("De Marne", "Het Hogeland", 2019),
    ("Eemsmond", "Het Hogeland", 2019),
    ("Winsum", "Het Hogeland", 2019),
    ("Grootegast", "Westerkwartier", 2019),
    ("Leek", "Westerkwartier", 2019),
    ("Marum", "Westerkwartier", 2019),
    ("Zuidhorn", "Westerkwartier", 2019),
    ("Dongeradeel", "Noardeast-Fryslân", 2019),
    ("Ferwerderadiel", "Noardeast-Fryslân", 2019),
    ("Kollumerland en Nieuwkruisland", "Noardeast-Fryslân", 2019),
    ("Binnenmaas", "Hoeksche Waard", 2019),
    ("Cromstrijen", "Hoeksche Waard", 2019),
    ("Korendijk", "Hoeksche Waard", 2019),
    ("Oud-Beijerland", "Hoeksche Waard", 2019),
    ("Strijen", "Hoeksche Waard", 2019),
    ("Giessenlanden", "Molenlanden", 2019),
    ("Molenwaard", "Molenlanden", 2019),
    ("Leerdam", "Vijfheerenlanden", 2019),
    ("Zederik", "Vijfheerenlanden", 2019),
    ("Vianen", "Vijfheerenlanden", 2019),
    ("Geldermalsen", "West Betuwe", 2019),
    ("Lingewaal", "West Betuwe", 2019),
    ("Neerijnen", "West Betuwe", 2019),
    ("Aalburg", "Altena", 2019),
    ("Werkendam", "Altena", 2019),
    ("Woudrichem", "Altena", 2019),
    ("Noordwijkerhout", "Noordwijk", 2019),
    ("Nuth", "Beekdaelen", 2019),
    ("Onderbanken", "Beekdaelen", 2019),
    ("Schinnen", "Beekdaelen", 2019),
    ("Haarlemmerliede en Spaarnwoude", "Haarlemmermeer", 2019),
    ("Appingedam", "Eemsdelta", 2021),
    ("Delfzijl", "Eemsdelta", 2021),
    ("Loppersum", "Eemsdelta", 2021),
    ("Heerhugowaard", "Dijk en Waard", 2022),
    ("Langedijk", "Dijk en Waard", 2022),
    ("Boxmeer", "Land van Cuijk", 2022),
    ("Cuijk", "Land van Cuijk", 2022),
    ("Grave", "Land van Cuijk", 2022),
    ("Mill en Sint Hubert", "Land van Cuijk", 2022),
    ("Sint Anthonis", "Land van Cuijk", 2022),
    ("Uden", "Maashorst", 2022),
    ("Landerd", "Maashorst", 2022),
    ("Beemster", "Purmerend", 2022),
    ("Weesp", "Amsterdam", 2022),
    ("Brielle", "Voorne aan Zee", 2023),
    ("Hellevoetsluis", "Voorne aan Zee", 2023),
    ("Westvoorne", "Voorne aan Zee", 2023),
]

# The seat of government: texts name it for the national government and its institutions ("de
# coalitie in Den Haag", "Haagse bronnen"), which the region tagger tells apart from the gemeente.
SEAT_OF_GOVERNMENT = "'s-Gravenhage"

# Names that are ordinary words to a reader of Dutch texts even when the word lists miss them
# (English words, rare or archaic Dutch, surnames, other common nouns).
EXTRA_WORDS = {"best", "goes", "ede", "epe", "putten", "sluis", "buren", "bergen", "laren", "beek",
               "stein", "grave", "echt", "horst", "leek", "haren", "hoorn", "land", "mill", "weert",
               "huizen", "kampen", "leiden", "delft", "hulst", "borne", "vaals", "capelle"}
# Names that look like words to the lists but are not read as words in practice.
NOT_WORDS = {"assen", "emmen", "amersfoort", "arnhem", "dordrecht", "heerlen", "zwolle", "wassenaar",
             "nieuwkoop", "woerden", "steenbergen", "moerdijk", "landgraaf", "berkelland", "wierden",
             "waterland", "boekel", "renkum", "oldebroek", "voorst", "elburg", "ermelo", "heerde",
             "lochem", "texel", "velsen", "lisse", "venray", "dongen", "winsum", "soest", "geleen",
             "asten"}


def regular_adjective(name):
    """The adjective Dutch forms from a one-word place name by adding -se ("Waalwijkse", "Vughtse",
    "Veldhovense"), or None when the name takes an irregular form (vowel endings: "Zwolse",
    "Almeerse"; -s: "Osse"; -en other than -hoven/-veen: "Leidse", "Nijmeegse"), which ALIASES lists
    by hand. A wrong form costs nothing (texts never write it); a form that is an ordinary word
    would, so the word check applies to it as to every name."""
    if not name.isalpha() or name[-1] in "aeiouys":
        return None
    if name.endswith("en") and not name.endswith(("hoven", "veen")):
        return None
    return name + "se"


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def dutch_words(opentaal_dir):
    words = set()
    for name in ("basiswoorden-gekeurd.txt", "flexies-ongekeurd.txt"):
        path = Path(opentaal_dir) / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and line[0].islower():
                    words.add(line.strip())
    return words


def flags_for(name, words):
    plain = fold(name).lower()
    if plain in NOT_WORDS:
        return "-"
    return "word" if plain in words or plain in EXTRA_WORDS else "-"


def main():
    gemeenten_csv, opentaal_dir = sys.argv[1], sys.argv[2]
    words = dutch_words(opentaal_dir)
    with open(gemeenten_csv, encoding="utf-8") as f:
        gemeenten = [row for row in csv.DictReader(f)]
    code_of = {g["name"]: g["code"] for g in gemeenten}
    prov_code = {name: code for code, name, _ in PROVINCIES}
    rows = []
    for code, name, aliases in PROVINCIES:
        rows.append((code, name, "provincie", "-", "-", "-"))
        for alias in aliases:
            rows.append((code, alias, "alias", name, "-", "-"))
    for g in sorted(gemeenten, key=lambda g: g["code"]):
        name, prov = g["name"], g["province"]
        assert prov in prov_code, prov
        flags = [f for f in [flags_for(name, words)] if f != "-"]
        if name == SEAT_OF_GOVERNMENT:
            flags.append("seat")
        rows.append((g["code"], name, "gemeente", prov, "-", ",".join(flags) or "-"))
        seen = {fold(name).lower()}
        adjective = regular_adjective(name)
        for alias in ALIASES.get(name, []) + [fold(name)] + ([adjective] if adjective else []):
            if fold(alias).lower() in seen:
                continue
            seen.add(fold(alias).lower())
            rows.append((g["code"], alias, "alias", prov, "-", flags_for(alias, words)))
    for old, successor, year in FORMER:
        code = code_of[successor]
        prov = next(g["province"] for g in gemeenten if g["code"] == code)
        rows.append((code, old, "former", prov, str(year), flags_for(old, words)))
        if fold(old) != old:
            rows.append((code, fold(old), "former", prov, str(year), flags_for(old, words)))
    out = sys.stdout
    out.write(HEADER)
    for row in rows:
        out.write("\t".join(row) + "\n")


HEADER = """\
# Gazetteer of "Wat weten we al?": gemeenten and provincies of the Netherlands, for RegionTagger.
# Generated by analyzers/tools/make_gazetteer.py from the CBS list (shared/corpus/gemeenten.csv);
# hand edits are welcome, but carry them over into the script's tables before regenerating.
#
# One name per line, tab-separated, '#' starts a comment line, '-' means empty:
#   code       CBS code of what the name refers to: GMxxxx (gemeente) or PVxx (provincie).
#   name       the name as written in texts. Case and diacritics do not matter when matching;
#              punctuation and hyphens count as spaces ("'s-Gravenhage" = "s Gravenhage").
#   kind       gemeente  the current official name (exactly one per GM code)
#              provincie the official name (exactly one per PV code)
#              alias     another current name for the same gemeente or provincie
#              former    a gemeente merged away; code is its successor, year the year of the merger
#   provincie  for GM codes: the provincie the gemeente lies in (taken from its gemeente line).
#   year       for kind former: the year the gemeente ceased to exist; otherwise '-'.
#   flags      '-' or comma-separated:
#              word   the name is also an ordinary word or a common family name (Best, Putten, Sluis,
#                     Goes, Leiden): it counts after a cue ("gemeente Best", "in Best"), capitalised in
#                     mid-sentence outside a title or a person's name, or next to another place in a
#                     list; never as the first word of a sentence (see region_tagger.h).
#              seat   (on a gemeente line) the seat of government: a document is not about it when
#                     the text names it for the national government ("de coalitie in Den Haag").
# A name listed for two different codes is ambiguous and never matched on its own (write the
# qualified form instead, e.g. "Bergen (NH.)").
code\tname\tkind\tprovincie\tyear\tflags
"""

if __name__ == "__main__":
    main()

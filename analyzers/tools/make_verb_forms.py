#!/usr/bin/env python3
"""Builds corpus/verb_forms.tsv: Dutch verb forms -> their infinitive, checked against lexicons.

Usage: make_verb_forms.py REFDATA_DIR OUT_TSV [--explain WORD...]
  REFDATA_DIR is ../shared/refdata (compounds/debian-wdutch, compounds/debian-hunspell-nl and
  compounds/opentaal are read). --explain prints, for each WORD, the verbs that claim it and
  whether it counts as a verb, a noun or a graded adjective.

The Snowball (Porter) Dutch stemmer leaves participles and present-tense forms apart from the
infinitive: "afgewezen"/"afwijzen", "ingetrokken"/"intrekken", "verleend"/"verlenen",
"eindigt"/"eindigen". This table lets DutchStemmer stem such a form as its infinitive.

Which words are verbs: the infinitives that hunspell-nl marks as verbs (flag Vi), the strong
and irregular verbs listed below, and lexicon words made of a particle or prefix plus one of
those ("afwijzen" = "af" + "wijzen"). For each verb it derives:
  - the present tense, 2nd/3rd person: stem + t ("eindigt", "verleent", "vervalt", "vindt");
  - the past participle: weak verbs ge + stem + d/t ("geweigerd", "gesteld"), strong verbs from
    the list below ("getrokken"), with the particle before ge ("ingetrokken", "vastgesteld") or
    no ge after an unstressed prefix ("verleend", "beeindigd"); and its inflected form + e;
Every derived form must be in the Debian wdutch word list (the lexicon the analyzer loads),
which holds the real inflections, so a wrong guess ("gevervallen") simply is not written. A
form is also left out when it is a noun in OpenTaal's noun list ("besluit", "staat", "recht":
the noun sense wins) or hunspell-nl lets end a compound ("geweld": a noun), an adjective that hunspell-nl grades ("bekend", "gezond": bekender,
gezonder; their verb sense is rare), an infinitive itself, or claimed by two verbs.
The product reads only the TSV, never refdata.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_stemmer_overrides import fold  # noqa: E402  (the analyzer's folding, once)

# Strong and irregular verbs: infinitive -> past participle. Present-tense forms follow the
# regular rules and need no entry. Dutch grammar, written for this table.
STRONG = {
    "bakken": "gebakken", "bederven": "bedorven", "bedriegen": "bedrogen",
    "beginnen": "begonnen", "bergen": "geborgen", "bevelen": "bevolen", "bewegen": "bewogen",
    "bidden": "gebeden", "bieden": "geboden", "bijten": "gebeten", "binden": "gebonden",
    "blazen": "geblazen", "blijken": "gebleken", "blijven": "gebleven", "breken": "gebroken",
    "brengen": "gebracht", "buigen": "gebogen", "denken": "gedacht", "doen": "gedaan",
    "dragen": "gedragen", "drijven": "gedreven", "dringen": "gedrongen", "drinken": "gedronken",
    "duiken": "gedoken", "dwingen": "gedwongen", "eten": "gegeten", "fluiten": "gefloten",
    "gaan": "gegaan", "gelden": "gegolden", "genieten": "genoten", "geven": "gegeven",
    "gieten": "gegoten", "glijden": "gegleden", "graven": "gegraven", "grijpen": "gegrepen",
    "hangen": "gehangen", "hebben": "gehad", "heffen": "geheven", "helpen": "geholpen",
    "heten": "geheten", "houden": "gehouden", "kiezen": "gekozen", "kijken": "gekeken",
    "klimmen": "geklommen", "klinken": "geklonken", "komen": "gekomen", "kopen": "gekocht",
    "krijgen": "gekregen", "kruipen": "gekropen", "kunnen": "gekund", "laden": "geladen",
    "laten": "gelaten", "lezen": "gelezen", "liegen": "gelogen", "liggen": "gelegen",
    "lijden": "geleden", "lijken": "geleken", "lopen": "gelopen", "meten": "gemeten",
    "mijden": "gemeden", "mogen": "gemogen", "nemen": "genomen", "prijzen": "geprezen",
    "raden": "geraden", "rijden": "gereden", "rijzen": "gerezen", "roepen": "geroepen",
    "ruiken": "geroken", "scheiden": "gescheiden", "schelden": "gescholden",
    "schenden": "geschonden", "schenken": "geschonken", "scheppen": "geschapen",
    "scheren": "geschoren", "schieten": "geschoten", "schijnen": "geschenen",
    "schrijven": "geschreven", "schrikken": "geschrokken", "schuiven": "geschoven",
    "slaan": "geslagen", "slapen": "geslapen", "slijten": "gesleten", "sluiten": "gesloten",
    "smelten": "gesmolten", "snijden": "gesneden", "spreken": "gesproken",
    "springen": "gesprongen", "staan": "gestaan", "steken": "gestoken", "stelen": "gestolen",
    "sterven": "gestorven", "stijgen": "gestegen", "stoten": "gestoten",
    "strijden": "gestreden", "strijken": "gestreken", "treden": "getreden",
    "treffen": "getroffen", "trekken": "getrokken", "vallen": "gevallen", "vangen": "gevangen",
    "varen": "gevaren", "vechten": "gevochten", "verdwijnen": "verdwenen",
    "vergeten": "vergeten", "verliezen": "verloren", "vinden": "gevonden",
    "vliegen": "gevlogen", "vriezen": "gevroren", "wassen": "gewassen", "wegen": "gewogen",
    "werpen": "geworpen", "werven": "geworven", "weten": "geweten", "wijken": "geweken",
    "wijzen": "gewezen", "winnen": "gewonnen", "worden": "geworden", "zenden": "gezonden",
    "zien": "gezien", "zijn": "geweest", "zingen": "gezongen", "zinken": "gezonken",
    "zitten": "gezeten", "zoeken": "gezocht", "zuigen": "gezogen", "zwemmen": "gezwommen",
    "zweren": "gezworen", "zwijgen": "gezwegen",
}

# Particles and prefixes that form verbs from verbs ("af" + "wijzen", "ver" + "vallen").
PREFIXES = (
    "aan", "achter", "af", "be", "bij", "binnen", "buiten", "door", "er", "ge", "her", "in",
    "los", "mede", "mee", "mis", "na", "neer", "om", "onder", "ont", "op", "over", "samen",
    "tegen", "terug", "tewerk", "toe", "tussen", "uit", "vast", "ver", "voor", "voort", "vrij",
    "weer", "weg",
)

VOWELS = set("aeiou")
KOFSCHIP = set("tkfsp")  # voiceless stem endings take -t in the weak participle ("ch": h)


def stems(infinitive: str):
    """Candidate present stems of an infinitive, with the stem's sound before devoicing and
    whether the spelling rule is only a guess: "stellen" -> ("stel", "l", False), "geven" ->
    ("geef", "v", False) and ("gef", "v", True). The guess is right after an unstressed vowel
    ("eindigen" -> "eindig") and wrong after a stressed one ("vervalen" -> "vervaal")."""
    if infinitive in ("gaan", "staan", "slaan", "doen", "zien"):
        return [(infinitive[:-1], infinitive[-2], False)]
    if not infinitive.endswith("en") or len(infinitive) < 5:
        return []
    root = infinitive[:-2]
    sound = root[-1]
    if len(root) >= 2 and root[-1] == root[-2] and root[-1] not in VOWELS:
        return [(root[:-1], sound, False)]  # stellen -> stel
    closed = root[:-1] + {"v": "f", "z": "s"}.get(root[-1], root[-1])
    # An open syllable spells a long vowel with one letter: lenen -> leen, geven -> geef.
    open_syllable = (len(root) >= 3 and root[-2] in VOWELS and root[-3] not in VOWELS
                     and root[-1] not in VOWELS)
    out = [(closed, sound, open_syllable)]  # eindigen -> eindig, wijzen -> wijs
    if open_syllable:
        out.append((closed[:-1] + root[-2] + closed[-1], sound, False))
    return out


def forms_of(base: str):
    """Forms of a base verb without particle: (3rd person candidates, participles without the
    ge- prefix question settled: pairs (with_ge, without_ge))."""
    present, participles = [], []
    for stem, sound, guess in stems(base):
        present.append((stem if stem.endswith("t") else stem + "t", guess))
        if base in STRONG:
            continue
        if stem[-1] in "dt":
            ending = ""
        else:
            ending = "t" if (sound in KOFSCHIP or stem.endswith("ch")) else "d"
        participles.append((stem + ending, guess))
    if base in STRONG:
        participle = STRONG[base]
        bare = participle[2:] if participle.startswith("ge") else participle
        participles.append((bare, False))
    return present, participles


def load_words(path: Path):
    return {fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and line.strip()[0].islower()}


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    refdata = Path(sys.argv[1]) / "compounds"
    lexicon = load_words(refdata / "debian-wdutch" / "nederlands")
    verbs, graded, nouns = set(STRONG), set(), set()
    for line in (refdata / "debian-hunspell-nl" / "nl.dic").read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        pairs = {flags[i:i + 2] for i in range(0, len(flags) - 1, 2)}
        if "Vi" in pairs:
            verbs.add(fold(word))
        if pairs & {"Ab", "Ac", "Ad"}:
            graded.add(fold(word))
        # Allowed at the end of a compound (Cc, Ch) marks a noun: "geweld" (violence, as in
        # "gezinsgeweld") has no plural in OpenTaal's list but is no form of "wellen". Verb
        # stems begin compounds ("aansluitpunt", Ca), they do not end them.
        if pairs & {"Cc", "Ch"}:
            nouns.add(fold(word))
    plurals = json.loads((refdata / "opentaal" / "plurals-nouns.json").read_text(encoding="utf-8"))
    for singular, plural in plurals.items():
        nouns.add(fold(singular))
        nouns.update(fold(p) for p in ([plural] if isinstance(plural, str) else plural))
    bases = set(verbs)
    # Prefixed verbs the hunspell list lacks: "afwijzen" (af + wijzen), "vaststellen".
    for word in lexicon:
        for prefix in PREFIXES:
            if word.startswith(prefix) and word[len(prefix):] in bases and word not in nouns:
                verbs.add(word)

    claims = {}
    for verb in sorted(verbs):
        splits = [("", verb)] + [(verb[:k], verb[k:]) for k in range(2, len(verb) - 3)
                                 if verb[:k] in PREFIXES and verb[k:] in bases]
        for prefix, base in splits:
            present, participles = forms_of(base)
            candidates = [(prefix + p, guess) for p, guess in present]
            participle_forms = []
            for bare, guess in participles:
                participle_forms.append((prefix + "ge" + bare, guess))
                # Without ge-: after an unstressed prefix ("verleend", "beeindigd"), or a strong
                # participle that has none ("verdwenen"); never a bare stem ("wezen", "boden").
                if prefix or not STRONG.get(base, "ge").startswith("ge"):
                    participle_forms.append((prefix + bare, guess))
            # A participle is also an adjective: "de gewijzigde regeling".
            candidates += participle_forms
            candidates += [(p + "e", guess) for p, guess in participle_forms if p[-1] in "dt"]
            for form, guess in candidates:
                if form != verb and form in lexicon:
                    claims.setdefault(form, {}).setdefault(verb, set()).add(guess)

    rows = []
    for form, by_verb in sorted(claims.items()):
        # Two verbs claim a form: the one derived by a sure rule wins over a spelling guess
        # ("vervalt": vervallen, not vervalen); otherwise the form is left out.
        owners = set(by_verb)
        if len(owners) > 1:
            owners = {verb for verb, guesses in by_verb.items() if False in guesses}
        if len(owners) != 1 or form in verbs or form in nouns or form in graded:
            continue
        if form.endswith("e") and (form[:-1] in nouns or form[:-1] in graded):
            continue
        rows.append((form, next(iter(owners))))
    if "--explain" in sys.argv:
        for word in sys.argv[sys.argv.index("--explain") + 1:]:
            print(word, claims.get(word), word in verbs, word in nouns, word in graded, file=sys.stderr)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("# verb form<TAB>infinitive, folded. Generated by analyzers/tools/make_verb_forms.py\n"
                  "# from Debian wdutch and hunspell-nl (OpenTaal, BSD or CC BY 3.0). Do not edit by hand.\n")
        for form, verb in rows:
            out.write(f"{form}\t{verb}\n")
    print(f"{len(rows)} verb forms of {len(verbs)} verbs written to {sys.argv[2]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

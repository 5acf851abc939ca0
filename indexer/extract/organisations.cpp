// Organisations: recognising an organisation's name, and finding who issued a document in
// publisher fields, copyright notices, a site's host or an act's signatures.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/analysis/document_parts.h"
#include "kb/extract/metadata.h"
#include "name_words.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

using names::IsInitials;
using names::IsNameParticle;
using names::IsTitleToken;
using names::IsWordBoundary;
using names::SplitWords;
using names::StartsUpper;
using names::TrimName;
using names::ValueAfterLabel;

// Publishers are named on the first pages: colophon, title page, front matter.
constexpr std::size_t kPublisherScanBytes = 20000;
constexpr std::size_t kMaxOrganisationWords = 12;
// Names this file recognises are short; a longer line is a sentence about an organisation.
constexpr std::size_t kMaxRecognisedNameBytes = 150;
// The longest place name an act's enacting council is read for ("Súdwest-Fryslân").
constexpr std::size_t kMaxPlaceBytes = 60;

// Dutch news and government sites that publish in the social domain, by host.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kPublishers = {{
    {"ad.nl", "Algemeen Dagblad"},
    {"nos.nl", "NOS"},
    {"telegraaf.nl", "De Telegraaf"},
    {"trouw.nl", "Trouw"},
    {"volkskrant.nl", "de Volkskrant"},
    {"nu.nl", "NU.nl"},
    {"nrc.nl", "NRC"},
    {"parool.nl", "Het Parool"},
    {"omroepwest.nl", "Omroep West"},
    {"rtvutrecht.nl", "RTV Utrecht"},
    {"rtlnieuws.nl", "RTL Nieuws"},
    {"fd.nl", "Het Financieele Dagblad"},
    {"binnenlandsbestuur.nl", "Binnenlands Bestuur"},
    {"tweakers.net", "Tweakers"},
    {"rijksoverheid.nl", "Rijksoverheid"},
    {"vng.nl", "Vereniging van Nederlandse Gemeenten"},
    {"cbs.nl", "Centraal Bureau voor de Statistiek"},
    {"scp.nl", "Sociaal en Cultureel Planbureau"},
    {"movisie.nl", "Movisie"},
    {"nji.nl", "Nederlands Jeugdinstituut"},
    {"omroepbrabant.nl", "Omroep Brabant"},
    {"rtvnoord.nl", "RTV Noord"},
    {"omropfryslan.nl", "Omrop Fryslân"},
    {"dvhn.nl", "Dagblad van het Noorden"},
}};

// An organisation named after a publisher label or in a copyright notice, else empty.
std::string PublisherOnLine(std::string_view line) {
  const std::string lower = scan::ToLowerAscii(line);
  std::string_view value = ValueAfterLabel(
      line, lower,
      {"publisher:", "published by", "uitgever:", "uitgave:", "uitgegeven door", "een uitgave van",
       "uitgave van", "copyright ©", "copyright:", "copyright", "\xC2\xA9"});
  if (value.empty()) return {};
  const bool copyright = lower.rfind("copyright", 0) == 0 || lower.rfind("\xC2\xA9", 0) == 0;
  // "Rotterdam University of Applied Sciences, in cooperation with ...": up to the comma.
  value = value.substr(0, value.find_first_of(",;|"));
  std::string name;
  for (const std::string_view word : SplitWords(value)) {
    const bool year = word.size() == 4 && std::all_of(word.begin(), word.end(), [](char c) {
                        return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '*';
                      });
    if (year || word == "\xC2\xA9" || word == "–" || word == "-") continue;
    if (!name.empty()) name.push_back(' ');
    name.append(word);
  }
  name = TrimName(name);
  // A template placeholder ("[Naam organisatie]") or a licence sentence is not a name.
  if (name.empty() || !StartsUpper(name) || name.find('[') != std::string::npos ||
      SplitWords(name).size() > kMaxOrganisationWords || name.size() > kMaxRecognisedNameBytes) {
    return {};
  }
  // A photo credit "© Jan Jansen" names a person, not a publisher.
  if (copyright && !IsOrganisationName(name) && !PersonName(name).empty()) return {};
  return name;
}

// "Sociale Zaken en Werkgelegenheid van 3 april 2015, nr. ..." -> "Ministerie van Sociale Zaken en
// Werkgelegenheid": the name (which may hold a comma, as in "Volksgezondheid, Welzijn en Sport")
// ends at a date, at a comma before a lower-case word, or at the end of the line.
std::string MinistryName(std::string_view rest) {
  std::size_t end = rest.find_first_of(";\n");
  if (end == std::string_view::npos) end = rest.size();
  // " van 3 april", ", nr. 12", ", mede namens", ", bij brief van": not part of the name.
  for (const std::string_view stop : {" van ", ", "}) {
    for (std::size_t at = rest.find(stop); at != std::string_view::npos && at < end;
         at = rest.find(stop, at + 1)) {
      const std::size_t next = at + stop.size();
      const bool ends =
          next < rest.size() &&
          (stop == " van " ? std::isdigit(static_cast<unsigned char>(rest[next])) != 0
                           : std::islower(static_cast<unsigned char>(rest[next])) != 0);
      if (ends) {
        end = at;
        break;
      }
    }
  }
  std::string name = scan::CollapseWhitespace(rest.substr(0, end));
  while (!name.empty() && (name.back() == ',' || name.back() == ' ')) name.pop_back();
  return name.empty() ? name : "Ministerie van " + name;
}

// The first "De Minister van X" or "De Staatssecretaris van X" line after `cue`.
std::string SignerAfter(const std::string& page, std::string_view cue) {
  const size_t at = page.find(cue);
  if (at == std::string::npos) return {};
  std::istringstream lines(page.substr(at));
  for (std::string line; std::getline(lines, line);) {
    line = scan::CollapseWhitespace(line);
    for (std::string_view signer : {"De Minister van ", "De Staatssecretaris van "}) {
      if (line.rfind(signer, 0) == 0)
        return MinistryName(std::string_view(line).substr(signer.size()));
    }
  }
  return {};
}

// The minister on whose proposal a decree is made: "Op de voordracht van de Staatssecretaris van
// Sociale Zaken en Werkgelegenheid van 3 april 2015".
std::string ProposingMinistry(const std::string& page) {
  const size_t at = page.find("voordracht van ");
  if (at == std::string::npos) return {};
  const std::string_view sentence = scan::Utf8Prefix(std::string_view(page).substr(at), 300);
  for (std::string_view minister : {"Minister van ", "Staatssecretaris van "}) {
    const size_t found = sentence.find(minister);
    if (found != std::string_view::npos)
      return MinistryName(sentence.substr(found + minister.size()));
  }
  return {};
}

}  // namespace

bool IsOrganisationName(std::string_view name_in) {
  const std::string name = scan::CollapseWhitespace(name_in);
  if (name.empty() || name.size() > kMaxRecognisedNameBytes || scan::CountLetters(name) < 2) {
    return false;
  }
  const std::string lower_name = scan::ToLowerAscii(name);
  if (lower_name.find('@') != std::string::npos || lower_name.find("www.") != std::string::npos ||
      lower_name.find("http") != std::string::npos) {
    return false;
  }
  std::vector<std::string> words = scan::LowerWords(name);
  if (words.empty() || words.size() > kMaxOrganisationWords) return false;
  // "VWS | Directie Informatiebeleid / CIO": each part of a compound name may carry the signal.
  const std::size_t bar = name.find_first_of("|/");
  if (bar != std::string::npos) {
    return IsOrganisationName(name.substr(0, bar)) || IsOrganisationName(name.substr(bar + 1));
  }
  // "Prof.dr. Lokke Moerel, Tilburg University" is a person with an affiliation.
  const std::vector<std::string_view> tokens = SplitWords(name);
  if (IsTitleToken(tokens.front())) return false;
  const std::size_t comma = name.find(',');
  if (comma != std::string::npos && !PersonName(name.substr(0, comma)).empty()) return false;
  // A sentence about an organisation ("De gemeente heeft in een beschikking ...") is not its
  // name: a name starts with a capital and has few lower-case words besides "van", "en", ...
  std::size_t first_word = 0;
  if (tokens.size() > 1 && (words.front() == "de" || words.front() == "het")) first_word = 1;
  if (!StartsUpper(tokens[first_word]) || (name.back() == '.' && !IsInitials(tokens.back()))) {
    return false;
  }
  std::size_t lower_words = 0;
  for (const std::string_view token : tokens) {
    const bool joining = IsNameParticle(token) || token == "en" || token == "voor" ||
                         token == "of" || token == "and" || token == "for" || token == "the";
    if (!joining && !StartsUpper(token)) ++lower_words;
  }
  if (lower_words > 3) return false;
  if (words.front() == "de" || words.front() == "het") words.erase(words.begin());
  if (words.empty()) return false;
  // Names that say what they are in their first word.
  constexpr std::array<std::string_view, 20> kLeading{
      "ministerie",      "gemeente",     "provincie",     "stichting",
      "vereniging",      "universiteit", "hogeschool",    "kenniscentrum",
      "kennisinstituut", "directie",     "inspectie",     "autoriteit",
      "rijksinstituut",  "rijksdienst",  "zorginstituut", "ketenbureau",
      "coöperatie",      "federatie",    "ggd",           "werkplaatsen"};
  if (words.size() > 1 &&
      std::find(kLeading.begin(), kLeading.end(), words.front()) != kLeading.end()) {
    return true;
  }
  // Generic first words that make a name only with "voor"/"van": "Centrum voor
  // Beleidsstatistiek", "Raad van State", "College voor de Rechten van de Mens".
  constexpr std::array<std::string_view, 8> kLeadingWithOf{
      "centrum", "raad", "college", "commissie", "bureau", "dienst", "centraal", "sociaal"};
  if (words.size() >= 3 &&
      std::find(kLeadingWithOf.begin(), kLeadingWithOf.end(), words.front()) !=
          kLeadingWithOf.end() &&
      (words[1] == "voor" || words[1] == "van" || words[2] == "voor" || words[2] == "van")) {
    return true;
  }
  if (words.size() >= 2 && (words[0] == "tweede" || words[0] == "eerste") && words[1] == "kamer") {
    return true;
  }
  // Names that say what they are in their last word: "Verwey-Jonker Instituut", "Nederlands
  // Jeugdinstituut", "Hogeschool Utrecht" (first), "Tilburg University", "Centraal Planbureau",
  // "Privacy Management Partners", "NFIR B.V.".
  const std::string& last = words.back();
  constexpr std::array<std::string_view, 16> kTrailing{
      "universiteit", "university", "hogeschool", "partners", "bv",         "nv",
      "vof",          "ltd",        "inc",        "gmbh",     "foundation", "consultancy",
      "consultants",  "advocaten",  "sciences",   "gemeenten"};
  if (words.size() > 1 && std::find(kTrailing.begin(), kTrailing.end(), last) != kTrailing.end()) {
    return true;
  }
  for (const std::string_view suffix : {"instituut", "bureau", "planbureau"}) {
    if (last.size() >= suffix.size() &&
        last.compare(last.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  // "B.V." and "N.V." end up as single letters.
  if (words.size() >= 3 && words[words.size() - 2].size() == 1 && last.size() == 1 &&
      ((words[words.size() - 2] == "b" && last == "v") ||
       (words[words.size() - 2] == "n" && last == "v"))) {
    return true;
  }
  // Well-known publishers by their short or full name.
  const std::string lower = scan::ToLowerAscii(name);
  constexpr std::array<std::string_view, 9> kKnown{"movisie", "nibud",          "panteia",
                                                   "rivm",    "zonmw",          "vng",
                                                   "nji",     "vng realisatie", "rijksoverheid"};
  if (std::find(kKnown.begin(), kKnown.end(), lower) != kKnown.end()) return true;
  for (const auto& publisher : kPublishers) {
    if (scan::ToLowerAscii(publisher.second) == lower) return true;
  }
  return false;
}

std::string WithoutLegalForm(std::string_view name_in) {
  std::string name = scan::CollapseWhitespace(name_in);
  // Compared without full stops: "N.V." and "NV", "Inc." and "Inc".
  constexpr std::array<std::string_view, 9> kLegalForms{"nv",  "bv",  "vof",  "ua", "ba",
                                                        "ltd", "inc", "gmbh", "cv"};
  const std::size_t space = name.rfind(' ');
  if (space == std::string::npos) return name;
  std::string last;
  for (const char c : std::string_view(name).substr(space + 1)) {
    if (c != '.') last.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (std::find(kLegalForms.begin(), kLegalForms.end(), last) == kLegalForms.end()) return name;
  std::string rest = name.substr(0, space);
  while (!rest.empty() && (rest.back() == ',' || rest.back() == ' ')) rest.pop_back();
  return scan::CountLetters(rest) >= 2 ? rest : name;
}

std::string SpelledAsInText(std::string_view name, std::string_view text) {
  const std::vector<std::string_view> words = SplitWords(name);
  if (words.size() < 2) return std::string(name);
  text = text.substr(0, kPublisherScanBytes);
  for (std::size_t at = text.find(words[0]); at != std::string_view::npos;
       at = text.find(words[0], at + 1)) {
    if (at > 0 && scan::IsWordByte(text[at - 1])) continue;
    std::size_t pos = at + words[0].size();
    bool punctuated = false;
    std::size_t matched = 1;
    for (; matched < words.size(); ++matched) {
      std::size_t gap = 0;
      while (pos < text.size() && gap < 3 &&
             (text[pos] == ' ' || text[pos] == ',' || text[pos] == '\n')) {
        punctuated = punctuated || text[pos] == ',';
        ++pos;
        ++gap;
      }
      if (gap == 0 || text.substr(pos, words[matched].size()) != words[matched]) break;
      pos += words[matched].size();
    }
    if (matched == words.size() && punctuated && IsWordBoundary(text, pos)) {
      return scan::CollapseWhitespace(text.substr(at, pos - at));
    }
  }
  return std::string(name);
}

std::string PublisherInText(std::string_view text) {
  text = text.substr(0, kPublisherScanBytes);
  std::istringstream lines{std::string(text)};
  for (std::string raw; std::getline(lines, raw);) {
    const std::string line = scan::CollapseWhitespace(raw);
    if (std::string name = PublisherOnLine(line); !name.empty()) return name;
    // "Auteur: Ketenbureau i-Sociaal Domein": an organisation given as the author.
    const std::string lower = scan::ToLowerAscii(line);
    const std::string author{TrimName(ValueAfterLabel(line, lower, {"auteur:", "auteurs:"}))};
    if (!author.empty() && IsOrganisationName(author)) return author;
  }
  return {};
}

// --- The organisation a text names most ---

namespace {

// A name mentioned fewer times is not the document's own.
constexpr std::size_t kMinNamedMentions = 2;
// The lead of a text: its first 2000 bytes or its first 15 percent, whichever is longer.
constexpr std::size_t kLeadBytes = 2000;
constexpr std::size_t kLeadPercent = 15;

// A word of running text with the punctuation around it removed; `ends_phrase` when
// punctuation after it ("Groningen," "Brabant.") ends the name it may belong to, `comma` when
// that punctuation is one comma (which a ministry's name may hold).
struct RunningWord {
  std::string_view text;
  bool ends_phrase = false;
  bool comma = false;
};

std::vector<RunningWord> RunningWords(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  constexpr std::string_view kOpening = "(\"[*_'`";
  constexpr std::string_view kClosing = ")\"]*_'`,.;:!?";
  std::vector<RunningWord> words;
  std::size_t at = 0;
  while (at < text.size()) {
    at = text.find_first_not_of(kSpace, at);
    if (at == std::string_view::npos) break;
    std::size_t end = text.find_first_of(kSpace, at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(at, end - at);
    const bool opens = kOpening.find(word.front()) != std::string_view::npos;
    // Curly quotes are three bytes: “ ” ‘ ’.
    while (!word.empty() && (kOpening.find(word.front()) != std::string_view::npos)) {
      word.remove_prefix(1);
    }
    while (word.size() >= 3 && word.substr(0, 2) == "\xE2\x80") word.remove_prefix(3);
    bool closes = false;
    while (!word.empty()) {
      if (kClosing.find(word.back()) != std::string_view::npos) {
        word.remove_suffix(1);
        closes = true;
      } else if (word.size() >= 3 && word.substr(word.size() - 3, 2) == "\xE2\x80") {
        word.remove_suffix(3);
        closes = true;
      } else {
        break;
      }
    }
    // An opening bracket or quote starts a new phrase: the previous word ends one.
    if (opens && !words.empty()) {
      words.back().ends_phrase = true;
      words.back().comma = false;
    }
    const bool comma = closes && text.substr(at, end - at).ends_with(std::string(word) + ",");
    if (!word.empty()) words.push_back({word, closes, comma});
    at = end;
  }
  return words;
}

// Words that may stand inside a name between its capitalised words: "Hart voor Brabant",
// "Vereniging van Nederlandse Gemeenten", "Pels Rijcken & Droogleever Fortuijn".
bool JoinsName(std::string_view word) {
  return word == "van" || word == "voor" || word == "de" || word == "der" || word == "den" ||
         word == "het" || word == "en" || word == "&" || word == "op" || word == "'t" ||
         word == "of";
}

// "VughtParticipeert", "i-Sociaal", "WIJ": a word that may be part of a name.
// "GGD-sleutel", "VNG-model" and "GGD-en" are common nouns, not names.
bool CapitalisedWord(std::string_view word) {
  const auto first = static_cast<unsigned char>(word.front());
  const bool letter = std::isalpha(first) != 0 || (first >= 0xC3 && first <= 0xC5);
  if (!letter) return false;
  const std::size_t hyphen = word.rfind('-');
  if (hyphen != std::string_view::npos && hyphen + 1 < word.size() &&
      std::islower(static_cast<unsigned char>(word[hyphen + 1])) != 0) {
    return false;
  }
  return StartsUpper(word) || std::any_of(word.begin(), word.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) != 0;
         });
}

// Legal forms written before a name; people use the name without them as well ("Stichting WIJ
// Groningen" and "WIJ Groningen").
bool LeadingLegalForm(std::string_view word) {
  const std::string lower = scan::ToLowerAscii(word);
  return lower == "stichting" || lower == "vereniging" || lower == "coöperatie";
}

// The organisation's name in a run of capitalised words: the whole run or, when it is not a
// name, its longest tail that is ("Data Science Hub van VNG Realisatie" -> "VNG Realisatie",
// "Vanuit Stichting WIJ Groningen" -> "Stichting WIJ Groningen").
std::string NameInRun(const std::vector<std::string_view>& run) {
  for (std::size_t first = 0; first < run.size(); ++first) {
    if (!CapitalisedWord(run[first])) continue;
    std::string name;
    for (std::size_t i = first; i < run.size(); ++i) {
      if (!name.empty()) name.push_back(' ');
      name.append(run[i]);
    }
    // A single word that names its kind ("Incassobureau", "Ketenbureau") is a common noun.
    const std::string lower = scan::ToLowerAscii(name);
    if (first + 1 == run.size() && (lower.ends_with("bureau") || lower.ends_with("instituut") ||
                                    name.find_first_of("/|") != std::string::npos)) {
      continue;
    }
    if (IsOrganisationName(name)) return name;
  }
  return {};
}

struct Mentions {
  std::size_t count = 0;
  std::size_t first = std::string_view::npos;  // byte offset of the first

  void Add(std::size_t at) {
    ++count;
    first = std::min(first, at);
  }
};

// Mentions of `name` in `text` as a whole phrase, except those right after "`legal_form` ".
Mentions BareMentions(std::string_view text, std::string_view name, std::string_view legal_form) {
  Mentions mentions;
  for (std::size_t at = text.find(name); at != std::string_view::npos;
       at = text.find(name, at + name.size())) {
    if (at > 0 && scan::IsWordByte(text[at - 1])) continue;
    if (!IsWordBoundary(text, at + name.size())) continue;
    if (at > legal_form.size() &&
        text.substr(at - legal_form.size() - 1, legal_form.size()) == legal_form) {
      continue;
    }
    mentions.Add(at);
  }
  return mentions;
}

// One organisation's name as a text spells it (folded case equal): its spellings with their
// counts, all of its mentions.
struct NamedOrganisation {
  std::map<std::string, std::size_t> spellings;
  Mentions mentions;
};

// "WIJ Groningen" of "Stichting WIJ Groningen" when the rest still reads as a name alone (more
// than one word, or a word with an inner capital: "VughtParticipeert"), not the "Onderzoek" of
// "Stichting Onderzoek"; empty otherwise.
std::string_view WithoutLeadingLegalForm(std::string_view name) {
  const std::vector<std::string_view> parts = SplitWords(name);
  if (parts.size() < 2 || !LeadingLegalForm(parts[0])) return {};
  const bool inner_capital = std::any_of(parts[1].begin() + 1, parts[1].end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
  });
  if (parts.size() == 2 && !inner_capital) return {};
  return name.substr(parts[0].size() + 1);
}

}  // namespace

std::string MostNamedOrganisation(std::string_view text) {
  // The works a bibliography cites are other organisations'.
  text = text.substr(0, analysis::BibliographyStart(text));
  std::map<std::string, NamedOrganisation> named;  // by folded name
  std::vector<std::string_view> run;
  const auto close_run = [&] {
    while (!run.empty() && JoinsName(run.back())) run.pop_back();
    if (!run.empty() && run.size() <= kMaxOrganisationWords) {
      std::string name = NameInRun(run);
      if (std::vector<std::string_view> parts = SplitWords(name);
          parts.size() > 1 && (parts[0] == "De" || parts[0] == "Het")) {
        name.erase(0, parts[0].size() + 1);
      }
      if (!name.empty()) {
        NamedOrganisation& organisation = named[scan::ToLowerAscii(name)];
        ++organisation.spellings[name];
        organisation.mentions.Add(static_cast<std::size_t>(run.front().data() - text.data()));
      }
    }
    run.clear();
  };
  for (const RunningWord& word : RunningWords(text)) {
    const bool continues = CapitalisedWord(word.text) || (!run.empty() && JoinsName(word.text));
    if (!continues) {
      close_run();
      continue;
    }
    run.push_back(word.text);
    // "Ministerie van Volksgezondheid, Welzijn en Sport" goes on after its comma.
    const bool ministry = run.front() == "Ministerie" || (run.size() > 1 && run[1] == "Ministerie");
    if (word.ends_phrase && !(word.comma && ministry)) close_run();
  }
  close_run();

  std::string best;
  Mentions best_mentions;
  std::size_t runner_up = 0;
  for (const auto& [folded, organisation] : named) {
    const auto& spellings = organisation.spellings;
    const auto common = std::max_element(spellings.begin(), spellings.end(),
                                         [](auto& a, auto& b) { return a.second < b.second; });
    std::string chosen = common->first;
    Mentions mentions = organisation.mentions;
    // "WIJ Groningen" counts for "Stichting WIJ Groningen"; the spelling used most is cited.
    if (const std::string_view bare = WithoutLeadingLegalForm(chosen); !bare.empty()) {
      const Mentions alone = BareMentions(
          text, bare, std::string_view(chosen).substr(0, chosen.size() - bare.size() - 1));
      mentions.count += alone.count;
      mentions.first = std::min(mentions.first, alone.first);
      if (alone.count > common->second) chosen = std::string(bare);
    }
    if (mentions.count > best_mentions.count) {
      runner_up = best_mentions.count;
      best_mentions = mentions;
      best = std::move(chosen);
    } else if (mentions.count > runner_up) {
      runner_up = mentions.count;
    }
  }
  // The issuer is named in the lead (cover, opening, byline); a name first met further on is an
  // organisation the text discusses.
  const std::size_t lead = std::max(kLeadBytes, text.size() * kLeadPercent / 100);
  const bool dominant = best_mentions.count >= kMinNamedMentions && best_mentions.count > runner_up;
  return dominant && best_mentions.first < lead ? SpelledAsInText(best, text) : std::string();
}

std::string PublisherOfUrl(std::string_view url) {
  size_t begin = url.find("://");
  begin = begin == std::string_view::npos ? 0 : begin + 3;
  std::string host(url.substr(begin, url.find_first_of("/?#", begin) - begin));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [domain, name] : kPublishers) {
    const bool same = host == domain;
    const bool sub = host.size() > domain.size() &&
                     host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
                     host[host.size() - domain.size() - 1] == '.';
    if (same || sub) return std::string(name);
  }
  return {};
}

bool IsNewsOutlet(std::string_view organisation) {
  const std::string lower = scan::ToLowerAscii(organisation);
  if (lower.empty()) return false;
  // The publishers PublisherOfUrl knows that are not news outlets.
  constexpr std::array<std::string_view, 6> kInstitutions = {
      "rijksoverheid.nl", "vng.nl", "cbs.nl", "scp.nl", "movisie.nl", "nji.nl"};
  for (const auto& [domain, name] : kPublishers) {
    if (scan::ToLowerAscii(name) == lower) {
      return std::find(kInstitutions.begin(), kInstitutions.end(), domain) == kInstitutions.end();
    }
  }
  const auto words = scan::LowerWords(lower);
  return std::any_of(words.begin(), words.end(), [](const std::string& word) {
    return word == "dagblad" || word == "courant" || word == "krant" || word == "omroep" ||
           word == "omrop" || word == "rtv" || word == "nieuws" || word == "nieuwsblad";
  });
}

std::string SigningMinistry(const std::vector<std::string>& pages) {
  for (const std::string& page : pages) {
    for (std::string_view cue : {"Gegeven te", "Lasten en bevelen"}) {
      if (std::string ministry = SignerAfter(page, cue); !ministry.empty()) return ministry;
    }
  }
  for (const std::string& page : pages) {
    if (std::string ministry = ProposingMinistry(page); !ministry.empty()) return ministry;
  }
  return {};
}

std::string EnactingAuthority(std::string_view text) {
  const std::string lower = scan::ToLowerAscii(text.substr(0, kPublisherScanBytes));
  for (const auto& [cue, kind] :
       {std::pair<std::string_view, std::string_view>{"de raad van de gemeente ", "Gemeente "},
        {"burgemeester en wethouders van de gemeente ", "Gemeente "},
        {"provinciale staten van ", "Provincie "},
        {"gedeputeerde staten van ", "Provincie "}}) {
    const std::size_t at = lower.find(cue);
    if (at == std::string::npos) continue;
    // The place: capitalised words up to the comma or line end ("GRONINGEN," -> "Groningen").
    const std::size_t begin = at + cue.size();
    std::size_t end = text.find_first_of(",;:\n", begin);
    if (end == std::string_view::npos) end = text.size();
    std::string place;
    for (const std::string_view word :
         SplitWords(scan::Utf8Prefix(text.substr(begin, end - begin), kMaxPlaceBytes))) {
      if (!StartsUpper(word)) break;
      if (!place.empty()) place.push_back(' ');
      place.push_back(word[0]);
      place.append(scan::ToLowerAscii(word.substr(1)));
    }
    if (!place.empty()) return std::string(kind) + place;
  }
  return {};
}

}  // namespace kb::extract

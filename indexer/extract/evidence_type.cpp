// ClassifyEvidence: the evidence type of a document, by scoring each of the seven types.
//
// The rules read the title, the first kScanBytes of the text (lower-cased), doc.kind
// (GuessKind), doc.organisation and the site's section from front matter. Every type gets a
// score; the highest wins, ties (and a text where nothing scores) going to
// praktijkbeschrijving, then beleid-regelgeving, nieuws, opinie-interview, procesevaluatie,
// monitor-cijfers, effectonderzoek. Word cues count per 1000 words of the scanned text
// (each cue at most kCueCap times, so one word repeated on every page does not decide alone), so
// long and short texts weigh the same; structural signals add fixed points on that scale.
//
//   beleid-regelgeving   kind "wet" (+6); "Artikel N" headings (+0.4 each per 1000 words,
//                        at most +4); legal formulas: "gelet op", "overwegende", "staatsblad",
//                        "staatscourant", "besluit:", "wordt aangehaald als", "treedt in
//                        werking", "verordening", "wetsvoorstel", "memorie van toelichting",
//                        "raad van state", "afdeling advisering", "advies", "beleidsagenda",
//                        "hervormingsagenda", "kabinet", "de minister".
//   nieuws               the publisher is a news outlet (NOS, a dagblad, an omroep ...: +10);
//                        a short text (under 1500 words) of kind "artikel" with a date (+1.5);
//                        reporting words: "zegt", "aldus", "meldt", "maakte bekend", "liet
//                        weten", "woordvoerder", "persbericht", "vandaag", "gisteren".
//   opinie-interview     kind "interview" (+5); a section named opinie, column, essay,
//                        betoog, interview or blog (+6: not decisive, since aggregators file
//                        plain news as "entertainment; opinie"); a title that opens with a
//                        quotation mark (+4); first person ("ik", "mijn", "me", "wij vinden"),
//                        "betoog", "column", "essay", "naar mijn mening", "vertelt", "stelling",
//                        "interview", "helaas"; the vocabulary of argument ("pleidooi",
//                        "paradox", "in essentie", "ethisch", "dilemma", "kritiek", "framing",
//                        "cruciaal", "fundamenteel", "echter", "kortom", "et al."); the
//                        density of quotation marks.
//   procesevaluatie      "evaluatie", "procesevaluatie", "ervaringen", "ervaren",
//                        "knelpunten", "lessen", "aanbevelingen", "bevindingen",
//                        "respondenten", "interviews", "geïnterviewd", "diepte-interview",
//                        "observaties", "verbeterpunten", "succesfactoren", "onderzoek",
//                        tests and audits: "toegankelijkheid", "wcag", "succescriterium",
//                        "penetratietest", "kwetsbaarheid", "audit", "inspectie",
//                        "risicoanalyse", "dpia", "gegevensbeschermingseffectbeoordeling".
//   praktijkbeschrijving "werkwijze", "stappenplan", "stap 1", "handleiding", "protocol",
//                        "casus", "voorbeeld", "sjabloon", "format", "procedure", "instructie",
//                        "richtlijn", "versiebeheer", "invullen", "vul hier", "klik of tik",
//                        "toelichting", "begrippen", "definitie", "afspraken", "eisen",
//                        "moet", "dient te", "aanbieder", "werkproces"; a text without words
//                        (a form or a scan) is a praktijkbeschrijving.
//   monitor-cijfers      the share of lines that are mostly digits (tables: 15 points for a
//                        text of only such lines), "%" and
//                        "procent", "tabel", "figuur", "grafiek", "bron: cbs", "cbs",
//                        "indicator", "gemiddelde", "percentage", "aantal", "monitor",
//                        "statistiek", "dashboard", "peildatum", "ten opzichte van".
//   effectonderzoek      method words of effect studies: "controlegroep",
//                        "interventiegroep", "experimentele groep", "vergelijkingsgroep",
//                        "nulmeting", "voormeting", "nameting", "voor- en nameting",
//                        "effectmeting", "effectonderzoek", "effectevaluatie", "effectiviteit",
//                        "randomis", "gerandomiseerd", "rct", "quasi-experiment",
//                        "significant", "effectgrootte", "kosten-batenanalyse", "mkba",
//                        "baten"; the type scores only with cues of at least two of four
//                        kinds (comparison group; before/after measurement; effect design or
//                        statistic; cost-benefit analysis), since "effect" and "significant"
//                        occur in every kind of text.
//   title                "evaluatie", "toegankelijkheidsonderzoek", "penetratietest" (proces);
//                        "handleiding", "protocol", "stappenplan", "werkwijze", "casus"
//                        (praktijk); "monitor", "cijfers"; "interview", "column"; "effect"
//                        (only when effectonderzoek scores): +2 each.
//
// Neighbours (EVIDENCE_LABELS.md): a law outranks everything by its structure; an interview
// or opinion section outranks the news publisher; monitor-cijfers needs its tables and
// percentages to outweigh the evaluation words of a report that cites a few figures.
#include "kb/extract/evidence_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "kb/core/schema.h"
#include "kb/extract/metadata.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr std::size_t kScanBytes = 60000;
constexpr std::size_t kCueCap = 40;
constexpr std::size_t kShortTextWords = 1500;

enum Type : std::size_t {
  kEffect,
  kMonitor,
  kProcess,
  kPractice,
  kPolicy,
  kOpinion,
  kNews,
  kTypeCount
};

// The codes live in the schema; Type follows their order.
constexpr const auto& kCodes = schema::kEvidenceTypes;
static_assert(std::size(schema::kEvidenceTypes) == kTypeCount);
static_assert(schema::kEvidenceTypes[kEffect] == "effectonderzoek" &&
              schema::kEvidenceTypes[kNews] == "nieuws");

struct Cue {
  std::string_view text;
  double weight;
};

// Non-overlapping occurrences of `needle`, at most kCueCap. A cue that starts with a letter
// must start a word ("rct" is not the end of "correct"); one that ends with a letter may go on
// ("evaluatie" counts "evaluaties").
std::size_t Count(std::string_view haystack, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos && count < kCueCap;
       at = haystack.find(needle, at + needle.size())) {
    if (at > 0 && scan::IsWordByte(needle.front()) && scan::IsWordByte(haystack[at - 1])) continue;
    ++count;
  }
  return count;
}

// Sum of weight * occurrences, per 1000 words.
double CueScore(std::string_view text, double per_mille, std::initializer_list<Cue> cues) {
  double score = 0;
  for (const Cue& cue : cues) score += cue.weight * static_cast<double>(Count(text, cue.text));
  return score * per_mille;
}

// Lines of two or more characters where digits, '%', '.', ',' and spaces are at least 60% of
// the bytes and digits at least a quarter: the rows of a table of figures.
double ShareOfFigureLines(std::string_view text) {
  std::size_t lines = 0;
  std::size_t figure_lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::size_t digits = 0;
    std::size_t numeric = 0;
    std::size_t visible = 0;
    for (const char c : line) {
      if (scan::IsAsciiSpace(c)) continue;
      ++visible;
      if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
        ++digits;
        ++numeric;
      } else if (c == '%' || c == '.' || c == ',' || c == '-' || c == '|') {
        ++numeric;
      }
    }
    if (visible < 2) continue;
    ++lines;
    if (numeric * 10 >= visible * 6 && digits * 4 >= visible) ++figure_lines;
  }
  return lines == 0 ? 0.0 : static_cast<double>(figure_lines) / static_cast<double>(lines);
}

// Quotation marks (straight, curly double and low-9) per 1000 words: interviews and news quote.
double QuoteDensity(std::string_view text, double per_mille) {
  std::size_t quotes = static_cast<std::size_t>(std::count(text.begin(), text.end(), '"'));
  for (const std::string_view mark : {"\u2018", "\u2019", "\u201C", "\u201D", "\u201E"}) {
    for (std::size_t at = text.find(mark); at != std::string_view::npos;
         at = text.find(mark, at + mark.size())) {
      ++quotes;
    }
  }
  return static_cast<double>(quotes) * per_mille;
}

// The number of kinds of method cue of an effect study in `text`: a comparison group, a
// measurement before and after, an effect design or statistic, a cost-benefit analysis. A
// report that only mentions "MKBA" and "kosten-batenanalyse" (two words, one idea) has one.
std::size_t EffectMethodKinds(std::string_view text) {
  const std::initializer_list<std::initializer_list<std::string_view>> kKinds = {
      {"controlegroep", "interventiegroep", "experimentele groep", "vergelijkingsgroep"},
      {"nulmeting", "voormeting", "nameting", "effectmeting"},
      {"effectonderzoek", "effectevaluatie", "randomis", "gerandomiseerd", "quasi-experiment",
       "effectgrootte"},
      {"kosten-batenanalyse", "mkba"}};
  return static_cast<std::size_t>(
      std::count_if(kKinds.begin(), kKinds.end(), [&](const auto& cues) {
        return std::any_of(cues.begin(), cues.end(),
                           [&](std::string_view cue) { return Count(text, cue) > 0; });
      }));
}

bool SectionSays(std::string_view lower_section, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return lower_section.find(w) != std::string_view::npos;
  });
}

}  // namespace

std::string_view ClassifyEvidence(const ExtractedDoc& doc, std::string_view section) {
  const std::string text = scan::ToLowerAscii(scan::JoinedPrefix(doc.pages, kScanBytes));
  const std::string title = scan::ToLowerAscii(doc.title);
  const std::string lower_section = scan::ToLowerAscii(section);
  const std::size_t words = scan::LowerWords(text).size();
  if (words == 0) return kCodes[kPractice];
  const double per_mille = 1000.0 / static_cast<double>(std::max<std::size_t>(words, 300));

  std::array<double, kTypeCount> score{};

  score[kPolicy] =
      CueScore(text, per_mille,
               {{"gelet op", 3},
                {"overwegende", 2},
                {"staatsblad", 2},
                {"staatscourant", 2},
                {"besluit:", 3},
                {"wordt aangehaald als", 3},
                {"treedt in werking", 2},
                {"verordening", 1},
                {"wetsvoorstel", 1},
                {"memorie van toelichting", 2},
                {"raad van state", 1},
                {"afdeling advisering", 2},
                {"advies", 0.3},
                {"beleidsagenda", 2},
                {"hervormingsagenda", 1},
                {"kabinet", 0.3},
                {"de minister", 0.5},
                {"wettelijk", 0.3}}) +
      std::min(4.0, 0.4 * static_cast<double>(scan::CountArticleHeadings(text)) * per_mille * 10);
  if (doc.kind == "wet") score[kPolicy] += 6;

  score[kNews] = CueScore(text, per_mille,
                          {{"zegt", 1},
                           {"aldus", 1},
                           {"meldt", 1},
                           {"maakte bekend", 2},
                           {"liet weten", 2},
                           {"woordvoerder", 2},
                           {"persbericht", 2},
                           {"vandaag", 1},
                           {"gisteren", 1.5},
                           {"vorige week", 1}});
  if (IsNewsOutlet(doc.organisation)) score[kNews] += 10;
  if (doc.kind == "artikel" && !doc.date.empty() && words < kShortTextWords) score[kNews] += 1.5;

  score[kOpinion] = CueScore(text, per_mille,
                             {{"ik ", 0.4},
                              {"mijn ", 0.4},
                              {"me ", 0.3},
                              {"betoog", 2},
                              {"column", 2},
                              {"essay", 2},
                              {"naar mijn mening", 3},
                              {"vertelt", 2},
                              {"stelling", 0.5},
                              {"interview", 1},
                              {"volgens mij", 2},
                              {"moeten we", 1},
                              {"wij vinden", 3},
                              {"we vinden", 3},
                              {"naar onze mening", 3},
                              {"helaas", 1.5},
                              {"pleidooi", 2},
                              {"paradox", 2},
                              {"in essentie", 2},
                              {"ethisch", 1},
                              {"dilemma", 1},
                              {"kritiek", 1},
                              {"framing", 1},
                              {"narratief", 1},
                              {"cruciaal", 1},
                              {"fundamenteel", 1},
                              {"echter", 0.7},
                              {"kortom", 1},
                              {"et al.", 0.7}}) +
                    0.1 * QuoteDensity(text, per_mille);
  if (doc.kind == "interview") score[kOpinion] += 5;
  // A site's own section counts, but not alone: news aggregators file plain news under
  // "entertainment; opinie" (leestmeer-news), so a news outlet with reporting words still wins.
  if (SectionSays(lower_section, {"opinie", "column", "essay", "betoog", "interview", "blog"})) {
    score[kOpinion] += 6;
  }
  // A headline that opens with a quotation is an interview's or a column's.
  if (title.rfind("\u2018", 0) == 0 || title.rfind("\u201C", 0) == 0 || title.rfind("'", 0) == 0 ||
      title.rfind("\"", 0) == 0) {
    score[kOpinion] += 4;
  }

  score[kProcess] = CueScore(text, per_mille,
                             {{"evaluatie", 1},
                              {"procesevaluatie", 3},
                              {"ervaringen", 0.7},
                              {"ervaren", 0.5},
                              {"knelpunten", 1.5},
                              {"lessen", 1},
                              {"aanbevelingen", 1},
                              {"bevindingen", 1.5},
                              {"bevinding", 0.5},
                              {"respondenten", 2},
                              {"interviews", 1.5},
                              {"geïnterviewd", 2},
                              {"diepte-interview", 2},
                              {"observaties", 1.5},
                              {"verbeterpunten", 1},
                              {"succesfactoren", 1},
                              {"onderzoek", 0.3},
                              {"toegankelijkheid", 1},
                              {"wcag", 1},
                              {"succescriterium", 1},
                              {"penetratietest", 2},
                              {"kwetsbaarheid", 1},
                              {"audit", 1},
                              {"inspectie", 0.7},
                              {"risicoanalyse", 1},
                              {"dpia", 1},
                              {"gegevensbeschermingseffectbeoordeling", 2},
                              {"deelnemers", 0.3},
                              {"aanbeveling", 0.5}});

  score[kPractice] =
      CueScore(text, per_mille,
               {{"werkwijze", 1.5},   {"stappenplan", 2},  {"stap 1", 1.5},     {"handleiding", 2},
                {"protocol", 1},      {"casus", 1},        {"voorbeeld", 0.5},  {"sjabloon", 2},
                {"format", 0.5},      {"procedure", 0.5},  {"instructie", 1},   {"richtlijn", 0.3},
                {"versiebeheer", 2},  {"invullen", 1},     {"vul hier", 2},     {"klik of tik", 2},
                {"toelichting", 0.5}, {"begrippen", 0.5},  {"definitie", 0.5},  {"afspraken", 0.5},
                {"eisen", 0.3},       {"moet ", 0.15},     {"dient te", 0.5},   {"aanbieder", 0.3},
                {"werkproces", 1},    {"toewijzing", 0.2}, {"declaratie", 0.2}, {"bericht", 0.1}});

  const double figure_lines = ShareOfFigureLines(text);
  score[kMonitor] = CueScore(text, per_mille,
                             {{"%", 0.2},
                              {"procent", 0.2},
                              {"tabel", 1},
                              {"figuur", 0.7},
                              {"grafiek", 1},
                              {"bron: cbs", 3},
                              {"cbs", 0.5},
                              {"indicator", 1},
                              {"gemiddelde", 0.7},
                              {"percentage", 0.7},
                              {"aantal", 0.3},
                              {"monitor", 0.7},
                              {"statistiek", 1},
                              {"dashboard", 1},
                              {"peildatum", 1},
                              {"ten opzichte van", 0.5}}) +
                    15.0 * figure_lines;

  if (EffectMethodKinds(text) >= 2) {
    score[kEffect] = 2 + CueScore(text, per_mille,
                                  {{"controlegroep", 3},
                                   {"interventiegroep", 3},
                                   {"experimentele groep", 3},
                                   {"vergelijkingsgroep", 3},
                                   {"nulmeting", 2},
                                   {"voormeting", 2},
                                   {"nameting", 2},
                                   {"effectmeting", 3},
                                   {"effectonderzoek", 3},
                                   {"effectevaluatie", 3},
                                   {"effectiviteit", 1},
                                   {"randomis", 3},
                                   {"gerandomiseerd", 3},
                                   {"rct", 3},
                                   {"quasi-experiment", 3},
                                   {"significant", 1},
                                   {"effectgrootte", 3},
                                   {"kosten-batenanalyse", 2},
                                   {"mkba", 2},
                                   {"baten", 0.5}});
  }

  // The title says what the document is more directly than its body.
  for (const auto& [word, type] : std::initializer_list<std::pair<std::string_view, Type>>{
           {"evaluatie", kProcess},
           {"toegankelijkheidsonderzoek", kProcess},
           {"penetratietest", kProcess},
           {"handleiding", kPractice},
           {"protocol", kPractice},
           {"stappenplan", kPractice},
           {"werkwijze", kPractice},
           {"casus", kPractice},
           {"monitor", kMonitor},
           {"cijfers", kMonitor},
           {"interview", kOpinion},
           {"column", kOpinion},
           {"effect", kEffect}}) {
    if (title.find(word) != std::string::npos && (type != kEffect || score[kEffect] > 0)) {
      score[type] += 2;
    }
  }

  // Ties, and a text where nothing scores, go to the first type in this order: a text without
  // any cue is most often a form, list or instruction.
  constexpr std::array<Type, kTypeCount> kPreference = {kPractice, kPolicy,  kNews,  kOpinion,
                                                        kProcess,  kMonitor, kEffect};
  Type best = kPreference[0];
  for (const Type t : kPreference) {
    if (score[t] > score[best]) best = t;
  }
  return kCodes[best];
}

}  // namespace kb::extract

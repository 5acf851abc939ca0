// GuessKind: rapport, interview, artikel, wet or overig, by the rules stated in metadata.h.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/extract/metadata.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr std::size_t kOpeningBytes = 300;  // the lead paragraph
constexpr std::size_t kFirstPagesBytes = 30000;
constexpr std::size_t kReportPages = 20;
constexpr std::size_t kShortArticleWords = 4000;

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

template <std::size_t N>
bool ContainsAny(std::string_view haystack, const std::array<std::string_view, N>& needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view needle) { return Contains(haystack, needle); });
}

// The title opens with the name of a regulation: "Wet van 2 maart 1994", "Jeugdwet",
// "Besluit ...", "Verordening jeugdhulp ...". A title that merely mentions one ("De
// Participatiewet onder de loep", "Gedeelde besluitvorming") is about a law, not a law.
bool TitleNamesRegulation(const std::string& lower_title) {
  const auto words = scan::LowerWords(lower_title);
  if (words.empty()) return false;
  const std::string& first = words.front();
  if (first.size() >= 3 && first.compare(first.size() - 3, 3, "wet") == 0) return true;
  constexpr std::array<std::string_view, 6> kWords{"verordening",  "besluit",   "regeling",
                                                   "beleidsregel", "reglement", "aanwijzing"};
  return std::any_of(kWords.begin(), kWords.end(), [&](std::string_view w) { return first == w; });
}

// A transcript: at least eight lines, and the two most frequent first words (the speakers:
// "Ik"/"Els", "Vraag:"/"Antwoord:", "I:"/"R:") each open three or more of them and together
// open most of them. Prose paragraphs start with too many different words to match.
bool LooksLikeDialogue(std::string_view text) {
  std::map<std::string, std::size_t> openers;
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    // Indentation is not a speaker: the opener is the first word after it (an indented line
    // once counted as the empty opener, so indented quotes made an article a "transcript").
    while (!line.empty() && scan::IsAsciiSpace(line.front())) line.remove_prefix(1);
    const std::size_t word_end = line.find(' ');
    if (line.empty() || word_end == std::string_view::npos) continue;
    const std::string opener(line.substr(0, word_end));
    // Numbered sections ("Artikel 3", "1.") and articles repeat without being speakers.
    if (opener == "artikel" || opener == "article" || opener == "de" || opener == "het" ||
        std::isdigit(static_cast<unsigned char>(opener.front())) != 0) {
      continue;
    }
    ++openers[opener];
    ++lines;
  }
  if (lines < 8) return false;
  std::vector<std::size_t> counts;
  for (const auto& [word, count] : openers) counts.push_back(count);
  std::sort(counts.rbegin(), counts.rend());
  return counts.size() >= 2 && counts[1] >= 3 && (counts[0] + counts[1]) * 10 >= lines * 6;
}

bool IsRegulation(const std::string& lower_title, const std::string& lower_text) {
  if (TitleNamesRegulation(lower_title)) return true;
  constexpr std::array<std::string_view, 4> kFormulas{"gelet op", "staatsblad", "staatscourant",
                                                      "bij de gratie gods"};
  return scan::CountArticleHeadings(lower_text) >= 3 && ContainsAny(lower_text, kFormulas);
}

bool IsInterview(const std::string& lower_title, const std::string& lower_text) {
  const std::string opening = lower_text.substr(0, kOpeningBytes);
  for (const std::string* text : {&lower_title, &opening}) {
    if (Contains(*text, "interview") || Contains(*text, "gesprek met")) return true;
  }
  return LooksLikeDialogue(lower_text);
}

bool IsReport(const std::string& lower_title, const std::string& lower_text, std::size_t pages) {
  constexpr std::array<std::string_view, 6> kTitleWords{"rapport", "onderzoek", "evaluatie",
                                                        "monitor", "analyse",   "verkenning"};
  if (ContainsAny(lower_title, kTitleWords) || pages >= kReportPages) return true;
  constexpr std::array<std::string_view, 8> kMarkers{"samenvatting",  "aanbevelingen", "conclusies",
                                                     "inhoudsopgave", "onderzoek",     "methode",
                                                     "bijlage",       "literatuur"};
  const auto markers = std::count_if(kMarkers.begin(), kMarkers.end(),
                                     [&](std::string_view m) { return Contains(lower_text, m); });
  return markers >= 3;
}

}  // namespace

std::string GuessKind(const ExtractedDoc& doc) {
  const std::string lower_title = scan::ToLowerAscii(doc.title);
  const std::string lower_text =
      scan::ToLowerAscii(scan::JoinedPrefix(doc.pages, kFirstPagesBytes));
  if (IsRegulation(lower_title, lower_text)) return "wet";
  if (IsInterview(lower_title, lower_text)) return "interview";
  if (IsReport(lower_title, lower_text, doc.pages.size())) return "rapport";
  std::size_t words = 0;
  for (const auto& page : doc.pages) {
    words += scan::LowerWords(page).size();
    if (words >= kShortArticleWords) break;
  }
  if (words > 0 && words < kShortArticleWords) return "artikel";
  return "overig";
}

}  // namespace kb::extract

#include "kb/index/review_flags.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <sstream>

#include "kb/editorial/review.h"
#include "kb/extract/extracted_doc.h"
#include "kb/extract/metadata.h"
#include "kb/index/document_builder.h"

namespace kb::index {

namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr int kMinTitleLetters = 3;

constexpr std::string_view kGenericTitles[] = {
    "inhoud",
    "inhoudsopgave",
    "untitled",
    "naamloos",
    "document",
    "presentatie",
    "powerpoint-presentatie",
    "powerpointpresentatie",
    "titel",
    "title",
    "voorblad",
    "colofon",
    "voorwoord",
    "vertrouwelijk",
    "concept",
    "bijlage",
    "rapport",
    "verslag",
    "notitie",
    "brief",
    "microsoft word document",
    "untitled document",
    "nieuw document",
    "leeg",
    // Navigation of a saved web page, not its title.
    "inloggen",
    "home",
    "menu",
    "zoeken",
    "cookies",
    "navigatie",
};

constexpr std::string_view kApplications[] = {"microsoft word -", "microsoft powerpoint -",
                                              "microsoft excel -", "powerpoint -"};

constexpr std::string_view kMonths[] = {"januari",   "februari", "maart",    "april",
                                        "mei",       "juni",     "juli",     "augustus",
                                        "september", "oktober",  "november", "december"};

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct CharCounts {
  int letters = 0, upper = 0, lower = 0, other = 0, spaces = 0, underscores = 0, hyphens = 0;
};

// UTF-8 aware enough for titles: a multi-byte character counts as one letter (é, ë, ł, ...).
CharCounts Count(std::string_view s) {
  CharCounts c;
  for (unsigned char ch : s) {
    if (ch >= 0x80) {
      if (ch >= 0xC0) ++c.letters;  // lead byte; continuation bytes are not counted
    } else if (std::isalpha(ch)) {
      ++c.letters;
      if (std::isupper(ch))
        ++c.upper;
      else
        ++c.lower;
    } else if (std::isspace(ch)) {
      ++c.spaces;
    } else {
      ++c.other;  // digits and punctuation
      if (ch == '_') ++c.underscores;
      if (ch == '-') ++c.hyphens;
    }
  }
  return c;
}

bool IsOnlyDate(const std::string& lower) {
  std::istringstream words(lower);
  std::string word;
  bool month = false;
  while (words >> word) {
    while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.pop_back();
    if (std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); })) {
      continue;
    }
    if (std::find(std::begin(kMonths), std::end(kMonths), word) == std::end(kMonths)) return false;
    month = true;
  }
  return month;
}

bool IsGeneric(std::string lower) {
  // "Document1", "Untitled-3", "Presentatie 2": the number says nothing either.
  while (!lower.empty() && (std::isdigit(static_cast<unsigned char>(lower.back())) ||
                            lower.back() == ' ' || lower.back() == '-' || lower.back() == '.')) {
    lower.pop_back();
  }
  return std::find(std::begin(kGenericTitles), std::end(kGenericTitles), lower) !=
         std::end(kGenericTitles);
}

}  // namespace

bool TitleLooksBad(std::string_view title_in) {
  const std::string_view title = Trim(title_in);
  if (title.size() > kMaxTitleChars) return true;
  const CharCounts c = Count(title);
  if (c.letters < kMinTitleLetters) return true;
  if (c.letters < c.other) return true;
  const std::string lower = AsciiLower(title);
  for (auto app : kApplications) {
    if (lower.rfind(app, 0) == 0) return true;
  }
  if (extract::LooksLikeFileName(title)) return true;
  if (c.upper >= 4 && c.lower == 0) return true;
  return IsOnlyDate(lower) || IsGeneric(lower);
}

bool DateLooksBad(const std::string& date, int current_year) {
  const int year = YearOfDate(date);
  return year == 0 || year < 1900 || year > current_year + 1;
}

int CurrentYear() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool HasUnconfirmedTag(const StoredDocument& doc, const editorial::Override& o) {
  for (const auto& theme : doc.themes) {
    if (theme.score < kConfidentThemeScore && !Contains(o.themes_confirmed, theme.slug) &&
        !Contains(o.themes_added, theme.slug)) {
      return true;
    }
  }
  for (const auto& g : doc.gemeenten) {
    if (g.mentions == 1 && !Contains(o.gemeenten_confirmed, g.code) &&
        !Contains(o.gemeenten_added, g.code)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ReviewFlags(const StoredDocument& doc, const editorial::Override& o,
                                     int current_year) {
  std::vector<std::string> flags;
  if (doc.hidden) return flags;
  const bool from_file_name = doc.title_source == extract::kTitleFromFileName;
  if (!o.title && (from_file_name || TitleLooksBad(doc.title))) {
    flags.emplace_back(editorial::review::kTitle);
  }
  if (!o.date && DateLooksBad(doc.date, current_year)) flags.emplace_back(editorial::review::kDate);
  if (doc.themes.empty() && o.themes_removed.empty()) {
    flags.emplace_back(editorial::review::kNoTheme);
  }
  if (doc.gemeenten.empty() && doc.provincies.empty() && o.gemeenten_removed.empty() &&
      o.provincies_removed.empty()) {
    flags.emplace_back(editorial::review::kNoRegion);
  }
  if (HasUnconfirmedTag(doc, o)) flags.emplace_back(editorial::review::kLowConfidence);
  if (doc.personal_data_count > 0) flags.emplace_back(editorial::review::kPersonalData);
  return flags;
}

}  // namespace kb::index

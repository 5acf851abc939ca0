// Date recognition: metadata values and the first Dutch date written in a text.
#include <array>
#include <cstdio>
#include <regex>
#include <string>
#include <string_view>

#include "kb/extract/metadata.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

struct MonthName {
  std::string_view name;
  int month;
};

// Dutch full names and abbreviations, plus the English ones metadata uses (RFC 2822).
constexpr std::array<MonthName, 35> kMonths{{
    {"januari", 1},   {"februari", 2},  {"maart", 3},    {"april", 4},     {"mei", 5},
    {"juni", 6},      {"juli", 7},      {"augustus", 8}, {"september", 9}, {"oktober", 10},
    {"november", 11}, {"december", 12}, {"jan", 1},      {"feb", 2},       {"febr", 2},
    {"mrt", 3},       {"apr", 4},       {"jun", 6},      {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"sept", 9},      {"okt", 10},     {"nov", 11},      {"dec", 12},
    {"january", 1},   {"february", 2},  {"march", 3},    {"mar", 3},       {"may", 5},
    {"june", 6},      {"july", 7},      {"october", 10}, {"oct", 10},      {"august", 8},
}};

int MonthFromName(std::string_view name) {
  const std::string lower = scan::ToLowerAscii(name);
  for (const auto& month : kMonths) {
    if (month.name == lower) return month.month;
  }
  return 0;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysIn(int year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Formats as precisely as known (day 0 = unknown day, month 0 = unknown month); empty when
// the parts are not a real date.
std::string Format(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 0 || month > 12) return {};
  if (month == 0) return std::to_string(year);
  if (day < 0 || day > DaysIn(year, month)) return {};
  std::array<char, 32> buffer{};
  if (day == 0) {
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  }
  return buffer.data();
}

int ToInt(const std::ssub_match& match) { return match.matched ? std::stoi(match.str()) : 0; }

// The three written forms, each anchored on word boundaries. Month names come before their
// abbreviations so "januari" is not read as "jan" + "uari".
const std::regex& IsoPattern() {
  static const std::regex pattern(R"(\b((?:19|20)\d\d|2100)-(\d{1,2})-(\d{1,2})\b)");
  return pattern;
}
const std::regex& NumericPattern() {
  static const std::regex pattern(R"(\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d|2100)\b)");
  return pattern;
}
const std::regex& NamedPattern() {
  static const std::regex pattern(
      R"(\b(?:(\d{1,2})\s+)?(januari|februari|maart|april|mei|juni|juli|augustus|september|)"
      R"(oktober|november|december|febr|sept|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.?)"
      R"(\s+((?:19|20)\d\d|2100)\b)",
      std::regex::icase);
  return pattern;
}
const std::regex& EnglishPattern() {
  static const std::regex pattern(
      R"(\b(\d{1,2})\s+(january|february|march|april|may|june|july|august|september|october|)"
      R"(november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?\s+(\d{4})\b)",
      std::regex::icase);
  return pattern;
}

struct Candidate {
  std::ptrdiff_t position = -1;
  std::string date;
};

// Earliest match of `pattern` in text that `convert` turns into a valid date.
template <typename Convert>
Candidate FirstMatch(const std::string& text, const std::regex& pattern, Convert convert) {
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    std::string date = convert(*it);
    if (!date.empty()) return {it->position(0), std::move(date)};
  }
  return {};
}

}  // namespace

std::string FindDutchDate(std::string_view text_view) {
  const std::string text(text_view);
  const Candidate candidates[] = {
      FirstMatch(
          text, IsoPattern(),
          [](const std::smatch& m) { return Format(ToInt(m[1]), ToInt(m[2]), ToInt(m[3])); }),
      FirstMatch(text, NumericPattern(),
                 [](const std::smatch& m) {
                   const int day = ToInt(m[1]);
                   return day == 0 ? std::string() : Format(ToInt(m[3]), ToInt(m[2]), day);
                 }),
      FirstMatch(text, NamedPattern(),
                 [](const std::smatch& m) {
                   const int day = ToInt(m[1]);
                   if (m[1].matched && day == 0) return std::string();
                   return Format(ToInt(m[3]), MonthFromName(m[2].str()), day);
                 }),
  };
  const Candidate* best = nullptr;
  for (const auto& candidate : candidates) {
    if (candidate.position < 0) continue;
    if (best == nullptr || candidate.position < best->position) best = &candidate;
  }
  return best == nullptr ? std::string() : best->date;
}

std::string NormaliseDate(std::string_view value) {
  const std::string text = scan::CollapseWhitespace(value);
  if (text.empty()) return {};
  // ISO 8601 at the start, possibly with a time: "2019-09-24T17:14:49.721Z", "2018-10", "2018".
  // Also "2025/07/11 10:00" as some static site generators write it.
  static const std::regex iso(
      R"(^((?:19|20)\d\d|2100)(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T\s]))");
  std::smatch match;
  if (std::regex_search(text, match, iso)) {
    std::string date = Format(ToInt(match[1]), ToInt(match[2]), ToInt(match[3]));
    if (!date.empty()) return date;
  }
  if (std::regex_search(text, match, EnglishPattern())) {
    std::string date = Format(ToInt(match[3]), MonthFromName(match[2].str()), ToInt(match[1]));
    if (!date.empty()) return date;
  }
  return FindDutchDate(text);
}

}  // namespace kb::extract

// Date recognition: metadata values and the first Dutch date written in a text.
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>
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
  bool dutch;
  bool english;
};

// Dutch full names and abbreviations, and the English ones metadata uses (RFC 2822).
constexpr std::array<MonthName, 35> kMonths{{
    {"januari", 1, true, false},  {"februari", 2, true, false}, {"maart", 3, true, false},
    {"april", 4, true, true},     {"mei", 5, true, false},      {"juni", 6, true, false},
    {"juli", 7, true, false},     {"augustus", 8, true, false}, {"september", 9, true, true},
    {"oktober", 10, true, false}, {"november", 11, true, true}, {"december", 12, true, true},
    {"jan", 1, true, true},       {"feb", 2, true, true},       {"febr", 2, true, false},
    {"mrt", 3, true, false},      {"apr", 4, true, true},       {"jun", 6, true, true},
    {"jul", 7, true, true},       {"aug", 8, true, true},       {"sep", 9, true, true},
    {"sept", 9, true, false},     {"okt", 10, true, false},     {"nov", 11, true, true},
    {"dec", 12, true, true},      {"january", 1, false, true},  {"february", 2, false, true},
    {"march", 3, false, true},    {"mar", 3, false, true},      {"may", 5, false, true},
    {"june", 6, false, true},     {"july", 7, false, true},     {"august", 8, false, true},
    {"october", 10, false, true}, {"oct", 10, false, true},
}};

// The month a Dutch (or, with `english`, an English) name or abbreviation stands for, else 0.
int MonthFromName(std::string_view name, bool english) {
  if (name.size() > 9) return 0;
  const std::string lower = scan::ToLowerAscii(name);
  for (const auto& month : kMonths) {
    if (month.name == lower && (english ? month.english : month.dutch)) return month.month;
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

// Dates are read by a small scanner rather than std::regex: libstdc++'s regex took 40% of the
// time of extracting a text file (FindDutchDate runs on the first 20 KB and on every line a
// title might be) and recurses once per character it matches.

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// A word starts at pos (as regex's \b before a word character).
bool StartsWord(std::string_view text, std::size_t pos) {
  return pos < text.size() && IsWordChar(text[pos]) && (pos == 0 || !IsWordChar(text[pos - 1]));
}
bool EndsWord(std::string_view text, std::size_t pos) {
  return pos >= text.size() || !IsWordChar(text[pos]);
}

// The run of ASCII digits at pos: its length and value (the value only for short runs).
struct Digits {
  std::size_t length = 0;
  int value = 0;
};
Digits DigitsAt(std::string_view text, std::size_t pos) {
  Digits digits;
  while (pos + digits.length < text.size() &&
         std::isdigit(static_cast<unsigned char>(text[pos + digits.length])) != 0) {
    if (digits.length < 6) digits.value = digits.value * 10 + (text[pos + digits.length] - '0');
    ++digits.length;
  }
  return digits;
}
// One or two digits (a day or a month number) at pos and where they end, else -1.
int SmallNumberAt(std::string_view text, std::size_t pos, std::size_t* end) {
  const Digits digits = DigitsAt(text, pos);
  if (digits.length == 0 || digits.length > 2) return -1;
  *end = pos + digits.length;
  return digits.value;
}
// A year of this century or the last written with four digits at pos, else 0.
int YearAt(std::string_view text, std::size_t pos) {
  const Digits digits = DigitsAt(text, pos);
  const bool in_range =
      (digits.value >= kMinYear && digits.value < kMaxYear) || digits.value == kMaxYear;
  return digits.length == 4 && in_range ? digits.value : 0;
}
bool IsSeparator(std::string_view text, std::size_t pos, std::string_view separators) {
  return pos < text.size() && separators.find(text[pos]) != std::string_view::npos;
}
std::size_t SkipSpaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  return pos;
}

// A date written in the text: where it ends, and the date (empty when the parts do not make a
// real date, such as "31 februari 2019").
struct Written {
  std::size_t end = 0;
  std::string date;
};

// "2019-09-24" (ISO 8601).
std::optional<Written> IsoAt(std::string_view text, std::size_t pos) {
  const int year = YearAt(text, pos);
  std::size_t month_end = 0;
  std::size_t day_end = 0;
  if (year == 0 || !IsSeparator(text, pos + 4, "-")) return std::nullopt;
  const int month = SmallNumberAt(text, pos + 5, &month_end);
  if (month < 0 || !IsSeparator(text, month_end, "-")) return std::nullopt;
  const int day = SmallNumberAt(text, month_end + 1, &day_end);
  if (day < 0 || !EndsWord(text, day_end)) return std::nullopt;
  return Written{day_end, Format(year, month, day)};
}

// "22-10-2018", "1/2/2020", "3.4.2019": day, month, year.
std::optional<Written> NumericAt(std::string_view text, std::size_t pos) {
  std::size_t day_end = 0;
  std::size_t month_end = 0;
  const int day = SmallNumberAt(text, pos, &day_end);
  if (day < 0 || !IsSeparator(text, day_end, "-/.")) return std::nullopt;
  const int month = SmallNumberAt(text, day_end + 1, &month_end);
  if (month < 0 || !IsSeparator(text, month_end, "-/.")) return std::nullopt;
  const int year = YearAt(text, month_end + 1);
  if (year == 0 || !EndsWord(text, month_end + 5)) return std::nullopt;
  return Written{month_end + 5, day == 0 ? std::string() : Format(year, month, day)};
}

// A month's name at pos, a full stop after an abbreviation, white space and a year:
// "oktober 2018", "okt. 2018". `english` reads the English names (metadata's RFC 2822 dates)
// and any four-digit year.
std::optional<Written> MonthAndYearAt(std::string_view text, std::size_t pos, bool english,
                                      int day) {
  std::size_t end = pos;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) != 0) ++end;
  const int month = MonthFromName(text.substr(pos, end - pos), english);
  if (month == 0) return std::nullopt;
  if (end < text.size() && text[end] == '.') ++end;
  const std::size_t year_at = SkipSpaces(text, end);
  if (year_at == end) return std::nullopt;
  const Digits digits = DigitsAt(text, year_at);
  const int year = english ? (digits.length == 4 ? digits.value : 0) : YearAt(text, year_at);
  if (year == 0 || !EndsWord(text, year_at + 4)) return std::nullopt;
  if (day == 0) return Written{year_at + 4, {}};  // "0 oktober 2018" is no date
  return Written{year_at + 4, Format(year, month, day < 0 ? 0 : day)};
}

// "22 oktober 2018", "3 okt. 2018", "oktober 2018" (the month, without a day);
// with `english`, "03 Jul 2019" (the day is required).
std::optional<Written> NamedAt(std::string_view text, std::size_t pos, bool english) {
  if (std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
    std::size_t day_end = 0;
    const int day = SmallNumberAt(text, pos, &day_end);
    const std::size_t month_at = SkipSpaces(text, day_end);
    if (day < 0 || month_at == day_end) return std::nullopt;
    return MonthAndYearAt(text, month_at, english, day);
  }
  if (english) return std::nullopt;
  return MonthAndYearAt(text, pos, english, -1);
}

struct Candidate {
  std::size_t position = std::string_view::npos;
  std::string date;
};

// The first date of one written form in text: where a form is written but is no real date, the
// search goes on after it.
template <typename ReadAt>
Candidate FirstDate(std::string_view text, ReadAt read_at) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (!StartsWord(text, pos)) {
      ++pos;
      continue;
    }
    const std::optional<Written> written = read_at(text, pos);
    if (!written) {
      ++pos;
    } else if (!written->date.empty()) {
      return {pos, written->date};
    } else {
      pos = written->end;
    }
  }
  return {};
}

}  // namespace

std::string FindDutchDate(std::string_view text) {
  const Candidate candidates[] = {
      FirstDate(text, IsoAt),
      FirstDate(text, NumericAt),
      FirstDate(text, [](std::string_view t, std::size_t pos) { return NamedAt(t, pos, false); }),
  };
  const Candidate* best = nullptr;
  for (const auto& candidate : candidates) {
    if (candidate.position == std::string_view::npos) continue;
    if (best == nullptr || candidate.position < best->position) best = &candidate;
  }
  return best == nullptr ? std::string() : best->date;
}

std::string NormaliseDate(std::string_view value) {
  const std::string text = scan::CollapseWhitespace(value);
  if (text.empty()) return {};
  // ISO 8601 at the start, possibly with a time: "2019-09-24T17:14:49.721Z", "2018-10", "2018".
  // Also "2025/07/11 10:00" as some static site generators write it.
  if (const int year = YearAt(text, 0); year != 0) {
    const auto ends = [&](std::size_t pos) {
      return pos >= text.size() || text[pos] == 'T' || IsSpace(text[pos]);
    };
    int month = 0;
    int day = 0;
    bool iso = false;
    std::size_t month_end = 0;
    std::size_t day_end = 0;
    if (IsSeparator(text, 4, "-/") && (month = SmallNumberAt(text, 5, &month_end)) >= 0) {
      if (IsSeparator(text, month_end, "-/") &&
          (day = SmallNumberAt(text, month_end + 1, &day_end)) >= 0 && ends(day_end)) {
        iso = true;
      } else if (ends(month_end)) {
        iso = true;
        day = 0;
      }
    }
    if (!iso && ends(4)) {
      iso = true;
      month = 0;
      day = 0;
    }
    if (iso) {
      if (std::string date = Format(year, month, day); !date.empty()) return date;
    }
  }
  // "Wed, 03 Jul 2019 17:28:37 GMT": the first day, English month and year written.
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (!StartsWord(text, pos)) continue;
    if (const auto written = NamedAt(text, pos, true)) {
      if (!written->date.empty()) return written->date;
      break;
    }
  }
  return FindDutchDate(text);
}

}  // namespace kb::extract

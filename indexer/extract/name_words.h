// Words of people's and organisations' names (internal header): the small tests that
// people.cpp and organisations.cpp share. Bytes >= 0x80 count as letters (text_scan.h).
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "text_scan.h"

namespace kb::extract::names {

// Academic titles and honorifics written before a name: "Prof.dr.ir.", "mr.", "drs.", "dhr.".
inline bool IsTitleToken(std::string_view token) {
  constexpr std::array<std::string_view, 15> kTitles{"prof", "dr",   "mr",  "drs", "ir",
                                                     "ing",  "ds",   "bc",  "em",  "dhr",
                                                     "mw",   "mevr", "lic", "mag", "ds"};
  const std::string lower = scan::ToLowerAscii(token);
  std::size_t parts = 0;
  std::size_t start = 0;
  while (start <= lower.size()) {
    std::size_t end = lower.find('.', start);
    if (end == std::string::npos) end = lower.size();
    const std::string_view part = std::string_view(lower).substr(start, end - start);
    if (!part.empty()) {
      if (std::find(kTitles.begin(), kTitles.end(), part) == kTitles.end()) return false;
      ++parts;
    }
    start = end + 1;
  }
  return parts > 0;
}

// Words that join a Dutch (or Arabic, French, German) family name: "van", "de", "el", "von".
inline bool IsNameParticle(std::string_view token) {
  constexpr std::array<std::string_view, 22> kParticles{
      "van", "de",  "der", "den", "het", "'t", "ter", "ten", "te", "in", "el",
      "al",  "von", "le",  "la",  "du",  "da", "di",  "del", "op", "'s", "bin"};
  return std::find(kParticles.begin(), kParticles.end(), token) != kParticles.end();
}

inline bool StartsUpper(std::string_view token) {
  if (token.empty()) return false;
  const auto c = static_cast<unsigned char>(token[0]);
  // A multi-byte letter (É, Ö, Ş) is taken as a capital: names rarely start in lower case.
  return (c >= 'A' && c <= 'Z') || c >= 0xC3;
}

// "J.", "M.R.", "Th.", "P.P.C.C.": initials standing for first names.
inline bool IsInitials(std::string_view token) {
  if (token.size() < 2 || token.back() != '.') return false;
  std::size_t segment = 0;
  for (const char c : token) {
    if (c == '.') {
      if (segment == 0 || segment > 2) return false;
      segment = 0;
    } else if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      if (segment == 0 && !std::isupper(static_cast<unsigned char>(c))) return false;
      ++segment;
    } else {
      return false;
    }
  }
  return true;
}

inline std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && text[start] == ' ') ++start;
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end;
  }
  return words;
}

inline bool IsWordBoundary(std::string_view text, std::size_t at) {
  return at >= text.size() || !scan::IsWordByte(text[at]);
}

// Trims what surrounds a name in a sentence: spaces, quotes and closing punctuation.
inline std::string TrimName(std::string_view text) {
  std::string out = scan::CollapseWhitespace(text);
  while (!out.empty() && (out.back() == ',' || out.back() == '.' || out.back() == ';' ||
                          out.back() == ':' || out.back() == '-')) {
    out.pop_back();
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }
  return out;
}

// The value of a "Label: value" or "Label value" line when the line starts with one of
// `labels` (lower case, as written before the value), else empty.
inline std::string_view ValueAfterLabel(std::string_view line, std::string_view lower,
                                        std::initializer_list<std::string_view> labels) {
  for (const std::string_view label : labels) {
    if (lower.substr(0, label.size()) != label) continue;
    std::string_view value = line.substr(label.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == ':')) value.remove_prefix(1);
    return value;
  }
  return {};
}

}  // namespace kb::extract::names

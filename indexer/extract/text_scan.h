// Small byte-level helpers shared by the extractors and metadata heuristics (internal header).
// They treat UTF-8 bytes >= 0x80 as letters, which is right for the Latin-script text we meet
// and never splits a multi-byte character.
#pragma once

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb::extract::scan {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

inline std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Trims and turns every run of whitespace (including U+00A0) into one space.
inline std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (IsAsciiSpace(c) || nbsp) {
      if (nbsp) ++i;
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Number of letters, counting each UTF-8 character of two or more bytes once.
inline std::size_t CountLetters(std::string_view text) {
  std::size_t letters = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0xC0) ++letters;
  }
  return letters;
}

// Lower-cased words (letters plus inner apostrophes, as in Frisian "dy't").
inline std::vector<std::string> LowerWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool inner_apostrophe =
        c == '\'' && !current.empty() && i + 1 < text.size() && IsWordByte(text[i + 1]);
    if (IsWordByte(c) || inner_apostrophe) {
      current.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// At most the first `max_bytes` of UTF-8 `text`, never ending inside a character (for valid
// UTF-8; a cut after an invalid byte stays where it is).
inline std::string_view Utf8Prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// The first `max_bytes` of the pages joined with newlines, cut at a UTF-8 character boundary.
inline std::string JoinedPrefix(const std::vector<std::string>& pages, std::size_t max_bytes) {
  std::string out;
  for (const auto& page : pages) {
    if (out.size() >= max_bytes) break;
    out.append(Utf8Prefix(page, max_bytes - out.size()));
    out.push_back('\n');
  }
  return std::string(Utf8Prefix(out, max_bytes));
}

// Lines of lower-case text starting with "Artikel 1", "Artikel 2a", "Artikel 12." (optionally after
// '#' or '**').
inline std::size_t CountArticleHeadings(std::string_view lower_text) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (start < lower_text.size()) {
    std::size_t end = lower_text.find('\n', start);
    if (end == std::string_view::npos) end = lower_text.size();
    std::string_view line = lower_text.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '#' || line.front() == '*')) {
      line.remove_prefix(1);
    }
    constexpr std::string_view kArtikel = "artikel ";
    if (line.substr(0, kArtikel.size()) == kArtikel && line.size() > kArtikel.size() &&
        std::isdigit(static_cast<unsigned char>(line[kArtikel.size()])) != 0) {
      ++count;
    }
  }
  return count;
}

// Repairs what a parser let through: every byte sequence that is not UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF) becomes U+FFFD, and a NUL becomes a space.
// Returns whether anything changed.
inline bool RepairUtf8(std::string& text) {
  std::string out;
  bool changed = false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    std::size_t length = lead < 0x80                    ? 1
                         : lead >= 0xC2 && lead <= 0xDF ? 2
                         : lead >= 0xE0 && lead <= 0xEF ? 3
                         : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                        : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (byte(i + k) & 0xC0) == 0x80;
    if (valid && length == 3) {
      const unsigned char second = byte(i + 1);
      valid = !(lead == 0xE0 && second < 0xA0) && !(lead == 0xED && second >= 0xA0);
    }
    if (valid && length == 4) {
      const unsigned char second = byte(i + 1);
      valid = !(lead == 0xF0 && second < 0x90) && !(lead == 0xF4 && second >= 0x90);
    }
    if (!valid) {
      out.append("\xEF\xBF\xBD");
      changed = true;
      ++i;
    } else if (lead == 0) {
      out.push_back(' ');
      changed = true;
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  if (changed) text = std::move(out);
  return changed;
}

}  // namespace kb::extract::scan

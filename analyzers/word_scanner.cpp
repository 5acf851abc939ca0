#include "word_scanner.h"

#include <unicode/uchar.h>

#include "kb/analysis/text_fold.h"

#include <limits>

namespace kb::analysis {
namespace {

// Decodes one code point at text[i]; returns 0xFFFD with length 1 for an invalid sequence.
char32_t Decode(std::string_view text, std::size_t i, std::size_t* length) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    *length = 1;
    return b0;
  }
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (n == 0 || n > 4 || i + n > text.size()) {
    *length = 1;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      *length = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *length = n;
  return cp;
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  return cp != 0xFFFD && (u_isalnum(static_cast<UChar32>(cp)) || u_getCombiningClass(cp) != 0);
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp));
}

bool IsBullet(char32_t cp) {
  return cp == '#' || cp == '*' || cp == '-' || cp == '|' || cp == '>' || cp == 0x2022 ||
         cp == 0x2013 || cp == 0x25CF || cp == 0xB7;
}

}  // namespace

std::vector<ScannedWord> ScanWords(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<std::uint32_t>::max());
  }
  std::vector<ScannedWord> words;
  words.reserve(text.size() / 6);
  bool sentence_start = true;  // the next word starts a sentence
  bool line_start = true;      // only bullets and spaces seen on this line so far
  int newlines = 0;            // newlines since the previous word
  std::size_t gap_begin = 0;   // where the separators after the previous word began
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 0;
    char32_t cp = Decode(text, i, &length);
    if (!IsWordChar(cp)) {
      if (cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == '|' ||
          cp == 0x2022) {
        sentence_start = true;
      } else if (cp == '\n') {
        if (++newlines >= 2) sentence_start = true;
        line_start = true;
      } else if ((line_start && IsBullet(cp)) ||
                 ((cp == '-' || cp == 0x2013) && i > 0 && text[i - 1] == ' ' &&
                  i + length < text.size() && text[i + length] == ' ')) {
        sentence_start = true;
      } else if (cp != ' ' && cp != '\t' && cp != '\r') {
        line_start = false;
      }
      i += length;
      continue;
    }
    ScannedWord word;
    word.begin = static_cast<std::uint32_t>(i);
    word.capitalised = IsUpper(cp);
    word.sentence_start = sentence_start;
    const std::string_view gap = text.substr(gap_begin, i - gap_begin);
    word.hyphen_before = !words.empty() && (gap == "-" || gap == "\u2010" || gap == "\u2011");
    word.space_before =
        !words.empty() && !gap.empty() && gap.find_first_not_of(" \t") == std::string_view::npos;
    word.all_caps = true;
    while (i < text.size()) {
      cp = Decode(text, i, &length);
      if (!IsWordChar(cp)) break;
      if (word.all_caps && u_islower(static_cast<UChar32>(cp))) word.all_caps = false;
      i += length;
    }
    word.end = static_cast<std::uint32_t>(i);
    AppendBaseLetters(text.substr(word.begin, word.end - word.begin), word.folded);
    words.push_back(std::move(word));
    sentence_start = false;
    line_start = false;
    newlines = 0;
    gap_begin = i;
  }
  return words;
}

std::vector<std::string> FoldPhrase(std::string_view phrase) {
  std::vector<std::string> folded;
  for (ScannedWord& word : ScanWords(phrase)) {
    if (word.end < phrase.size() && phrase[word.end] == '*') word.folded.push_back('*');
    folded.push_back(std::move(word.folded));
  }
  return folded;
}

}  // namespace kb::analysis

#include "kb/analysis/text_fold.h"

#include <algorithm>
#include <array>
#include <utility>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kb::analysis {
namespace {

// U+00C0..U+00FF (UTF-8 C3 80..C3 BF) folded to one ASCII letter, as the ICU path folds them; 0
// where it folds to something else: Æ æ Ð ð Ø ø Þ þ stay letters of their own, × ÷ are no
// letters, ß becomes "ss".
constexpr char kLatin1Fold[64 + 1] =
    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"
    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

// Latin letters without a decomposition, as ASCII writes them ("Łódź" -> "Lodz").
constexpr std::array<std::pair<UChar32, const char*>, 16> kLatinLetters = {{
    {0x00C6, "AE"},
    {0x00E6, "ae"},
    {0x00D0, "D"},
    {0x00F0, "d"},
    {0x00D8, "O"},
    {0x00F8, "o"},
    {0x00DE, "TH"},
    {0x00FE, "th"},
    {0x00DF, "ss"},
    {0x0141, "L"},
    {0x0142, "l"},
    {0x0110, "D"},
    {0x0111, "d"},
    {0x0131, "i"},
    {0x0152, "OE"},
    {0x0153, "oe"},
}};

// Appends the fold of `text` when it is ASCII and Latin-1 letters that decompose; false (and
// `out` unchanged) when the text needs ICU.
bool AppendFoldedFast(std::string_view text, std::string& out) {
  const std::size_t size = out.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
      continue;
    }
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    const char folded = c == 0xC3 && next >= 0x80 && next <= 0xBF ? kLatin1Fold[next - 0x80] : 0;
    if (folded == 0) {
      out.resize(size);
      return false;
    }
    out.push_back(folded);
    ++i;
  }
  return true;
}

// Apostrophe look-alikes that NFKC leaves alone but Dutch text uses for "auto's".
bool IsApostrophe(UChar32 c) { return c == 0x2019 || c == 0x2018 || c == 0x02BC; }

void FoldWithIcu(std::string_view text, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {  // ICU data missing: keep the text rather than lose it
    out.append(text);
    return;
  }
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = nfkc_cf->normalize(source, status);
  icu::UnicodeString decomposed = nfd->normalize(folded, status);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (U_GET_GC_MASK(c) & U_GC_MN_MASK) continue;  // combining diacritic
    stripped.append(IsApostrophe(c) ? UChar32{'\''} : c);
  }
  icu::UnicodeString composed = nfc->normalize(stripped, status);
  if (U_FAILURE(status)) {
    out.append(text);
    return;
  }
  composed.toUTF8String(out);
}

}  // namespace

std::string WithoutDiacritics(std::string_view text) {
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(text);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString decomposed =
      nfkd->normalize(icu::UnicodeString::fromUTF8(
                          icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                      status);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (U_GET_GC_MASK(c) & U_GC_MN_MASK) continue;
    const auto latin = std::find_if(kLatinLetters.begin(), kLatinLetters.end(),
                                    [c](const auto& letter) { return letter.first == c; });
    if (latin != kLatinLetters.end()) {
      stripped.append(icu::UnicodeString(latin->second));
    } else {
      stripped.append(c);
    }
  }
  const icu::UnicodeString composed = nfc->normalize(stripped, status);
  std::string out;
  if (U_FAILURE(status)) return std::string(text);
  composed.toUTF8String(out);
  return out;
}

void AppendFolded(std::string_view text, std::string& out) {
  if (!AppendFoldedFast(text, out)) FoldWithIcu(text, out);
}

void AppendBaseLetters(std::string_view text, std::string& out) {
  if (AppendFoldedFast(text, out)) return;
  std::string folded;
  FoldWithIcu(text, folded);
  out += WithoutDiacritics(folded);
}

std::string Slug(std::string_view name) {
  std::string out;
  bool dash = false;
  std::string base;
  AppendBaseLetters(name, base);
  for (const char c : base) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(c);
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace kb::analysis

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

void AppendFolded(std::string_view text, std::string& out) {
  if (!AppendFoldedFast(text, out)) FoldWithIcu(text, out);
}

std::string Slug(std::string_view name) {
  // Latin letters without a decomposition, as identifiers write them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kAscii = {{
      {"\xC3\xA6", "ae"},  // æ
      {"\xC3\xB0", "d"},   // ð
      {"\xC3\xB8", "o"},   // ø
      {"\xC3\xBE", "th"},  // þ
      {"\xC5\x82", "l"},   // ł
      {"\xC4\x91", "d"},   // đ
      {"\xC4\xB1", "i"},   // ı
      {"\xC5\x93", "oe"},  // œ
      {"\xC4\xB3", "ij"},  // ĳ
  }};
  const std::string folded = Folded(name);
  std::string out;
  bool dash = false;
  const auto append = [&](std::string_view letters) {
    if (dash && !out.empty()) out.push_back('-');
    dash = false;
    out.append(letters);
  };
  for (std::size_t i = 0; i < folded.size();) {
    const char c = folded[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      append(std::string_view(&folded[i], 1));
      ++i;
      continue;
    }
    const auto known = std::find_if(kAscii.begin(), kAscii.end(), [&](const auto& letter) {
      return std::string_view(folded).substr(i, letter.first.size()) == letter.first;
    });
    if (known != kAscii.end()) {
      append(known->second);
      i += known->first.size();
      continue;
    }
    dash = true;
    ++i;
  }
  return out;
}

}  // namespace kb::analysis

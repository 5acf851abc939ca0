#include "text_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kb::analysis {
namespace {

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
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
  if (IsAscii(text)) {
    for (char c : text) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return;
  }
  FoldWithIcu(text, out);
}

}  // namespace kb::analysis

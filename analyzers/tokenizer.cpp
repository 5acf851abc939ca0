#include "kb/analysis/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kb::analysis {
namespace {

enum class CharClass { kWord, kDigit, kHyphen, kApostrophe, kNumberPunct, kOther };

bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

CharClass Classify(UChar32 c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kWord;
    if (c == '-') return CharClass::kHyphen;
    if (c == '\'') return CharClass::kApostrophe;
    if (c == '.' || c == ',') return CharClass::kNumberPunct;
    return CharClass::kOther;
  }
  if (c == 0x2019 || c == 0x02BC) return CharClass::kApostrophe;
  if (IsHyphen(c)) return CharClass::kHyphen;
  if (c == 0x00AD) return CharClass::kWord;  // soft hyphen: part of the word, folded away
  if (u_isdigit(c)) return CharClass::kDigit;
  if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) return CharClass::kWord;
  return CharClass::kOther;
}

bool IsWordish(CharClass c) { return c == CharClass::kWord || c == CharClass::kDigit; }

// Decodes the code point at `pos` without advancing; `len` receives its byte length.
UChar32 PeekAt(std::string_view text, std::size_t pos, std::size_t& len) {
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  len = static_cast<std::size_t>(i) - pos;
  return c;
}

CharClass ClassAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return CharClass::kOther;
  std::size_t len;
  UChar32 c = PeekAt(text, pos, len);
  return c < 0 ? CharClass::kOther : Classify(c);
}

}  // namespace

bool Tokenizer::Next(Token& token) {
  while (pos_ < text_.size()) {
    // Skip to the start of a word.
    std::size_t len;
    UChar32 c = PeekAt(text_, pos_, len);
    CharClass cls = c < 0 ? CharClass::kOther : Classify(c);
    if (!IsWordish(cls)) {
      if (cls != CharClass::kHyphen) hyphen_before_ = false;
      pos_ += len;
      continue;
    }
    const std::size_t start = pos_;
    CharClass prev = cls;
    pos_ += len;
    while (pos_ < text_.size()) {
      c = PeekAt(text_, pos_, len);
      cls = c < 0 ? CharClass::kOther : Classify(c);
      if (IsWordish(cls)) {
        prev = cls;
        pos_ += len;
        continue;
      }
      const CharClass next = ClassAt(text_, pos_ + len);
      const bool keep_apostrophe =
          cls == CharClass::kApostrophe && prev == CharClass::kWord && next == CharClass::kWord;
      const bool keep_number_punct =
          cls == CharClass::kNumberPunct && prev == CharClass::kDigit && next == CharClass::kDigit;
      if (!keep_apostrophe && !keep_number_punct) break;
      pos_ += len;
    }
    const std::size_t end = pos_;
    const bool joined = hyphen_before_ && start > 0;
    hyphen_before_ = false;
    bool dangling = false;
    if (pos_ < text_.size()) {
      c = PeekAt(text_, pos_, len);
      if (c >= 0 && Classify(c) == CharClass::kHyphen) {
        const CharClass after = ClassAt(text_, pos_ + len);
        if (IsWordish(after)) {
          hyphen_before_ = true;
        } else if (pos_ + len >= text_.size() || text_[pos_ + len] == ' ' ||
                   text_[pos_ + len] == ',') {
          dangling = true;
        }
        pos_ += len;
      }
    }
    if (end - start > kMaxWordBytes) continue;
    token.text = text_.substr(start, end - start);
    token.offset = start;
    token.joined = joined;
    token.dangling = dangling;
    return true;
  }
  return false;
}

}  // namespace kb::analysis

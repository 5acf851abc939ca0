// Text decoding: turns the bytes of a text file into UTF-8 without mojibake.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kb/core/status.h"

namespace kb::analysis {

struct DecodedText {
  std::string utf8;     // the text as UTF-8, BOM removed, NUL-free
  std::string charset;  // lower-case canonical name: "utf-8", "windows-1252", "utf-16le", ...
};

// Detects the encoding (BOM, strict UTF-8 validation, then ICU's charset detector restricted to
// the encodings Dutch text actually comes in) and converts to UTF-8.
// Returns InvalidArgument when the bytes are not text (binary data).
Result<DecodedText> DecodeToUtf8(std::string_view bytes);

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Every
// text that crosses an interface is checked with this one rule.
bool IsValidUtf8(std::string_view bytes);

// The characters of valid UTF-8: its bytes that do not continue a character.
std::size_t Utf8Length(std::string_view utf8);

}  // namespace kb::analysis

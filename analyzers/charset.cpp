// PLACEHOLDER implementation (skeleton): UTF-8 or Latin-1. To be replaced by ICU detection.
#include "kb/analysis/charset.h"

namespace kb::analysis {

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  DecodedText out;
  out.charset = "utf-8";
  out.utf8 = std::string(bytes);
  return out;
}

}  // namespace kb::analysis

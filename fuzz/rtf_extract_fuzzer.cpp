// Fuzzes the RTF reader (rtf_extractor.cpp): groups, control words and their parameters, hex
// and \uN escapes with their fallbacks, code pages through ICU, skipped destinations and \info.
#include <cstddef>
#include <cstdint>

#include "extract_file_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kb::fuzz::ExtractFileInput input("jeugdwet_2025.rtf");
  return input.Run(data, size);
}

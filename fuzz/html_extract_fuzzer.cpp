// Fuzzes web page extraction: libxml2's HTML parser on any bytes, the charset rule, the content
// root, the furniture rules and the metadata (html_extractor.cpp), then the privacy guard and
// the metadata heuristics ExtractFile applies to every format.
#include <cstddef>
#include <cstdint>

#include "extract_file_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kb::fuzz::ExtractFileInput input("nieuwsbericht_2019-07-03.html");
  return input.Run(data, size);
}

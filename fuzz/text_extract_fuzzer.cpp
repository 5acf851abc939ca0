// Fuzzes plain-text extraction: charset detection and decoding (kb::analysis::DecodeToUtf8 with
// ICU's detector), the "no words" check and the metadata heuristics (title, date, kind,
// language) on whatever bytes a .txt file holds. The file name carries a date, as many corpus
// files do, so the date fallback runs too.
#include <cstddef>
#include <cstdint>

#include "extract_file_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One temporary folder for the whole run (libFuzzer gives the callback no context).
  static kb::fuzz::ExtractFileInput input("verslag_14-02-2021.txt");
  return input.Run(data, size);
}

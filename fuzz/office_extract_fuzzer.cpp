// Fuzzes the ZIP packages (office_extractor.cpp, zip_archive.cpp): libzip on damaged archives,
// bounded inflation, the XML parts through libxml2 and the Word, PowerPoint, OpenDocument and
// EPUB walkers, relationship targets and spine references included.
#include <cstddef>
#include <cstdint>

#include "extract_file_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kb::fuzz::ExtractFileInput input("rapport_2021.docx");
  return input.Run(data, size);
}

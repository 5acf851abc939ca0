// Fuzzes Markdown extraction: after charset decoding, MarkdownToText (front matter, Liquid and
// HTML tags, entities, headings, links, tables, fences) and the metadata taken from the front
// matter (title, date, authors, organisation from a URL). Seeds: two posts written here, and
// Jekyll posts, wiki exports and law dumps of the shared corpus (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>

#include "extract_file_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One temporary folder for the whole run (libFuzzer gives the callback no context).
  static kb::fuzz::ExtractFileInput input("2019-10-30-bericht.md");
  return input.Run(data, size);
}

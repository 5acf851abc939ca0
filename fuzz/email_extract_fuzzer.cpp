// Fuzzes e-mail extraction (email_extractor.cpp): the header sniffing, GMime's MIME parser on
// damaged messages, text and HTML parts, and attachments extracted as files of their own.
#include <cstddef>
#include <cstdint>

#include "extract_file_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kb::fuzz::ExtractFileInput input("verslag_2023-03-14.eml");
  return input.Run(data, size);
}

// Parts of a document's text that are not its own content (document_parts.h).
#include "kb/analysis/document_parts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace kb::analysis {
namespace {

// Headings of a bibliography, letters only, lower case.
constexpr std::array<std::string_view, 11> kBibliographyHeadings = {
    "bronnen",      "literatuur",     "literatuurlijst", "referenties",
    "bibliografie", "bronvermelding", "bronnenlijst",    "references",
    "noten",        "voetnoten",      "eindnoten"};
// A heading line is short; a longer line is a sentence that starts with such a word.
constexpr std::size_t kMaxHeadingBytes = 40;

}  // namespace

std::size_t BibliographyStart(std::string_view text) {
  std::size_t line = text.find('\n', text.size() / 2);
  while (line != std::string_view::npos && line < text.size()) {
    const std::size_t begin = line + 1;
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string heading;
    for (std::size_t k = begin; k < end && heading.size() < kMaxHeadingBytes; ++k) {
      const auto c = static_cast<unsigned char>(text[k]);
      if (std::isalpha(c)) heading.push_back(static_cast<char>(std::tolower(c)));
    }
    if (end - begin < kMaxHeadingBytes &&
        std::find(kBibliographyHeadings.begin(), kBibliographyHeadings.end(), heading) !=
            kBibliographyHeadings.end()) {
      return begin;
    }
    line = end;
  }
  return std::string_view::npos;
}

}  // namespace kb::analysis

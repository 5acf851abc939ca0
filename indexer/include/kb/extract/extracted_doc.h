// ExtractedDoc: what an extractor gets out of one file, before analysis.
#pragma once

#include <string>
#include <vector>

namespace kb::extract {

struct ExtractedDoc {
  std::string format;                // "pdf", "text", "markdown"
  std::string title;                 // never empty after extraction (file name as last resort)
  std::vector<std::string> authors;  // from the file's metadata or a byline
  std::string organisation;          // publishing organisation when recognisable
  std::string date;                  // "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty
  std::string kind;                  // rapport, interview, artikel, wet, overig
  std::string language;              // ISO 639-1 ("nl", "fy", "en", ...)
  std::string encoding;              // text files: detected charset; PDFs: empty
  std::vector<std::string> pages;    // UTF-8 text per page; one element for text files
};

}  // namespace kb::extract

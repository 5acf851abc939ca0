// ExtractedDoc: what an extractor gets out of one file, before analysis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb::extract {

// Bounds on the metadata fields of every ExtractedDoc that extraction returns; the worker
// protocol refuses a reply beyond them.
inline constexpr std::size_t kMaxTitleBytes = 250;
inline constexpr std::size_t kMaxAuthors = 30;
inline constexpr std::size_t kMaxAuthorBytes = 120;
// Declared organisations are kept whole up to this (editors may write 300 characters).
inline constexpr std::size_t kMaxOrganisationBytes = 500;
// format, date, kind, evidence, language, encoding: short codes.
inline constexpr std::size_t kMaxCodeBytes = 64;

// ExtractedDoc::title_source when no title was found in the file and the file name had to do:
// such a title goes to the editors' review queue however readable it is.
inline constexpr std::string_view kTitleFromFileName = "file name";

struct ExtractedDoc {
  std::string format;                // "pdf", "text", "markdown"
  std::string title;                 // never empty after extraction (file name as last resort)
  std::string title_source;          // "cover", "metadata", "heading", "text", kTitleFromFileName
  std::vector<std::string> authors;  // one person each: cover, byline, confirmed metadata
  std::string organisation;          // publishing organisation when recognisable
  std::string date;                  // "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty
  std::string kind;                  // rapport, interview, artikel, wet, overig
  std::string evidence;              // one of schema::kEvidenceTypes (ClassifyEvidence)
  std::string language;              // ISO 639-1 ("nl", "fy", "en", ...)
  std::string encoding;              // text files: detected charset; PDFs: empty
  std::vector<std::string> pages;    // UTF-8 text per page; one element for text files
  // PDF pages (1-based) whose text came from OCR of the page image, not from a text layer.
  std::vector<int> ocr_pages;
  // Identifying numbers masked by the privacy guard (personal_data.h): how many, on which pages.
  int personal_data_count = 0;
  std::vector<int> personal_data_pages;
};

}  // namespace kb::extract

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

// An e-mail's attachments become documents of their own; their bytes, all together, up to this
// (a bigger attachment is still indexed, but its file cannot be opened from the index).
inline constexpr std::size_t kMaxAttachmentBytesTotal = std::size_t{64} << 20;
// At most this many of them per file (a forwarded message's own included).
inline constexpr std::size_t kMaxAttachmentDocuments = 100;

struct ExtractedAttachment;

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
  // Files inside this one that are documents of their own (an e-mail's attachments), in order.
  std::vector<ExtractedAttachment> attachments;
};

// An attachment's name as one safe file name: the last part of a path, no control characters,
// never "." or "..", at most 150 bytes (cut between characters, the extension kept).
std::string AttachmentFileName(std::string_view name);

struct ExtractedAttachment {
  std::string name;   // the file name the message gives it, as AttachmentFileName makes it
  std::string bytes;  // the file itself; empty beyond kMaxAttachmentBytesTotal
  ExtractedDoc doc;   // extracted as a file of its own (never with attachments of its own)
};

}  // namespace kb::extract

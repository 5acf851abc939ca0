// The per-format extractors behind ExtractFile (internal header). Each gets the file's bytes
// (already read and size-checked) and returns the text plus what the file declares about itself;
// ExtractFile then applies the metadata heuristics.
#pragma once

#include <filesystem>
#include <string_view>

#include "kb/core/status.h"
#include "kb/extract/extracted_doc.h"
#include "kb/extract/extractor.h"
#include "kb/extract/metadata.h"

namespace kb::extract {

struct RawExtraction {
  ExtractedDoc doc;           // format, pages, encoding filled; metadata fields still empty
  DeclaredMetadata declared;  // what the file says about its own title, date, authors
};

// Poppler, page by page in reading order. InvalidArgument for encrypted, damaged or empty PDFs.
// Catches every exception Poppler may throw. `bytes` must stay alive during the call.
Result<RawExtraction> ExtractPdf(const std::filesystem::path& path, std::string_view bytes,
                                 const ExtractOptions& options);

// Plain text and Markdown (`markdown` selects front matter and markup handling), decoded with
// kb::analysis::DecodeToUtf8. InvalidArgument for binary data.
Result<RawExtraction> ExtractText(const std::filesystem::path& path, std::string_view bytes,
                                  bool markdown);

// ZIP packages, told apart by content: DOCX, PPTX, ODT/ODP, EPUB (office_extractor.cpp).
// InvalidArgument naming the file for a broken, encrypted or unsupported package.
Result<RawExtraction> ExtractPackage(const std::filesystem::path& path, std::string_view bytes,
                                     const ExtractOptions& options);

// A saved web page: its main content and declared metadata (html_extractor.cpp).
Result<RawExtraction> ExtractHtml(const std::filesystem::path& path, std::string_view bytes);

// OLE compound files: Word 97-2003 through antiword or catdoc; encrypted Office files and
// other OLE files get a reason (ole_extractor.cpp).
Result<RawExtraction> ExtractOle(const std::filesystem::path& path, std::string_view bytes,
                                 const ExtractOptions& options);

// An e-mail message's header block: From and one of Date, Subject, Received, Message-ID,
// MIME-Version among "Name: value" lines at the very start.
bool LooksLikeEmail(std::string_view bytes);
// E-mail (.eml); its attachments extracted as documents of their own (email_extractor.cpp).
Result<RawExtraction> ExtractEmail(const std::filesystem::path& path, std::string_view bytes,
                                   const ExtractOptions& options);

// RTF (rtf_extractor.cpp).
Result<RawExtraction> ExtractRtf(const std::filesystem::path& path, std::string_view bytes,
                                 const ExtractOptions& options);

}  // namespace kb::extract

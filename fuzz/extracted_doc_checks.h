// The contract every extracted document keeps, checked by the extraction fuzzers: the
// ExtractedDoc comment promises UTF-8 text, and ExtractFile a title that is never empty; an
// e-mail's attachments keep it too, under safe file names. A broken promise aborts, so
// libFuzzer reports it like a crash, with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "kb/analysis/charset.h"
#include "kb/extract/extracted_doc.h"

namespace kb::fuzz {

inline void Require(bool condition, const char* what, const std::string& value) {
  if (condition) return;
  std::fprintf(stderr, "broken contract: %s (%zu bytes)\n", what, value.size());
  std::abort();
}

inline void CheckExtractedDoc(const extract::ExtractedDoc& doc) {
  Require(!doc.title.empty(), "the title is empty", doc.title);
  const std::pair<const char*, const std::string*> fields[] = {
      {"the title is not UTF-8", &doc.title},
      {"the organisation is not UTF-8", &doc.organisation},
      {"the date is not UTF-8", &doc.date},
      {"the kind is not UTF-8", &doc.kind},
      {"the evidence type is not UTF-8", &doc.evidence},
      {"the language is not UTF-8", &doc.language}};
  for (const auto& [what, field] : fields) Require(analysis::IsValidUtf8(*field), what, *field);
  for (const auto& author : doc.authors) {
    Require(!author.empty() && analysis::IsValidUtf8(author), "an author is empty or not UTF-8",
            author);
  }
  for (const auto& page : doc.pages) {
    Require(analysis::IsValidUtf8(page), "a page is not UTF-8", page);
    Require(page.find('\0') == std::string::npos, "a page holds a NUL byte", page);
  }
  // An e-mail's attachments: each a document of its own under one safe file name.
  Require(doc.attachments.size() <= extract::kMaxAttachmentDocuments, "too many attachments",
          doc.title);
  for (const auto& attachment : doc.attachments) {
    Require(analysis::IsValidUtf8(attachment.name) &&
                attachment.name == extract::AttachmentFileName(attachment.name),
            "an attachment's name is not one safe file name", attachment.name);
    Require(attachment.doc.attachments.empty(), "an attachment has attachments of its own",
            attachment.name);
    CheckExtractedDoc(attachment.doc);
  }
}

}  // namespace kb::fuzz

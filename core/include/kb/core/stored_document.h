// What the index stores per document (Xapian document data, JSON): everything a search hit or a
// document page shows without going back to the file. Written by kb-indexer, read by kb-searchd.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kb/core/status.h"

namespace kb {

struct ThemeTag {
  std::string slug;  // taxonomy key, e.g. "jeugdhulp"
  std::string name;  // display name, e.g. "Jeugdhulp"
  double score = 0;  // tagger confidence in [0, 1]
};

struct GemeenteTag {
  std::string code;       // CBS code, e.g. "GM0106"
  std::string name;       // current official name, e.g. "Assen"
  std::string provincie;  // provincie name, e.g. "Drenthe"
  int mentions = 0;       // how often the document mentions it
};

// Another file of the same report that an editor merged into this document.
struct AlsoPublishedAs {
  std::string id;  // the duplicate's document id
  std::string title;
  std::string format;  // "pdf", "text", "markdown"
  std::string path;
};

// A document inside a file (an e-mail's attachment) and the file's own document: each names the
// other.
struct LinkedDocument {
  std::string id;
  std::string title;
  std::string format;
};

// What the machine (extraction and taggers) decided, kept when an editor overrides it, so the
// editors' page can show both and an override can be undone without re-extracting.
struct MachineFacts {
  std::string title;
  std::string date;
  std::string kind;
  std::string evidence;
  std::string organisation;
  std::vector<ThemeTag> themes;
  std::vector<GemeenteTag> gemeenten;
  std::vector<std::string> provincies;
};

struct StoredDocument {
  std::string id;            // unique id (hex), also the Q term
  std::string title;         // never empty
  std::string title_source;  // where extraction found it (ExtractedDoc::title_source)
  std::vector<std::string> authors;
  std::string organisation;
  std::string date;                // "YYYY-MM-DD", "YYYY" or empty
  int year = 0;                    // 0 when unknown
  std::string kind;                // one of schema::kKinds
  std::string evidence;            // one of schema::kEvidenceTypes; empty in older data
  std::string language;            // ISO 639-1, e.g. "nl"
  std::string format;              // "pdf", "text", "markdown"
  std::string path;                // absolute source path
  std::uint64_t size = 0;          // file size in bytes
  std::string content_hash;        // hex hash of the file bytes
  std::string encoding;            // detected text encoding (text files), e.g. "windows-1252"
  std::vector<std::string> pages;  // text per page (one element for text files)
  std::vector<ThemeTag> themes;
  std::vector<GemeenteTag> gemeenten;
  std::vector<std::string> provincies;  // provincie names, including those of the gemeenten

  // Editorial state (schema 2), applied by kb-indexer from the editorial store.
  bool edited = false;      // an editor override is applied; `machine` holds the originals
  bool hidden = false;      // hidden by an editor or merged into another document
  std::string merged_into;  // id of the kept document when this one is a merged duplicate
  std::vector<AlsoPublishedAs> also_published_as;  // duplicates merged into this document
  MachineFacts machine;                            // filled when `edited`
  std::vector<std::string> review;  // review queue flags (kb/editorial/review.h), e.g. "title"
  // Identifying numbers (BSN, IBAN) masked in the text before indexing: how many, on which
  // 1-based pages; never the numbers. Absent from the JSON when there were none.
  int personal_data_count = 0;
  std::vector<int> personal_data_pages;
  // PDF pages (1-based) read by OCR from the page image: their text may hold recognition errors.
  std::vector<int> ocr_pages;
  // An attachment: the message it came with (`attachment_of.id` empty otherwise) and the
  // message's file, which kb-indexer reads to rebuild it. `path` is then the index's own copy of
  // the attachment (schema::kAttachmentsFolder).
  LinkedDocument attachment_of;
  std::string container_path;
  // A message: its attachments that are documents of their own.
  std::vector<LinkedDocument> attachments;

  // The file kb-indexer reads to build this document: the message's for an attachment.
  const std::string& SourcePath() const { return container_path.empty() ? path : container_path; }

  std::string ToJson() const;
  static Result<StoredDocument> FromJson(const std::string& json);
};

}  // namespace kb

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

struct StoredDocument {
  std::string id;     // unique id (hex), also the Q term
  std::string title;  // never empty
  std::vector<std::string> authors;
  std::string organisation;
  std::string date;                // "YYYY-MM-DD", "YYYY" or empty
  int year = 0;                    // 0 when unknown
  std::string kind;                // one of schema::kKinds
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

  std::string ToJson() const;
  static Result<StoredDocument> FromJson(const std::string& json);
};

}  // namespace kb

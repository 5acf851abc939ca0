#include "kb/core/schema.h"

#include <xapian.h>

#include "kb/core/fnv_hash.h"

namespace kb::schema {

Status StampIndex(Xapian::WritableDatabase& db) {
  try {
    const std::string version = db.get_metadata(std::string(kMetaSchemaVersion));
    const std::string stemmer = db.get_metadata(std::string(kMetaStemmer));
    if (!version.empty() && version != kSchemaVersion) {
      return Status::InvalidArgument("the index has schema version " + version +
                                     ", this build writes " + std::string(kSchemaVersion) +
                                     "; index into a new directory or delete the old one");
    }
    if (!stemmer.empty() && stemmer != kStemmerName) {
      return Status::InvalidArgument("the index was built with stemmer '" + stemmer +
                                     "', this build uses '" + std::string(kStemmerName) +
                                     "'; index into a new directory");
    }
    db.set_metadata(std::string(kMetaSchemaVersion), std::string(kSchemaVersion));
    db.set_metadata(std::string(kMetaStemmer), std::string(kStemmerName));
  } catch (const Xapian::Error& e) {
    return Status::Internal("cannot write index metadata: " + e.get_description());
  }
  return Status::Ok();
}

Status CheckIndex(const Xapian::Database& db, std::string_view db_path) {
  try {
    const std::string version = db.get_metadata(std::string(kMetaSchemaVersion));
    const std::string stemmer = db.get_metadata(std::string(kMetaStemmer));
    if (version.empty()) {
      return Status::InvalidArgument("'" + std::string(db_path) +
                                     "' is not a kb-indexer index (no schema version); build it "
                                     "with: kb-indexer --db " +
                                     std::string(db_path) + " DOCS...");
    }
    if (version != kSchemaVersion || stemmer != kStemmerName) {
      return Status::InvalidArgument(
          "the index '" + std::string(db_path) + "' has schema " + version + " with stemmer '" +
          stemmer + "', this build understands schema " + std::string(kSchemaVersion) + " with '" +
          std::string(kStemmerName) + "'; rebuild it with kb-indexer into a new directory");
    }
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot read index '" + std::string(db_path) +
                               "': " + e.get_description());
  }
  return Status::Ok();
}

std::string BoundedTerm(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) return term.append(value);
  Fnv1a64 hash;
  hash.Update(value);
  const std::string suffix = "#" + hash.HexDigest();
  std::size_t keep = kMaxTermBytes - prefix.size() - suffix.size();
  // Back up over UTF-8 continuation bytes (10xxxxxx) so the cut falls before a lead byte.
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  return term.append(value.substr(0, keep)).append(suffix);
}

std::string Slug(std::string_view name) {
  // Folds the Latin-1 range letters that occur in Dutch place and theme names; everything else
  // outside [a-z0-9] becomes a single '-'.
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    char mapped = 0;
    if (c >= 'A' && c <= 'Z') {
      mapped = static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      mapped = static_cast<char>(c);
    } else if (c == 0xC3 && i + 1 < name.size()) {
      // Two-byte UTF-8 for U+00C0..U+00FF.
      unsigned char d = static_cast<unsigned char>(name[++i]);
      static constexpr char kFold[] =
          "aaaaaaaceeeeiiiidnooooo-ouuuuyts"   // C0..DF (upper)
          "aaaaaaaceeeeiiiidnooooo-ouuuuyty";  // E0..FF (lower)
      if (d >= 0x80 && d <= 0xBF) mapped = kFold[(d - 0x80)];
    }
    if (mapped && mapped != '-') {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(mapped);
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace kb::schema

#include "kb/core/schema.h"

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "kb/core/fnv_hash.h"
#include "kb/core/version.h"

namespace kb::schema {

std::string IndexerStatusPathFor(std::string_view db) {
  std::string path(db);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path + ".indexer-status.json";
}

std::string SchemaDescription() {
  using Json = nlohmann::ordered_json;
  const Json prefixes = {
      {kPrefixId, "unique document id (hex), the upsert key"},
      {kPrefixTitle, "title words"},
      {kPrefixAuthor, "author and organisation words"},
      {kPrefixStem,
       "stem (Xapian's convention), before any other prefix: Z + word, ZS + title word"},
      {kPrefixTheme, "theme slug"},
      {kPrefixGemeente, "gemeente CBS code (GM0014)"},
      {kPrefixProvincie, "provincie slug"},
      {kPrefixKind, "document kind"},
      {kPrefixYear, "four-digit year"},
      {kPrefixLanguage, "ISO 639-1 language code"},
      {kPrefixOrganisation, "organisation slug"},
      {kPrefixFormat, "source format"},
      {kPrefixEvidence, "evidence type"},
      {kPrefixEditorial, "editorial state: XEhidden, XEmerged, XEedited"},
      {kPrefixReview, "review queue flag"},
      {kPrefixDuplicateBand, "MinHash band (near-duplicate candidates)"}};
  const Json slots = {{"0", "date YYYYMMDD (YYYY0000 when only the year is known)"},
                      {"1", "year, sortable_serialise"},
                      {"2", "file signature size:mtime_ns"},
                      {"3", "absolute source path"},
                      {"4", "content hash (hex)"},
                      {"5", "page count, sortable_serialise"},
                      {"6", "document kind"},
                      {"7", "MinHash signature (little-endian u32s)"},
                      {"8", "Fnv1a64 of the document data (hex)"},
                      {"9", "first indexed, YYYY-MM-DDTHH:MM:SSZ (UTC)"},
                      {"10", "facet: theme slugs, then provincie slugs (kb/core/facet_values.h)"},
                      {"11", "facet: gemeente CBS codes"},
                      {"12", "facet: kind, evidence type, language"},
                      {"13", "facet: organisation slug, then name"}};
  const Json description = {
      {"schema_version", kSchemaVersion},
      {"written_by", "kb-indexer " + std::string(kVersion)},
      {"stemmer", kStemmerName},
      {"data", "JSON of the stored document (kb/core/stored_document.h)"},
      {"prefixes", prefixes},
      {"value_slots", slots},
      {"passages",
       {{"folder", kPassagesFolder},
        {"parent_prefix", kPrefixParent},
        {"value_slots", {{"0", "document id"}, {"1", "page"}, {"2", "role"}}}}}};
  return description.dump(2);
}

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
    db.set_metadata(std::string(kMetaSchema), SchemaDescription());
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

}  // namespace kb::schema

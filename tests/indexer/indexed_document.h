// Shared test helpers for the tests that run the real kb-indexer (KB_INDEXER) and read back what
// it wrote: one document as the index holds it, and the editors' store beside the index.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"
#include "kb/editorial/store.h"
#include "process.h"

namespace kb::index::testing {

// kb-indexer with `args`, logging line by line (no progress bar).
inline kb::test::ProcessResult Indexer(std::vector<std::string> args) {
  std::vector<std::string> argv = {KB_INDEXER, "--progress", "log"};
  argv.insert(argv.end(), args.begin(), args.end());
  return kb::test::Run(argv);
}

struct Indexed {
  std::set<std::string> terms;
  kb::StoredDocument stored;
  std::string date_value;
};

// The document of `path` as the index holds it; REQUIREs that it exists.
inline Indexed Lookup(const std::string& db, const std::filesystem::path& path) {
  Xapian::Database xdb(db);
  const std::string id_term = "Q" + kb::DocumentIdForPath(path.string());
  auto posting = xdb.postlist_begin(id_term);
  REQUIRE(posting != xdb.postlist_end(id_term));
  Xapian::Document doc = xdb.get_document(*posting);
  Indexed out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.terms.insert(*t);
  auto stored = kb::StoredDocument::FromJson(doc.get_data());
  REQUIRE(stored.ok());
  out.stored = std::move(stored).value();
  out.date_value = doc.get_value(kb::schema::kSlotDate);
  return out;
}

inline std::unique_ptr<kb::editorial::EditorialStore> OpenStore(const std::filesystem::path& file) {
  auto store = kb::editorial::EditorialStore::Open(file);
  REQUIRE(store.ok());
  return std::move(store).value();
}

}  // namespace kb::index::testing

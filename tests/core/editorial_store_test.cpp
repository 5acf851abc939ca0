// EditorialStore on real SQLite files in a temporary folder: every API function, and two store
// objects on one file, as kb-indexer and kb-searchd have.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "kb/editorial/store.h"
#include "process.h"

namespace {

using kb::editorial::EditorialStore;
using kb::editorial::Merge;
using kb::editorial::Override;

std::unique_ptr<EditorialStore> OpenStore(const std::filesystem::path& file) {
  auto store = EditorialStore::Open(file);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(*store);
}

Override TitleOverride(const std::string& title) {
  Override o;
  o.title = title;
  return o;
}

}  // namespace

TEST_CASE("EditorialStore creates its file and reopens it with the data") {
  kb::test::TempDir dir;
  const auto file = std::filesystem::path(dir.path()) / "e.sqlite";
  {
    auto store = OpenStore(file);
    REQUIRE(store->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Goede titel"), "anna").ok());
  }
  REQUIRE(std::filesystem::exists(file));
  auto store = OpenStore(file);
  auto got = store->GetOverride("d1");
  REQUIRE(got.ok());
  REQUIRE(got->title);
  CHECK(*got->title == "Goede titel");
  auto none = store->GetOverride("d2");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("Two EditorialStore objects on one file see each other's writes") {
  kb::test::TempDir dir;
  const auto file = std::filesystem::path(dir.path()) / "e.sqlite";
  auto searchd = OpenStore(file);
  auto indexer = OpenStore(file);
  const auto generation_before = indexer->Generation();
  REQUIRE(generation_before.ok());
  REQUIRE(searchd->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Nieuw"), "anna").ok());
  auto generation_after = indexer->Generation();
  REQUIRE(generation_after.ok());
  CHECK(*generation_after > *generation_before);
  auto edits = indexer->AllEdits();
  REQUIRE(edits.ok());
  REQUIRE(edits->count("d1") == 1);
  CHECK(*edits->at("d1").override.title == "Nieuw");
  auto pending = indexer->Pending();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK(pending->at(0).path == "/c/d1.pdf");
  REQUIRE(indexer->ClearPending(*pending).ok());
  CHECK(searchd->Pending()->empty());
}

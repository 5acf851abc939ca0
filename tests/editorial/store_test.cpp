// EditorialStore on real SQLite files in a temporary folder: opening, two store objects on one
// file (as kb-indexer and kb-searchd have), waiting for another process's transaction.
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "store_fixtures.h"

namespace {

using kb::ErrorKind;
using kb::editorial::EditorialStore;
using namespace kb::test;  // store_fixtures.h

}  // namespace

TEST_CASE("EditorialStore creates its file and reopens it with the data") {
  StoreFile f;
  {
    auto store = OpenStore(f.file);
    REQUIRE(
        store->edits().SaveOverride("d1", "/c/d1.pdf", TitleOverride("Goede titel"), "anna").ok());
  }
  REQUIRE(std::filesystem::exists(f.file));
  auto store = OpenStore(f.file);
  auto got = store->edits().GetOverride("d1");
  REQUIRE(got.ok());
  REQUIRE(got->title);
  CHECK(*got->title == "Goede titel");
  auto none = store->edits().GetOverride("d2");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("EditorialStore refuses files that are not an editorial store") {
  kb::test::TempDir dir;
  SECTION("a text file") {
    const auto file = std::filesystem::path(dir.path()) / "notes.txt";
    std::ofstream(file)
        << "dit is geen database, maar wel een lange regel tekst die SQLite leest\n";
    auto store = EditorialStore::Open(file);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().kind() == ErrorKind::kInvalidArgument);
    CHECK(store.status().message().find(file.string()) != std::string::npos);
  }
  SECTION("a folder that does not exist") {
    auto store = EditorialStore::Open(std::filesystem::path(dir.path()) / "nope" / "e.sqlite");
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().message().find("nope") != std::string::npos);
  }
}

TEST_CASE("EditorialStore::DefaultPathFor puts the store beside the index folder") {
  CHECK(EditorialStore::DefaultPathFor("/data/index") == "/data/index.editorial.sqlite");
  CHECK(EditorialStore::DefaultPathFor("/data/index/") == "/data/index.editorial.sqlite");
  CHECK(EditorialStore::DefaultPathFor("build/demo-index") == "build/demo-index.editorial.sqlite");
}

TEST_CASE("Two EditorialStore objects on one file see each other's writes") {
  StoreFile f;
  auto searchd = OpenStore(f.file);
  auto indexer = OpenStore(f.file);
  const auto generation_before = indexer->queue().Generation();
  REQUIRE(generation_before.ok());
  REQUIRE(searchd->edits().SaveOverride("d1", "/c/d1.pdf", TitleOverride("Nieuw"), "anna").ok());
  auto generation_after = indexer->queue().Generation();
  REQUIRE(generation_after.ok());
  CHECK(*generation_after > *generation_before);
  auto edits = indexer->edits().AllEdits();
  REQUIRE(edits.ok());
  REQUIRE(edits->count("d1") == 1);
  CHECK(*edits->at("d1").override.title == "Nieuw");
  auto pending = indexer->queue().Items();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK(pending->at(0).path == "/c/d1.pdf");
  REQUIRE(indexer->queue().Clear(*pending).ok());
  CHECK(searchd->queue().Items()->empty());
  // And the other way round: a proposal from the indexer is seen by kb-searchd.
  REQUIRE(indexer->duplicates().Propose("d1", "d2", 0.9).ok());
  CHECK(searchd->duplicates().List("proposed")->size() == 1);
}

TEST_CASE("Two processes' worth of writers on one file lose nothing") {
  StoreFile f;
  auto first = OpenStore(f.file);
  auto second = OpenStore(f.file);
  constexpr int kEach = 40;
  // Catch2 assertions are not thread-safe: each thread collects its failures.
  auto writer = [](EditorialStore* store, std::string prefix, std::vector<std::string>* errors) {
    for (int i = 0; i < kEach; ++i) {
      const std::string id = prefix + std::to_string(i);
      kb::Status s = store->edits().SaveOverride(id, "/c/" + id, TitleOverride("T " + id), "anna");
      if (!s.ok()) errors->push_back(s.ToString());
    }
  };
  std::vector<std::string> errors_a, errors_b;
  std::thread a(writer, first.get(), "a", &errors_a);
  std::thread b(writer, second.get(), "b", &errors_b);
  a.join();
  b.join();
  CHECK(errors_a.empty());
  CHECK(errors_b.empty());
  auto edits = first->edits().AllEdits();
  REQUIRE(edits.ok());
  CHECK(edits->size() == 2 * kEach);
  CHECK(first->queue().Items()->size() == 2 * kEach);
}

TEST_CASE("A write waits for another process's transaction, up to the busy timeout") {
  StoreFile f;
  auto store = OpenStore(f.file);
  // A second connection through libsqlite3 itself stands for the other process.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(f.file.c_str(), &other) == SQLITE_OK);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> close_other(other, sqlite3_close);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  SECTION("a short transaction: the write waits and succeeds") {
    std::thread commit_later([other] {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    });
    const auto start = std::chrono::steady_clock::now();
    const kb::Status s = store->queue().Enqueue("/c/a.pdf");
    const auto waited = std::chrono::steady_clock::now() - start;
    commit_later.join();
    CHECK(s.ok());
    CHECK(waited >= std::chrono::milliseconds(300));
    CHECK(store->queue().Items()->size() == 1);
  }
  SECTION("a transaction held past the timeout: Unavailable, naming the file") {
    const kb::Status s = store->queue().Enqueue("/c/a.pdf");
    REQUIRE_FALSE(s.ok());
    CHECK(s.kind() == ErrorKind::kUnavailable);
    CHECK(s.message().find(f.file.string()) != std::string::npos);
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    CHECK(store->queue().Items()->empty());
    CHECK(store->queue().Enqueue("/c/a.pdf").ok());
  }
}

// The searchers' shared caches: parsed documents keyed by the version of their data, and
// per-revision tables built once however many searchers ask at the same moment.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "kb/search/document_cache.h"

namespace {

using kb::search::DocumentCache;
using kb::search::IndexedDocument;
using kb::search::RevisionCache;

std::shared_ptr<const IndexedDocument> Parsed(const std::string& title) {
  auto doc = std::make_shared<IndexedDocument>();
  doc->doc.title = title;
  return doc;
}

}  // namespace

TEST_CASE("a parsed document stays cached until its data changes") {
  DocumentCache cache;
  cache.Put(7, "aaaa", Parsed("eerste versie"));
  REQUIRE(cache.Get(7, "aaaa") != nullptr);
  CHECK(cache.Get(7, "aaaa")->doc.title == "eerste versie");
  // Another version of the data (the document was rewritten): a miss, then the new copy.
  CHECK(cache.Get(7, "bbbb") == nullptr);
  cache.Put(7, "bbbb", Parsed("tweede versie"));
  CHECK(cache.Get(7, "bbbb")->doc.title == "tweede versie");
  CHECK(cache.Get(7, "aaaa") == nullptr);
  CHECK(cache.Get(8, "bbbb") == nullptr);
}

TEST_CASE("a parsed document cache keeps to its byte bound, least recently used out first") {
  DocumentCache cache(64 * 1024);  // room for five documents of 10 KB and a bit
  const auto page_of_10kb = [] {
    auto doc = std::make_shared<IndexedDocument>();
    doc->doc.pages = {std::string(10 * 1024, 'x')};
    return doc;
  };
  for (Xapian::docid id = 1; id <= 5; ++id) cache.Put(id, "v", page_of_10kb());
  REQUIRE(cache.Get(1, "v") != nullptr);  // 1 is now the most recently used; 2 the oldest
  cache.Put(6, "v", page_of_10kb());
  cache.Put(7, "v", page_of_10kb());
  CHECK(cache.Get(1, "v") != nullptr);
  CHECK(cache.Get(2, "v") == nullptr);
  CHECK(cache.Get(7, "v") != nullptr);
  int kept = 0;
  for (Xapian::docid id = 1; id <= 7; ++id) kept += cache.Get(id, "v") != nullptr;
  CHECK(kept <= 6);
}

TEST_CASE("a revision's table is built once while many ask; another revision does not wait") {
  RevisionCache<int> cache;
  std::atomic<int> builds{0};
  std::atomic<bool> release{false};
  std::vector<std::thread> askers;
  std::vector<int> got(8, 0);
  for (int i = 0; i < 8; ++i) {
    askers.emplace_back([&, i] {
      got[i] = *cache.Get("r2", [&] {
        ++builds;
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return 42;
      });
    });
  }
  while (builds == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // While r2 is being built, r1 is answered at once.
  CHECK(*cache.Get("r1", [] { return 1; }) == 1);
  release = true;
  for (auto& t : askers) t.join();
  CHECK(builds == 1);
  for (int v : got) CHECK(v == 42);
  // A failed build reaches its caller and is tried again by the next.
  CHECK_THROWS_AS(cache.Get("r3", []() -> int { throw std::runtime_error("kapot"); }),
                  std::runtime_error);
  CHECK(*cache.Get("r3", [] { return 3; }) == 3);
}

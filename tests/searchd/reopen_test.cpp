// Freshness: while kb-indexer commits new documents, kb-searchd keeps answering every request
// and shows the new documents within seconds, without a restart.
#include <atomic>

#include <catch2/catch.hpp>

#include "searchd_fixture.h"

namespace {

namespace fs = std::filesystem;

std::string Document(int i, const std::string& extra) {
  return "# Wijkverslag " + std::to_string(i) +
         "\n\nOver eenzaamheid onder ouderen in de gemeente Assen, Drenthe. " + extra + "\n";
}

}  // namespace

TEST_CASE("searches see newly indexed documents within seconds and never fail meanwhile") {
  kb::test::TempDir dir;
  const fs::path docs = dir.path() / "docs";
  for (int i = 0; i < 3; ++i) {
    kb::test::WriteFile(docs / ("oud-" + std::to_string(i) + ".md"), Document(i, ""));
  }
  const fs::path db = dir.path() / "index";
  kb::test::RunIndexer(db, {docs}, dir.path() / "first.log");

  kb::test::InProcessServer server(db, std::chrono::milliseconds(200));
  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failures{0};
  std::string failure;
  std::thread hammer([&] {
    auto client = server.Client();
    while (!stop) {
      auto r = client.Get("/api/search?q=eenzaamheid&provincie=Drenthe");
      ++requests;
      if (!r || r->status != 200) {
        if (failures++ == 0) failure = r ? r->body : "no response";
      }
    }
  });

  auto client = server.Client();
  auto total = [&](const std::string& q) {
    return kb::test::GetJson(client, "/api/search?q=" + q).body["total"].get<int>();
  };
  CHECK(total("zonnebloemvrijwilligers") == 0);

  for (int i = 0; i < 12; ++i) {
    kb::test::WriteFile(docs / ("nieuw-" + std::to_string(i) + ".md"),
                        Document(100 + i, "De zonnebloemvrijwilligers bezoeken ouderen."));
  }
  kb::test::RunIndexer(db, {docs}, dir.path() / "second.log");

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int seen = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = total("zonnebloemvrijwilligers");
    if (seen == 12) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(seen == 12);
  // Each pooled Searcher reopens on its own interval: the one answering health may lag a moment.
  int documents = 0;
  const auto health_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < health_deadline && documents != 15) {
    documents = kb::test::GetJson(client, "/api/health").body["documents"].get<int>();
    if (documents != 15) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(documents == 15);

  stop = true;
  hammer.join();
  INFO(failure);
  CHECK(failures == 0);
  CHECK(requests > 10);
}

// PendingQueue: two store objects on one file, as kb-searchd and kb-indexer have it.

#include "store_fixtures.h"

namespace {

using namespace kb::test;  // store_fixtures.h

}  // namespace

TEST_CASE("PendingQueue::Clear keeps an item enqueued again after it was read") {
  StoreFile f;
  auto searchd = OpenStore(f.file);
  auto indexer = OpenStore(f.file);
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());
  REQUIRE(searchd->queue().Enqueue("/c/b.pdf").ok());
  auto taken = indexer->queue().Items();
  REQUIRE(taken->size() == 2);
  const auto generation = *indexer->queue().Generation();
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());  // saved again while the indexer works
  CHECK(*indexer->queue().Generation() > generation);
  REQUIRE(indexer->queue().Clear(*taken).ok());
  auto left = indexer->queue().Items();
  REQUIRE(left->size() == 1);
  CHECK(left->at(0).path == "/c/a.pdf");
  CHECK(left->at(0).generation > taken->at(0).generation);
  REQUIRE(indexer->queue().Clear(*left).ok());
  CHECK(indexer->queue().Items()->empty());
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());
  CHECK(indexer->queue().Items()->size() == 1);
}

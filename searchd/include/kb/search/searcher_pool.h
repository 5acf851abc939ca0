// SearcherPool: one Searcher (and so one Xapian::Database) per worker thread.
//
// The HTTP server runs a fixed number of worker threads; the pool holds as many Searchers, and a
// request leases one for its duration, so a Xapian object is never used by two threads at once
// and a lease never waits while the worker count and pool size agree. Thread-safe.
//
// The pool also runs a warmer thread: it notices each new index revision (every
// reopen_interval, or at once after SearcherShared::index_changes), builds that revision's facet
// table and spelling vocabulary, and only then has the Searchers move to it
// (SearcherShared::warmed). Searches go on against the previous revision meanwhile, so a
// kb-indexer committing every few seconds does not make every search wait for those builds.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kb/core/status.h"
#include "kb/search/searcher.h"

namespace kb::search {

class SearcherPool {
 public:
  // Opens `size` Searchers; fails with the first one's error (e.g. a schema mismatch).
  static Result<std::unique_ptr<SearcherPool>> Open(const SearcherOptions& options, size_t size);

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
        : pool_(&pool), searcher_(std::move(searcher)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (searcher_) pool_->Return(std::move(searcher_));
    }
    Searcher* operator->() { return searcher_.get(); }
    Searcher& operator*() { return *searcher_; }

   private:
    SearcherPool* pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  ~SearcherPool();

  // Waits until a Searcher is free.
  Lease Acquire();
  size_t size() const { return size_; }

 private:
  SearcherPool(std::vector<std::unique_ptr<Searcher>> searchers, SearcherOptions options);
  void Return(std::unique_ptr<Searcher> searcher);
  void Warm();
  // Shards: every kShardRetry, while ShardHealth lists shards that did not answer, tries them
  // all again and reports what it found, until the pool stops.
  void WatchShards();

  const size_t size_;
  const SearcherOptions options_;
  std::atomic<bool> stopping_{false};
  std::thread warmer_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Searcher>> free_;
};

}  // namespace kb::search

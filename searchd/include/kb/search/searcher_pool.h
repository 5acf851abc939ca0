// SearcherPool: one Searcher (and so one Xapian::Database) per worker thread.
//
// The HTTP server runs a fixed number of worker threads; the pool holds as many Searchers, and a
// request leases one for its duration, so a Xapian object is never used by two threads at once
// and a lease never waits while the worker count and pool size agree. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
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

  // Waits until a Searcher is free.
  Lease Acquire();
  size_t size() const { return size_; }

 private:
  explicit SearcherPool(std::vector<std::unique_ptr<Searcher>> searchers);
  void Return(std::unique_ptr<Searcher> searcher);

  const size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Searcher>> free_;
};

}  // namespace kb::search

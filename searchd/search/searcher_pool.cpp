#include "kb/search/searcher_pool.h"

namespace kb::search {

SearcherPool::SearcherPool(std::vector<std::unique_ptr<Searcher>> searchers)
    : size_(searchers.size()), free_(std::move(searchers)) {}

Result<std::unique_ptr<SearcherPool>> SearcherPool::Open(const SearcherOptions& options,
                                                         size_t size) {
  std::vector<std::unique_ptr<Searcher>> searchers;
  for (size_t i = 0; i < std::max<size_t>(size, 1); ++i) {
    auto searcher = Searcher::Open(options);
    if (!searcher.ok()) return searcher.status();
    searchers.push_back(std::move(searcher).value());
  }
  return std::unique_ptr<SearcherPool>(new SearcherPool(std::move(searchers)));
}

SearcherPool::Lease SearcherPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  available_.wait(lock, [&] { return !free_.empty(); });
  std::unique_ptr<Searcher> searcher = std::move(free_.back());
  free_.pop_back();
  return Lease(*this, std::move(searcher));
}

void SearcherPool::Return(std::unique_ptr<Searcher> searcher) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(searcher));
  }
  available_.notify_one();
}

}  // namespace kb::search

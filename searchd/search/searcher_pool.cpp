#include "kb/search/searcher_pool.h"

#include <chrono>

namespace kb::search {

namespace {

// How often the warmer looks at SearcherShared::index_changes between reopen_interval checks.
constexpr auto kChangePoll = std::chrono::milliseconds(20);

}  // namespace

SearcherPool::SearcherPool(std::vector<std::unique_ptr<Searcher>> searchers,
                           SearcherOptions options)
    : size_(searchers.size()), options_(std::move(options)), free_(std::move(searchers)) {
  warmer_ = std::thread([this] { Warm(); });
}

SearcherPool::~SearcherPool() {
  stopping_.store(true);
  if (warmer_.joinable()) warmer_.join();
}

void SearcherPool::WatchShards() {
  ShardHealth& health = options_.shared->shard_health;
  auto last_try = std::chrono::steady_clock::now();
  while (!stopping_.load()) {
    std::this_thread::sleep_for(kChangePoll);
    if (health.failed().empty() || std::chrono::steady_clock::now() - last_try < kShardRetry) {
      continue;
    }
    // Off the request path: a shard that still does not answer costs no search its timeout.
    ShardSet probe(options_.shards, options_.shard_timeout);
    (void)probe.Connect(health, true);
    last_try = std::chrono::steady_clock::now();
  }
}

void SearcherPool::Warm() {
  // Shards: each Searcher reopens on its own and facets need no table (FacetSpies); the warmer
  // tries the shards that did not answer again.
  if (!options_.shards.empty()) return WatchShards();
  SearcherShared& shared = *options_.shared;
  std::string warmed_revision;
  std::uint64_t seen_changes = shared.index_changes.load();
  auto last_check = std::chrono::steady_clock::time_point{};
  try {
    Xapian::Database db(options_.db_path.string());
    while (!stopping_.load()) {
      const auto now = std::chrono::steady_clock::now();
      const std::uint64_t changes = shared.index_changes.load(std::memory_order_acquire);
      if (changes == seen_changes && now - last_check < options_.reopen_interval) {
        std::this_thread::sleep_for(kChangePoll);
        continue;
      }
      last_check = now;
      seen_changes = changes;
      try {
        db.reopen();
        const std::string revision = RevisionOf(db);
        if (revision == warmed_revision) continue;
        shared.facet_tables.Get(revision, [&] { return FacetTable::Build(db, *options_.catalog); });
        shared.spelling.Get(revision, [&] { return SpellingVocabulary::Build(db); });
        warmed_revision = revision;
      } catch (const Xapian::Error&) {
        // A commit overtook the build, or the index cannot be read right now: the Searchers
        // move on anyway (and build what they need themselves); the next check tries again.
      }
      shared.warmed.fetch_add(1, std::memory_order_release);
    }
  } catch (const Xapian::Error&) {
    // The index cannot be opened here: Searchers keep reopening on their own (warmed stays 0).
  }
}

Result<std::unique_ptr<SearcherPool>> SearcherPool::Open(const SearcherOptions& options,
                                                         size_t size) {
  std::vector<std::unique_ptr<Searcher>> searchers;
  for (size_t i = 0; i < std::max<size_t>(size, 1); ++i) {
    auto searcher = Searcher::Open(options);
    if (!searcher.ok()) return searcher.status();
    searchers.push_back(std::move(searcher).value());
  }
  return std::unique_ptr<SearcherPool>(new SearcherPool(std::move(searchers), options));
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

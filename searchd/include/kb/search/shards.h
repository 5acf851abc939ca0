// An index split into shards, each served by a stock `xapian-tcpsrv` (Xapian's remote backend)
// and searched as one Xapian::Database.
//
// kb-indexer --shard I/N writes shard I of N (a document's shard is a stable hash of its id, so a
// re-index replaces it in place); `xapian-tcpsrv --port P SHARD` serves it; kb-searchd --shard
// HOST:P (once per shard) searches them together. Docids of the combined database interleave the
// shards' own, so nothing keeps a docid beyond one connection; documents are found by their id
// term.
//
// What the remote protocol cannot carry is designed out: queries are plain Xapian::Query trees
// (no MatchDecider or KeyMaker, kb/search/query_builder.h), facets are counted by Xapian's
// ValueCountMatchSpy over the facet value slots (FacetSpies), synonyms expand on the searcher
// from its own data (a small in-memory table), and spelling reads the shards' vocabulary.
//
// A shard that does not answer within the timeout (down, or too slow) is left out: the search
// runs again over the shards that answer and says which failed. Every Searcher learns it from
// ShardHealth and leaves the shard out without waiting for it; the pool's warmer tries the
// missing ones every kShardRetry, off the request path, and brings them back.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/core/status.h"

namespace kb::search {

// How often the warmer tries the shards that did not answer again.
inline constexpr std::chrono::seconds kShardRetry{5};

struct ShardAddress {
  std::string host;
  unsigned port = 0;
  std::string text;  // "host:port", as configured
};

// "host:port" (a name, an IPv4 address or a bracketed IPv6 address). InvalidArgument naming
// --shard otherwise.
Result<ShardAddress> ParseShardAddress(std::string_view text);

// Which shards did not answer, as the last full attempt found (a Searcher's on a failure, or the
// warmer's), shared by every Searcher of one kb-searchd. Thread-safe.
class ShardHealth {
 public:
  // Records the shards a full attempt could not reach; a change bumps generation().
  void Report(std::vector<std::string> failed);
  std::vector<std::string> failed() const;
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> failed_;
  std::atomic<std::uint64_t> generation_{0};
};

class ShardSet {
 public:
  // `timeout`: how long one shard may take to connect or to answer one step of a search.
  ShardSet(std::vector<ShardAddress> shards, std::chrono::milliseconds timeout);

  // Connects to every shard but those in `skip` (known not to answer; left out at once): the
  // database of those that answered and whose index kb-searchd can read. Unavailable, naming
  // each shard and why, when none did.
  Result<Xapian::Database> Connect(const std::vector<std::string>& skip = {});
  // The same, leaving out the shards `health` lists unless `probe_all`; an attempt at every
  // shard (probe_all) reports what it found to `health`.
  Result<Xapian::Database> Connect(ShardHealth& health, bool probe_all);

  size_t size() const { return shards_.size(); }
  // The shards the last Connect left out ("host:port"), in configured order.
  const std::vector<std::string>& failed() const { return failed_; }

 private:
  std::vector<ShardAddress> shards_;
  std::chrono::milliseconds timeout_;
  std::vector<std::string> failed_;
};

// The synonym table of the analysis data as a small Xapian index of its own, in a temporary
// folder removed with this object: what a QueryParser expands synonyms from when the index is
// shards (the remote backend carries no synonyms, and Xapian's in-memory backend holds none).
class SynonymTable {
 public:
  static Result<std::shared_ptr<const SynonymTable>> Write(analysis::Analyzer& analyzer);
  ~SynonymTable();
  SynonymTable(const SynonymTable&) = delete;
  SynonymTable& operator=(const SynonymTable&) = delete;

  const std::filesystem::path& folder() const { return folder_; }

 private:
  explicit SynonymTable(std::filesystem::path folder) : folder_(std::move(folder)) {}
  std::filesystem::path folder_;
};

}  // namespace kb::search

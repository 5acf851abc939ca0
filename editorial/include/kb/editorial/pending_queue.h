// PendingQueue: the paths kb-indexer must (re)index because an editor changed something, and the
// store's generation (see store.h for the single-writer design they serve).
//
// One entry per path: enqueueing a queued path again gives it the new generation, and clearing
// removes an entry only while its generation is the one kb-indexer read, so an edit saved while
// kb-indexer worked on the path is never lost.
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"

namespace kb::editorial {

struct PendingItem {
  std::string path;         // absolute source path to (re)index
  std::int64_t generation;  // increases with every enqueue
};

// A queued path kb-indexer could not index (the file cannot be read or extracted, or its
// document could not be built), and why.
struct PendingFailure {
  PendingItem item;
  std::string reason;
};

class PendingQueue {
 public:
  explicit PendingQueue(Connection& connection) : connection_(connection) {}

  Status Enqueue(std::string_view path);
  Result<std::vector<PendingItem>> Items() const;  // oldest generation first
  // Removes each item whose generation is still the one given (a newer enqueue stays).
  Status Clear(const std::vector<PendingItem>& done);
  // Removes each failed item as Clear does, so it never blocks the queue, and audits it as
  // "index-failed" by "kb-indexer" under the path's document id with {"path", "reason"} as
  // `after`: the editors see why their edit or upload is not in the index. Saving again retries.
  Status Fail(const std::vector<PendingFailure>& failed);
  // Changes whenever any edit, merge, enqueue or import is written (cheap: for polling).
  Result<std::int64_t> Generation() const;

  // Enqueues inside a transaction the caller holds; an empty path is ignored.
  static Status EnqueueIn(Database& db, std::string_view path);
  // Raises the generation inside a transaction the caller holds, without enqueueing.
  static Status BumpGenerationIn(Database& db);

 private:
  Connection& connection_;
};

}  // namespace kb::editorial

// Applier: kb-searchd's side of the single-writer design (kb/editorial/store.h).
//
// kb-searchd never writes the index. While the editorial store's pending queue is not empty, the
// applier's thread runs `kb-indexer --db DB --pending --data DATA --editorial STORE`, waits for
// it, tells the readers the index changed, and runs it again after `retry` while items remain
// (a kb-indexer that finds a full run holding the write lock exits 0 and leaves the queue to
// that run). It wakes at once on Wake() (after a save) and otherwise polls the queue every
// `retry`, so items queued by another process are applied too.
//
// Thread-safety: Wake() and Stop() may be called from any thread. The queue must outlive the
// Applier.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "kb/core/status.h"
#include "kb/editorial/pending_queue.h"

namespace kb::editing {

struct ApplierOptions {
  std::filesystem::path indexer;     // the kb-indexer binary (required)
  std::filesystem::path db;          // the index folder
  std::filesystem::path data_dir;    // passed as --data
  std::filesystem::path store_path;  // passed as --editorial
  std::chrono::milliseconds retry{1000};
  std::function<void()> on_applied;  // after every kb-indexer run that exited 0
};

class Applier {
 public:
  Applier(editorial::PendingQueue& queue, ApplierOptions options);
  ~Applier();  // Stop()
  Applier(const Applier&) = delete;
  Applier& operator=(const Applier&) = delete;

  void Start();
  void Wake();
  // Ends the thread; a kb-indexer run in progress is finished first (it is short and must not
  // leave the index half-written).
  void Stop();

  // kb-indexer beside `executable` (the running kb-searchd, /proc/self/exe), or in ../indexer/
  // as the build lays them out. NotFound saying to pass --indexer otherwise.
  static Result<std::filesystem::path> FindIndexer(const std::filesystem::path& executable);

 private:
  void Loop();
  bool HasPending();
  bool RunIndexer();  // true when kb-indexer exited 0

  editorial::PendingQueue& queue_;
  const ApplierOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace kb::editing

// PassageWriter: the passage index (schema::kPassagesFolder), written by a thread of its own.
//
// Writing passages is about half of what IndexWriter does (BENCHMARKS.md §2: 27,602 passages for
// 2,000 documents), and IndexWriter's thread is the indexing run's bottleneck. The two Xapian
// databases are independent, so IndexWriter hands each document's passages to this thread and
// goes on with the document index. The queue is bounded (kMaxQueued changes): a writer that runs
// ahead waits. Commit() waits until every queued change is written, then commits; it reports the
// first Xapian error since the last Commit(), after which the passage changes are discarded (as
// Xapian discards them) and the caller must not commit the document index either.
//
// Internal to kb-index; used by IndexWriter's thread only (the worker is private).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "kb/core/status.h"

namespace kb::index {

class PassageWriter {
 public:
  explicit PassageWriter(Xapian::WritableDatabase db);
  // Writes what is queued, then stops the thread (uncommitted changes are left to Xapian's
  // own close).
  ~PassageWriter();
  PassageWriter(const PassageWriter&) = delete;
  PassageWriter& operator=(const PassageWriter&) = delete;

  // The passages with this parent term are replaced by `passages` (none: removed).
  void Replace(std::string parent, std::vector<Xapian::Document> passages);
  // Waits for the queue, then commits. Internal on a Xapian error since the last Commit().
  Status Commit();

 private:
  struct Change {
    std::string parent;
    std::vector<Xapian::Document> passages;
  };
  static constexpr std::size_t kMaxQueued = 256;

  void Run();

  Xapian::WritableDatabase db_;
  std::mutex mutex_;
  std::condition_variable changed_;  // a change queued, or stopping
  std::condition_variable drained_;  // the queue shrank, or the worker is idle
  std::deque<Change> queue_;
  bool busy_ = false;  // the worker holds a change it took from the queue
  bool stopping_ = false;
  std::string error_;  // the first failure since the last Commit()
  std::thread worker_;
};

}  // namespace kb::index

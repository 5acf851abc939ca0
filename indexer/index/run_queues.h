// The queues of one indexing run (private to indexing_run.cpp): work from the writer thread to
// the builder threads, outcomes back, and the editors' edits every builder reads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kb/editorial/edits.h"
#include "kb/index/corpus_walker.h"
#include "kb/index/document_builder.h"

namespace kb::index {

// One file for a builder thread. `force`: build it even when its content is unchanged (an editor
// changed its edits, or it was uploaded).
struct WorkItem {
  CorpusFile file;
  bool force = false;
};

// Unbounded, filled by the writer thread while the run goes on: the walk's files at the start,
// the editors' queued paths whenever they come (in front, so an edit waits for at most the files
// in flight, not for the rest of a long run).
class WorkQueue {
 public:
  void Push(WorkItem item) {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(item));
    ready_.notify_one();
  }
  void PushFront(WorkItem item) {
    std::lock_guard lock(mutex_);
    items_.push_front(std::move(item));
    ready_.notify_one();
  }
  // Blocks until there is an item; nullopt once the queue is closed and empty.
  std::optional<WorkItem> Pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    WorkItem item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }
  // Drops the items not yet taken (stopping); returns how many.
  std::size_t DropAll() {
    std::lock_guard lock(mutex_);
    const std::size_t n = items_.size();
    items_.clear();
    return n;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<WorkItem> items_;
  bool closed_ = false;
};

// What a builder thread hands to the writer thread for one file.
struct FileOutcome {
  enum class Kind { kBuilt, kSameContent, kFailed } kind = Kind::kFailed;
  WorkItem item;
  std::optional<BuiltDocument> built;
  Xapian::docid known_docid = 0;  // kSameContent
  std::string reason;             // kFailed
  // kFailed: the file itself is bad (not our setup); skip it until it changes.
  bool remember = true;
};

// Bounded queue from builder threads to the writer thread.
class OutcomeQueue {
 public:
  explicit OutcomeQueue(std::size_t capacity) : capacity_(capacity) {}
  void Push(FileOutcome outcome) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(outcome));
    not_empty_.notify_one();
  }
  // Waits at most `timeout`; nullopt when nothing came.
  std::optional<FileOutcome> PopFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!not_empty_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return std::nullopt;
    FileOutcome out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return out;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<FileOutcome> items_;
  std::size_t capacity_;
};

using EditsMap = std::map<std::string, editorial::DocumentEdits>;

// The edits in force, replaced as a whole by the writer thread when the store changes; a builder
// takes the current map per file (a shared_ptr keeps it alive while in use).
class EditsSnapshot {
 public:
  std::shared_ptr<const EditsMap> Get() const {
    std::lock_guard lock(mutex_);
    return edits_;
  }
  void Set(EditsMap edits) {
    auto fresh = std::make_shared<const EditsMap>(std::move(edits));
    std::lock_guard lock(mutex_);
    edits_ = std::move(fresh);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const EditsMap> edits_ = std::make_shared<const EditsMap>();
};

}  // namespace kb::index

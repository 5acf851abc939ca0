#include "passage_writer.h"

#include <exception>
#include <utility>

namespace kb::index {

PassageWriter::PassageWriter(Xapian::WritableDatabase db)
    : db_(std::move(db)), worker_([this] { Run(); }) {}

PassageWriter::~PassageWriter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void PassageWriter::Replace(std::string parent, std::vector<Xapian::Document> passages) {
  std::unique_lock<std::mutex> lock(mutex_);
  drained_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
  queue_.push_back(Change{std::move(parent), std::move(passages)});
  lock.unlock();
  changed_.notify_one();
}

Status PassageWriter::Commit() {
  std::unique_lock<std::mutex> lock(mutex_);
  drained_.wait(lock, [this] { return queue_.empty() && !busy_; });
  std::string error = std::exchange(error_, std::string());
  if (error.empty()) {
    try {
      db_.commit();
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      error = e.get_description();
    }
  }
  return Status::Internal("cannot write the passage index: " + error);
}

void PassageWriter::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    Change change = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    const bool failed = !error_.empty();
    lock.unlock();
    drained_.notify_all();
    std::string error;
    // After a failure Xapian has discarded the uncommitted changes: the rest until the next
    // Commit() are dropped too, and that Commit() reports the failure.
    if (!failed) {
      try {
        db_.delete_document(change.parent);
        for (const Xapian::Document& passage : change.passages) db_.add_document(passage);
      } catch (const Xapian::Error& e) {
        error = e.get_description();
      } catch (const std::exception& e) {  // e.g. out of memory
        error = e.what();
      }
    }
    change = Change{};  // the documents' memory goes before the lock is taken again
    lock.lock();
    if (!error.empty() && error_.empty()) error_ = std::move(error);
    busy_ = false;
    drained_.notify_all();
  }
}

}  // namespace kb::index

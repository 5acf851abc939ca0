// Shared caches for data derived from one index revision.
//
// Parsing a document's stored JSON (which holds the text of every page) is the most expensive
// step of showing a hit, so parsed documents are kept in a byte-bounded LRU, keyed by docid and
// valid for one version of the document's data (schema::kSlotDataHash; in older indexes, the
// index revision): a commit that rewrote other documents leaves them cached. RevisionCache keeps
// derived tables (facets, spelling) for the two most recent revisions, so searchers that reopen a
// moment apart do not rebuild in turn. Both are thread-safe; they hold no Xapian objects.
#pragma once

#include <cstddef>
#include <deque>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include <xapian.h>

#include "kb/core/stored_document.h"
#include "kb/search/page_index.h"

namespace kb::search {

// A document as a hit needs it: the parsed stored data and its page index.
struct IndexedDocument {
  StoredDocument doc;
  PageIndex pages;
};

class DocumentCache {
 public:
  explicit DocumentCache(size_t max_bytes = 256u << 20) : max_bytes_(max_bytes) {}

  // The parsed document `docid` when cached for this `version` of its data.
  std::shared_ptr<const IndexedDocument> Get(Xapian::docid docid, const std::string& version);
  void Put(Xapian::docid docid, const std::string& version,
           std::shared_ptr<const IndexedDocument> doc);

 private:
  struct Entry {
    Xapian::docid docid;
    std::string version;
    std::shared_ptr<const IndexedDocument> doc;
    size_t bytes;
  };
  void EraseLocked(std::list<Entry>::iterator it);

  const size_t max_bytes_;
  std::mutex mutex_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<Xapian::docid, std::list<Entry>::iterator> by_docid_;
  size_t bytes_ = 0;
};

template <typename T>
class RevisionCache {
 public:
  // The value for `revision`, built by `build()` on first use. The build runs outside the lock,
  // so a search on another revision never waits for it; callers asking for the revision being
  // built wait for that one build instead of starting their own. An exception from `build()`
  // reaches every caller waiting for it, and the next call builds again.
  template <typename Build>
  std::shared_ptr<const T> Get(const std::string& revision, Build&& build) {
    std::optional<std::promise<std::shared_ptr<const T>>> ours;  // set when this call builds
    std::shared_future<std::shared_ptr<const T>> future;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& [rev, pending] : entries_) {
        if (rev == revision) future = pending;
      }
      if (!future.valid()) {
        ours.emplace();
        future = ours->get_future().share();
        entries_.emplace_front(revision, future);
        if (entries_.size() > 2) entries_.pop_back();
      }
    }
    if (!ours) return future.get();
    try {
      ours->set_value(std::make_shared<const T>(build()));
    } catch (...) {
      ours->set_exception(std::current_exception());
      std::lock_guard<std::mutex> lock(mutex_);
      std::erase_if(entries_, [&](const auto& e) { return e.first == revision; });
    }
    return future.get();
  }

 private:
  std::mutex mutex_;
  std::deque<std::pair<std::string, std::shared_future<std::shared_ptr<const T>>>> entries_;
};

}  // namespace kb::search

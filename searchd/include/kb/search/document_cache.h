// Shared caches for data derived from one index revision.
//
// Parsing a document's stored JSON (which holds the text of every page) is the most expensive
// step of showing a hit, so parsed documents are kept in a byte-bounded LRU, keyed by docid and
// valid for one revision only. RevisionCache keeps derived tables (facets, spelling) for the two
// most recent revisions, so searchers that reopen a moment apart do not rebuild in turn.
// Both are thread-safe; they hold no Xapian objects.
#pragma once

#include <cstddef>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
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

  std::shared_ptr<const IndexedDocument> Get(const std::string& revision, Xapian::docid docid);
  void Put(const std::string& revision, Xapian::docid docid,
           std::shared_ptr<const IndexedDocument> doc);

 private:
  struct Entry {
    Xapian::docid docid;
    std::shared_ptr<const IndexedDocument> doc;
    size_t bytes;
  };
  void ResetLocked(const std::string& revision);

  const size_t max_bytes_;
  std::mutex mutex_;
  std::string revision_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<Xapian::docid, std::list<Entry>::iterator> by_docid_;
  size_t bytes_ = 0;
};

template <typename T>
class RevisionCache {
 public:
  // The value for `revision`, built by `build()` (under the lock) on first use.
  template <typename Build>
  std::shared_ptr<const T> Get(const std::string& revision, Build&& build) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [rev, value] : entries_) {
      if (rev == revision) return value;
    }
    auto value = std::make_shared<const T>(build());
    entries_.emplace_front(revision, value);
    if (entries_.size() > 2) entries_.pop_back();
    return value;
  }

 private:
  std::mutex mutex_;
  std::deque<std::pair<std::string, std::shared_ptr<const T>>> entries_;
};

}  // namespace kb::search

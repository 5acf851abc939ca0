#include "kb/search/document_cache.h"

namespace kb::search {

namespace {

size_t ApproximateBytes(const IndexedDocument& indexed) {
  const StoredDocument& doc = indexed.doc;
  size_t bytes = sizeof(IndexedDocument) + doc.title.size() + doc.path.size();
  for (const auto& page : doc.pages) bytes += page.size() + sizeof(std::string);
  return bytes + indexed.pages.bytes();
}

}  // namespace

void DocumentCache::ResetLocked(const std::string& revision) {
  revision_ = revision;
  lru_.clear();
  by_docid_.clear();
  bytes_ = 0;
}

std::shared_ptr<const IndexedDocument> DocumentCache::Get(const std::string& revision,
                                                          Xapian::docid docid) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (revision != revision_) return nullptr;
  auto it = by_docid_.find(docid);
  if (it == by_docid_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->doc;
}

void DocumentCache::Put(const std::string& revision, Xapian::docid docid,
                        std::shared_ptr<const IndexedDocument> doc) {
  const size_t bytes = ApproximateBytes(*doc);
  if (bytes > max_bytes_ / 4) return;  // one huge document must not flush everything else
  std::lock_guard<std::mutex> lock(mutex_);
  if (revision != revision_) ResetLocked(revision);
  if (by_docid_.count(docid)) return;
  lru_.push_front({docid, std::move(doc), bytes});
  by_docid_[docid] = lru_.begin();
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    by_docid_.erase(lru_.back().docid);
    lru_.pop_back();
  }
}

}  // namespace kb::search

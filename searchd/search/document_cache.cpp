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

void DocumentCache::EraseLocked(std::list<Entry>::iterator it) {
  bytes_ -= it->bytes;
  by_docid_.erase(it->docid);
  lru_.erase(it);
}

std::shared_ptr<const IndexedDocument> DocumentCache::Get(Xapian::docid docid,
                                                          const std::string& version) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_docid_.find(docid);
  if (it == by_docid_.end() || it->second->version != version) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->doc;
}

void DocumentCache::Put(Xapian::docid docid, const std::string& version,
                        std::shared_ptr<const IndexedDocument> doc) {
  const size_t bytes = ApproximateBytes(*doc);
  if (bytes > max_bytes_ / 4) return;  // one huge document must not flush everything else
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = by_docid_.find(docid); it != by_docid_.end()) {
    if (it->second->version == version) return;
    EraseLocked(it->second);  // an older version of its data
  }
  lru_.push_front({docid, version, std::move(doc), bytes});
  by_docid_[docid] = lru_.begin();
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) EraseLocked(std::prev(lru_.end()));
}

}  // namespace kb::search

// BoundedMemo: values built from an index revision, kept by key up to a budget of bytes. Past
// the budget the memo empties and fills again with what the next searches use: no search can
// grow it further, and the values most in use come back first. Shared by the caches of one
// revision (MatchBitmaps, BlockBounds).
//
// Thread-safety: every member may be called from several threads at once. Movable, so that
// the cache holding it can move into a RevisionCache.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kb::search {

template <typename V>
class BoundedMemo {
 public:
  using Value = std::shared_ptr<const V>;

  explicit BoundedMemo(std::size_t budget_bytes)
      : budget_(budget_bytes), state_(std::make_unique<State>()) {}

  // The value kept under `key`, or null.
  Value Find(const std::string& key) const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    const auto found = state_->values.find(key);
    return found == state_->values.end() ? nullptr : found->second;
  }

  // Keeps `value` under `key` (unless one is kept already), counted as `bytes` plus the key's.
  // A value larger than the whole budget is not kept.
  void Keep(const std::string& key, Value value, std::size_t bytes) {
    bytes += key.size();
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->bytes + bytes > budget_) {
      state_->values.clear();
      state_->bytes = 0;
    }
    if (bytes <= budget_ && state_->values.emplace(key, std::move(value)).second) {
      state_->bytes += bytes;
    }
  }

  // Bytes kept now.
  std::size_t bytes() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->bytes;
  }

 private:
  struct State {
    std::mutex mutex;
    std::unordered_map<std::string, Value> values;
    std::size_t bytes = 0;
  };

  std::size_t budget_;
  std::unique_ptr<State> state_;
};

}  // namespace kb::search

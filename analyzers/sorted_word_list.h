// SortedWordList: a large, immutable set of folded words (the compound lexicon) kept as one
// sorted vector. Compared with a hash set it loads several times faster (no node per word) and
// answers "does any word start with this?" as well as "is this a word?" with one binary search,
// which is what compound splitting asks thousands of times per document.
// Add() then Finish() while loading; afterwards const and safe to share between threads.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace kb::analysis {

class SortedWordList {
 public:
  enum class Match { kNone, kPrefix, kWord };  // kWord: a word (and maybe a prefix of others)

  void reserve(std::size_t n) { words_.reserve(n); }
  void Add(std::string word) { words_.push_back(std::move(word)); }
  // Sorts and removes duplicates; call once, after the last Add().
  void Finish() {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  }

  Match Find(std::string_view piece) const {
    auto it = std::lower_bound(words_.begin(), words_.end(), piece,
                               [](const std::string& w, std::string_view p) { return w < p; });
    if (it == words_.end() || !std::string_view(*it).starts_with(piece)) return Match::kNone;
    return it->size() == piece.size() ? Match::kWord : Match::kPrefix;
  }
  bool contains(std::string_view word) const { return Find(word) == Match::kWord; }
  bool HasPrefix(std::string_view prefix) const { return Find(prefix) != Match::kNone; }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
};

}  // namespace kb::analysis

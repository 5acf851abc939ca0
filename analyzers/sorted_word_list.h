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
  // Words starting with one growing piece, as compound splitting tries ever longer pieces from
  // one position: each Narrow() searches only the words that matched the previous, shorter piece,
  // and compares one character per step instead of whole words.
  struct Range {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t depth = 0;  // the length of the piece the range was narrowed to
  };
  Range All() const { return Range{0, words_.size(), 0}; }
  // `piece` must extend the piece `range` was last narrowed to. Gives what Find(piece) gives.
  Match Narrow(Range& range, std::string_view piece) const {
    for (std::size_t d = range.depth; d < piece.size() && range.begin < range.end; ++d) {
      // In the range all words share piece[0, d); the one that ends there sorts first.
      const auto at = [d](const std::string& w) {
        return w.size() > d ? static_cast<int>(static_cast<unsigned char>(w[d])) : -1;
      };
      const int c = static_cast<unsigned char>(piece[d]);
      const auto first = words_.begin() + static_cast<std::ptrdiff_t>(range.begin);
      const auto last = words_.begin() + static_cast<std::ptrdiff_t>(range.end);
      const auto lo =
          std::partition_point(first, last, [&](const std::string& w) { return at(w) < c; });
      const auto hi =
          std::partition_point(lo, last, [&](const std::string& w) { return at(w) == c; });
      range.begin = static_cast<std::size_t>(lo - words_.begin());
      range.end = static_cast<std::size_t>(hi - words_.begin());
    }
    range.depth = piece.size();
    if (range.begin == range.end) return Match::kNone;
    return words_[range.begin].size() == piece.size() ? Match::kWord : Match::kPrefix;
  }
  bool contains(std::string_view word) const { return Find(word) == Match::kWord; }
  bool HasPrefix(std::string_view prefix) const { return Find(prefix) != Match::kNone; }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
};

}  // namespace kb::analysis

#include "kb/search/spelling.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <vector>

#include <xapian.h>

namespace kb::search {

size_t EditDistance(std::string_view a, std::string_view b, size_t max) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) return max + 1;
  // Three rows of the dynamic programme: two back (for transpositions), previous, current. On the
  // stack for words of the vocabulary's size: Nearest compares a word with thousands.
  constexpr size_t kStackRow = SpellingVocabulary::kMaxWordBytes + 1;
  std::array<size_t, 3 * kStackRow> stack{};
  std::vector<size_t> heap;
  size_t* rows = stack.data();
  if (m + 1 > kStackRow) {
    heap.assign(3 * (m + 1), 0);
    rows = heap.data();
  }
  size_t* two = rows;
  size_t* prev = rows + (m + 1);
  size_t* cur = rows + 2 * (m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, two[j - 2] + 1);
      }
      cur[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > max) return max + 1;
    std::swap(two, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max + 1);
}

std::uint64_t ByteSet(std::string_view word) {
  std::uint64_t set = 0;
  for (const char c : word) set |= std::uint64_t{1} << (static_cast<unsigned char>(c) % 64);
  return set;
}

SpellingVocabulary SpellingVocabulary::Build(const Xapian::Database& db) {
  SpellingVocabulary vocabulary;
  vocabulary.by_length_.resize(kMaxWordBytes + 1);
  // Unprefixed terms start with a lower-case letter or a non-ASCII byte; prefixes are capitals.
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string term = *it;
    const unsigned char first = static_cast<unsigned char>(term[0]);
    if (!(std::islower(first) || first >= 0x80)) continue;
    if (term.size() < 2 || term.size() > kMaxWordBytes) continue;
    vocabulary.by_length_[term.size()].push_back(
        {term, static_cast<std::uint32_t>(it.get_termfreq()), ByteSet(term)});
  }
  return vocabulary;
}

std::string SpellingVocabulary::Nearest(std::string_view word) const {
  if (word.size() < 3 || word.size() > kMaxWordBytes) return {};
  const size_t budget = word.size() <= 4 ? 1 : 2;
  const Entry* best = nullptr;
  size_t best_distance = budget + 1;
  const size_t low = word.size() > budget ? word.size() - budget : 1;
  const size_t high = std::min(kMaxWordBytes, word.size() + budget);
  const std::uint64_t bytes = ByteSet(word);
  for (size_t length = low; length <= high; ++length) {
    for (const Entry& e : by_length_[length]) {
      const size_t max = std::min(budget, best_distance);
      if (static_cast<size_t>(std::popcount(bytes ^ e.bytes)) > 2 * max) continue;
      const size_t d = EditDistance(word, e.word, max);
      if (d < best_distance || (d == best_distance && best && e.frequency > best->frequency)) {
        if (d > budget) continue;
        best = &e;
        best_distance = d;
      }
    }
  }
  return best ? best->word : std::string();
}

size_t SpellingVocabulary::size() const {
  size_t n = 0;
  for (const auto& bucket : by_length_) n += bucket.size();
  return n;
}

}  // namespace kb::search

#include "compound_splitter.h"

#include <algorithm>
#include <array>
#include <limits>

#include "analysis_resources.h"
#include "kb/analysis/charset.h"

namespace kb::analysis {
namespace {

constexpr std::size_t kMinPart = 3;
constexpr std::size_t kMaxWord = 60;
constexpr std::size_t kMinLeaf = 4;
// Only long parts are split again: "hulpverlening" is a compound, "praktijk" is not "prak|tijk".
constexpr std::size_t kMinRecursive = 9;
constexpr std::size_t kMinNamePart = 5;  // names as modifiers: "gezelleprijs", not "edeprijs"
constexpr std::array<std::string_view, 6> kLinkers = {"", "s", "e", "en", "n", "er"};
// Function words that do start compounds, as separable particles: "aanpak", "overlast".
constexpr std::array<std::string_view, 14> kParticles = {"aan",   "door",  "over", "uit", "voor",
                                                         "onder", "tegen", "bij",  "na",  "op",
                                                         "in",    "om",    "af",   "toe"};

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The length without a plural ending, so "praktijken" counts as the 8 letters of "praktijk".
std::size_t UninflectedLength(std::string_view s) {
  if (s.ends_with("en")) return s.size() - 2;
  if (s.ends_with("s")) return s.size() - 1;
  return s.size();
}

struct Cost {
  std::size_t parts = std::numeric_limits<std::size_t>::max();
  // Minus the shortest part: "chloor|gassen" beats "chloorgas|sen", "hiel|prik" "hielp|rik".
  long long neg_min_part = 0;
  std::size_t linker_chars = 0;
  bool operator<(const Cost& o) const {
    if (parts != o.parts) return parts < o.parts;
    if (neg_min_part != o.neg_min_part) return neg_min_part < o.neg_min_part;
    return linker_chars < o.linker_chars;
  }
};

Cost Extend(const Cost& c, std::size_t part_length, std::size_t linker_length) {
  const long long len = static_cast<long long>(part_length);
  return Cost{c.parts + 1, c.parts == 0 ? -len : std::max(c.neg_min_part, -len),
              c.linker_chars + linker_length};
}

}  // namespace

bool CompoundSplitter::IsPart(std::string_view piece, bool is_head, SortedWordList::Match word,
                              SortedWordList::Match name) const {
  if (IsDigits(piece)) return true;
  const bool particle = std::find(kParticles.begin(), kParticles.end(), piece) != kParticles.end();
  if (particle) return !is_head;
  if (Utf8Length(piece) < kMinPart) return false;
  if (resources_.stopwords.contains(piece)) return false;
  if (word == SortedWordList::Match::kWord) return true;
  return !is_head && Utf8Length(piece) >= kMinNamePart && name == SortedWordList::Match::kWord;
}

std::vector<CompoundSpan> CompoundSplitter::Split(std::string_view word) const {
  if (word.find('-') == std::string_view::npos) return SplitSolid(word);
  // A hyphenated word splits at its hyphens first; each segment that is not a name splits on.
  std::vector<CompoundSpan> parts;
  std::size_t begin = 0;
  while (begin <= word.size()) {
    std::size_t end = word.find('-', begin);
    if (end == std::string_view::npos) end = word.size();
    const std::string_view segment = word.substr(begin, end - begin);
    std::vector<CompoundSpan> sub;
    if (!resources_.names.contains(segment) && !resources_.lexicon.contains(segment)) {
      sub = SplitSolid(segment);
    }
    if (sub.empty() && !segment.empty()) parts.push_back(CompoundSpan{begin, end});
    for (const CompoundSpan& s : sub) parts.push_back(CompoundSpan{begin + s.begin, begin + s.end});
    begin = end + 1;
  }
  if (parts.size() < 2) return {};
  return parts;
}

std::vector<CompoundSpan> CompoundSplitter::SplitSolid(std::string_view word) const {
  const std::size_t n = word.size();
  if (n < 2 * kMinPart || n > kMaxWord) return {};
  // best[i]: cheapest way to cover word[0, i) with parts (and linkers) so a new part starts at i.
  std::vector<Cost> best(n + 1);
  std::vector<CompoundSpan> back(n + 1);  // the part that ends before position i's linker
  std::vector<std::size_t> from(n + 1, 0);
  best[0] = Cost{0, 0, 0};
  Cost final_cost;
  std::size_t final_from = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i].parts == std::numeric_limits<std::size_t>::max()) continue;
    if (i > 0 && (static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) continue;
    SortedWordList::Range lexicon_range = resources_.lexicon.All();
    SortedWordList::Range names_range = resources_.names.All();
    for (std::size_t j = i + 1; j <= n; ++j) {
      if (j < n && (static_cast<unsigned char>(word[j]) & 0xC0) == 0x80) continue;
      const std::string_view piece = word.substr(i, j - i);
      // One narrowing each answers "is it a word?" and "does any word start with it?". When no word
      // starts with this piece, no longer piece from i is a word either (particles and numbers
      // are short; the cut-off starts past them).
      const SortedWordList::Match in_lexicon = resources_.lexicon.Narrow(lexicon_range, piece);
      const SortedWordList::Match in_names = resources_.names.Narrow(names_range, piece);
      if (in_lexicon == SortedWordList::Match::kNone && in_names == SortedWordList::Match::kNone &&
          piece.size() > 4 && !IsDigits(piece)) {
        break;
      }
      const bool is_head = j == n;
      if (is_head && i == 0) continue;  // the whole word is not a split
      if (!IsPart(piece, is_head, in_lexicon, in_names)) continue;
      if (is_head) {
        const Cost c = Extend(best[i], j - i, 0);
        if (c < final_cost) {
          final_cost = c;
          final_from = i;
        }
        continue;
      }
      for (std::string_view linker : kLinkers) {
        const std::size_t k = j + linker.size();
        if (k >= n || word.substr(j, linker.size()) != linker) continue;
        const Cost c = Extend(best[i], j - i, linker.size());
        if (c < best[k]) {
          best[k] = c;
          back[k] = CompoundSpan{i, j};
          from[k] = i;
        }
      }
    }
  }
  if (final_cost.parts == std::numeric_limits<std::size_t>::max()) return {};
  std::vector<CompoundSpan> parts{CompoundSpan{final_from, n}};
  for (std::size_t k = final_from; k > 0; k = from[k]) parts.push_back(back[k]);
  std::reverse(parts.begin(), parts.end());
  return parts;
}

std::vector<CompoundSpan> CompoundSplitter::Leaves(std::string_view word) const {
  std::vector<CompoundSpan> leaves;
  for (const CompoundSpan& part : Split(word)) {
    std::vector<CompoundSpan> sub;
    const std::string_view text = word.substr(part.begin, part.end - part.begin);
    if (UninflectedLength(text) >= kMinRecursive) sub = Leaves(text);
    // Split a part further only into substantial pieces: "jeugdhulp" -> "jeugd" + "hulp", but
    // "verlening" stays whole rather than "ver" + "lening".
    const bool substantial = std::all_of(
        sub.begin(), sub.end(), [](const CompoundSpan& s) { return s.end - s.begin >= kMinLeaf; });
    if (sub.empty() || !substantial) {
      leaves.push_back(part);
      continue;
    }
    for (const CompoundSpan& s : sub) {
      leaves.push_back(CompoundSpan{part.begin + s.begin, part.begin + s.end});
    }
  }
  return leaves;
}

}  // namespace kb::analysis

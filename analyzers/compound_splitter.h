// Lexicon-based compound splitting: "aandachtspunten" -> "aandacht" + (s) + "punten".
//
// A split covers the word with lexicon words of at least three letters (or digit runs), joined
// by nothing or by a linking morpheme (-s-, -e-, -en-, -n-, -er-, or a hyphen). Among all
// splits the one with the fewest parts wins (so lexicalised parts such as "aandacht" stay
// whole); ties go to the split whose shortest part is longest, then to fewer linking letters.
// Function words may only be modifiers when they are separable particles ("aan", "door", "over",
// ...). Thread-safe: it only reads the shared lexicon.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "sorted_word_list.h"

namespace kb::analysis {

class AnalysisResources;

// A constituent as byte offsets into the folded word; the linking morpheme is not included.
struct CompoundSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class CompoundSplitter {
 public:
  explicit CompoundSplitter(const AnalysisResources& resources) : resources_(resources) {}

  // The top-level constituents of a folded word, in order; empty when no split exists.
  std::vector<CompoundSpan> Split(std::string_view word) const;

  // Split applied recursively to constituents of nine or more bytes, as long as the pieces have
  // at least four: the pieces a query may name on their own.
  std::vector<CompoundSpan> Leaves(std::string_view word) const;

 private:
  std::vector<CompoundSpan> SplitSolid(std::string_view word) const;  // no hyphens
  // `word`/`name`: what the lexicon and the name list say about the piece.
  bool IsPart(std::string_view piece, bool is_head, SortedWordList::Match word,
              SortedWordList::Match name) const;
  const AnalysisResources& resources_;
};

}  // namespace kb::analysis

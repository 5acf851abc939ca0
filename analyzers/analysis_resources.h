// The immutable data behind every Analyzer: loaded once by LoadResources, then shared by all
// threads through std::shared_ptr<const AnalysisResources>. Nothing here changes after loading.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "synonym_table.h"
#include "word_set.h"

namespace kb::analysis {

class AnalysisResources {
 public:
  // Folded lower-case words of the compound lexicon (wdutch), for compound splitting and for
  // the plural rule. Proper names and abbreviations (capitalised entries) are left out.
  WordSet lexicon;
  // Folded capitalised entries of the lexicon (names: "Nederlander", "Gezelle"): kept whole in
  // hyphenated words and allowed as longer compound modifiers.
  WordSet names;
  // Every entry of `lexicon` and `names`, sorted: lets the compound splitter stop extending a
  // piece as soon as no word starts with it (most pieces die after a few letters).
  std::vector<std::string_view> sorted_words;
  // True when some lexicon word or name starts with `prefix`.
  bool IsWordPrefix(std::string_view prefix) const {
    auto it = std::lower_bound(sorted_words.begin(), sorted_words.end(), prefix);
    return it != sorted_words.end() && it->starts_with(prefix);
  }
  // Snowball's Dutch stopwords, folded.
  WordSet stopwords;
  // Plural (folded) -> singular (folded), from corpus/stemmer_overrides.tsv.
  WordMap<std::string> plural_to_singular;
  SynonymTable synonyms;
};

}  // namespace kb::analysis

// The immutable data behind every Analyzer: loaded once by LoadResources, then shared by all
// threads through std::shared_ptr<const AnalysisResources>. Nothing here changes after loading.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sorted_word_list.h"
#include "synonym_table.h"
#include "word_set.h"

namespace kb::analysis {

class AnalysisResources {
 public:
  // Folded lower-case words of the compound lexicon (wdutch), for compound splitting and for
  // the plural rule. Proper names and abbreviations (capitalised entries) are left out.
  SortedWordList lexicon;
  // Folded capitalised entries of the lexicon (names: "Nederlander", "Gezelle"): kept whole in
  // hyphenated words and allowed as longer compound modifiers.
  SortedWordList names;
  // Snowball's Dutch stopwords, folded.
  WordSet stopwords;
  // Plural (folded) -> singular (folded), from corpus/stemmer_overrides.tsv.
  WordMap<std::string> plural_to_singular;
  // Verb form (folded) -> infinitive (folded), from corpus/verb_forms.tsv: participles and
  // present-tense forms ("afgewezen" -> "afwijzen", "eindigt" -> "eindigen").
  WordMap<std::string> verb_to_infinitive;
  // Word (folded) -> its fixed stem, from corpus/stem_exceptions.tsv: words the stemmer would
  // conflate with a word of another meaning ("ouderen" with "oud"). Never split as compounds.
  WordMap<std::string> fixed_stems;
  SynonymTable synonyms;
};

}  // namespace kb::analysis

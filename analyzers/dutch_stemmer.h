// Stemming: Xapian's "dutch" (Porter, pinned by schema::kStemmerName) applied to the singular
// of a word, so that singular and plural meet ("gemeenten"/"gemeente", "brieven"/"brief").
//
// The singular comes from, in order:
//   1. the override table (corpus/stemmer_overrides.tsv: irregular and lexicalised plurals);
//   2. the verb form table (corpus/verb_forms.tsv): a participle or present-tense form is
//      replaced by its infinitive, which then goes through these steps like any word, so
//      "afgewezen", "afwijst" and "afwijzen" meet;
//   3. the regular Dutch plural rules (-'s, -s, -en with consonant undoubling, vowel doubling,
//      v->f and z->s, -eren), each candidate confirmed by the lexicon;
//   4. the override table applied to the head of a compound ("stiefkinderen" -> "stiefkind").
// Words that match none of these are stemmed as they are. Input must already be folded.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

namespace kb::analysis {

class AnalysisResources;

class DutchStemmer {
 public:
  // Not thread-safe (Xapian::Stem keeps state): one per thread.
  explicit DutchStemmer(std::shared_ptr<const AnalysisResources> resources);

  std::string Stem(std::string_view folded_word);

  // The form handed to Porter: the singular when one is found, else the word itself.
  std::string BaseForm(std::string_view folded_word) const;
  // The stem corpus/stem_exceptions.tsv fixes for the word or its infinitive; null when none.
  const std::string* FixedStem(std::string_view folded_word) const;

 private:
  std::string NounBaseForm(std::string_view folded_word) const;  // steps 1, 3 and 4

  std::shared_ptr<const AnalysisResources> resources_;
  Xapian::Stem porter_;
};

// A Xapian::Stem whose implementation is DutchStemmer, for Xapian::QueryParser. The returned
// object owns its own DutchStemmer; like any Xapian::Stem it must stay in one thread.
Xapian::Stem MakeXapianStem(std::shared_ptr<const AnalysisResources> resources);

}  // namespace kb::analysis

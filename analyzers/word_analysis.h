// Per-word analysis with a per-thread cache: a folded word's stopword flag, stem, compound head
// and the stems of its constituents. Text follows Zipf's law, so most words hit the cache and
// the indexer pays for compound splitting once per distinct word. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compound_splitter.h"
#include "dutch_stemmer.h"
#include "word_set.h"

namespace kb::analysis {

struct WordInfo {
  bool stopword = false;
  std::string stem;                     // empty for stopwords
  std::vector<std::string> part_stems;  // stems of constituents and their lexicon sub-spans
  std::size_t head_begin = 0;           // byte offset of the compound head; 0 if no compound
};

class WordAnalysis {
 public:
  explicit WordAnalysis(std::shared_ptr<const AnalysisResources> resources);

  // The analysis of a folded word; the reference stays valid until the next call.
  const WordInfo& Analyze(std::string_view folded_word);

  DutchStemmer& stemmer() { return stemmer_; }
  const CompoundSplitter& splitter() const { return splitter_; }
  const AnalysisResources& resources() const { return *resources_; }

 private:
  static constexpr std::size_t kMaxCacheEntries = 400000;
  WordInfo Compute(std::string_view word);
  bool InflectsACompound(std::string_view word) const;

  std::shared_ptr<const AnalysisResources> resources_;
  DutchStemmer stemmer_;
  CompoundSplitter splitter_;
  WordMap<WordInfo> cache_;
};

}  // namespace kb::analysis

// Analyzer's private state, shared by analyzer.cpp (indexing) and query_preparation.cpp.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <xapian.h>

#include "analysis_resources.h"
#include "kb/analysis/analyzer.h"
#include "word_analysis.h"

namespace kb::analysis {

struct Analyzer::Impl {
  explicit Impl(std::shared_ptr<const AnalysisResources> r)
      : resources(std::move(r)), words(resources) {}

  // The Snowball stemmer of a language other than Dutch; nullptr when Snowball has none.
  const Xapian::Stem* ForeignStemmer(std::string_view language);

  std::shared_ptr<const AnalysisResources> resources;
  WordAnalysis words;
  std::map<std::string, std::optional<Xapian::Stem>, std::less<>> foreign_stemmers;
};

// "en", "of", "tot": the words that may stand between the parts of an elided compound.
inline bool IsElisionConjunction(std::string_view word) {
  return word == "en" || word == "of" || word == "tot";
}

}  // namespace kb::analysis

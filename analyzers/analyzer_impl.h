// Analyzer's private state, shared by analyzer.cpp (indexing) and query_preparation.cpp.
#pragma once

#include <memory>
#include <string>

#include "analysis_resources.h"
#include "kb/analysis/analyzer.h"
#include "word_analysis.h"

namespace kb::analysis {

struct Analyzer::Impl {
  explicit Impl(std::shared_ptr<const AnalysisResources> r)
      : resources(std::move(r)), words(resources) {}

  std::shared_ptr<const AnalysisResources> resources;
  WordAnalysis words;
};

// "en", "of", "tot": the words that may stand between the parts of an elided compound.
inline bool IsElisionConjunction(std::string_view word) {
  return word == "en" || word == "of" || word == "tot";
}

}  // namespace kb::analysis

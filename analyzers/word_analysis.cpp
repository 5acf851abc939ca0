#include "word_analysis.h"

#include <algorithm>

#include "analysis_resources.h"

namespace kb::analysis {
namespace {

constexpr std::size_t kMinSplitBytes = 6;

bool IsDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

WordAnalysis::WordAnalysis(std::shared_ptr<const AnalysisResources> resources)
    : resources_(std::move(resources)), stemmer_(resources_), splitter_(*resources_) {}

// An inflected word is a compound only when its base form is one: "ouderen" (base "oud") is
// not "oud" + "eren", nor "kinderen" "kind" + "eren"; "aandachtspunten" ("aandachtspunt") is.
bool WordAnalysis::InflectsACompound(std::string_view word) const {
  const std::string base = stemmer_.BaseForm(word);
  return base == word || (base.size() >= kMinSplitBytes && !splitter_.Split(base).empty());
}

const WordInfo& WordAnalysis::Analyze(std::string_view folded_word) {
  if (auto it = cache_.find(folded_word); it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCacheEntries) cache_.clear();
  return cache_.emplace(std::string(folded_word), Compute(folded_word)).first->second;
}

WordInfo WordAnalysis::Compute(std::string_view word) {
  WordInfo info;
  if (resources_->stopwords.contains(word)) {
    info.stopword = true;
    return info;
  }
  info.stem = stemmer_.Stem(word);
  if (word.size() < kMinSplitBytes || IsDigits(word)) return info;
  if (stemmer_.FixedStem(word) != nullptr) return info;  // "jongeren" is not "jong" + "eren"
  const std::vector<CompoundSpan> top = splitter_.Split(word);
  if (top.empty() || !InflectsACompound(word)) return info;
  info.head_begin = top.back().begin;
  const std::vector<CompoundSpan> leaves = splitter_.Leaves(word);
  auto add = [&](std::string_view piece) {
    if (piece.size() < 3 || IsDigits(piece) || resources_->stopwords.contains(piece)) return;
    std::string stem = stemmer_.Stem(piece);
    if (stem == info.stem) return;
    if (std::find(info.part_stems.begin(), info.part_stems.end(), stem) != info.part_stems.end()) {
      return;
    }
    info.part_stems.push_back(std::move(stem));
  };
  for (const CompoundSpan& leaf : leaves) add(word.substr(leaf.begin, leaf.end - leaf.begin));
  // Sub-compounds made of adjacent leaves: "jeugdhulp" and "hulpverlening" in
  // "jeugdhulpverlening", when the lexicon knows them.
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    for (std::size_t j = i + 1; j < leaves.size(); ++j) {
      if (i == 0 && j + 1 == leaves.size()) continue;  // the whole word
      const std::string_view span = word.substr(leaves[i].begin, leaves[j].end - leaves[i].begin);
      if (resources_->lexicon.contains(span)) add(span);
    }
  }
  return info;
}

}  // namespace kb::analysis

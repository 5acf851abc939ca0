#include "phrase_matcher.h"

#include <algorithm>

namespace kb::analysis {

void PhraseMatcher::Add(const std::vector<std::string>& words, std::uint32_t id) {
  if (words.empty()) return;
  Pattern pattern;
  pattern.id = id;
  for (const std::string& word : words) {
    const bool prefix = word.size() > 1 && word.back() == '*';
    pattern.words.push_back(prefix ? word.substr(0, word.size() - 1) : word);
    pattern.prefix.push_back(prefix);
  }
  const auto index = static_cast<std::uint32_t>(phrases_.size());
  const std::string& first = pattern.words.front();
  if (pattern.prefix.front()) {
    by_first_prefix_[first].push_back(index);
    min_prefix_ = min_prefix_ == 0 ? first.size() : std::min(min_prefix_, first.size());
    max_prefix_ = std::max(max_prefix_, first.size());
  } else {
    by_first_word_[first].push_back(index);
  }
  phrases_.push_back(std::move(pattern));
}

bool PhraseMatcher::MatchesRest(const Pattern& pattern, const std::vector<ScannedWord>& text,
                                std::size_t pos) const {
  if (pos + pattern.words.size() > text.size()) return false;
  for (std::size_t k = 1; k < pattern.words.size(); ++k) {
    const std::string& have = text[pos + k].folded;
    const std::string& want = pattern.words[k];
    if (pattern.prefix[k] ? !have.starts_with(want) : have != want) return false;
  }
  return true;
}

void PhraseMatcher::MatchAt(const std::vector<ScannedWord>& text, std::size_t pos,
                            const std::function<void(std::uint32_t, std::size_t)>& on_match) const {
  const std::string_view word = text[pos].folded;
  auto report = [&](const std::vector<std::uint32_t>& candidates) {
    for (std::uint32_t index : candidates) {
      const Pattern& pattern = phrases_[index];
      if (MatchesRest(pattern, text, pos)) on_match(pattern.id, pattern.words.size());
    }
  };
  if (auto it = by_first_word_.find(word); it != by_first_word_.end()) report(it->second);
  if (min_prefix_ == 0) return;
  const std::size_t longest = std::min(word.size(), max_prefix_);
  for (std::size_t n = min_prefix_; n <= longest; ++n) {
    if (auto it = by_first_prefix_.find(word.substr(0, n)); it != by_first_prefix_.end()) {
      report(it->second);
    }
  }
}

}  // namespace kb::analysis

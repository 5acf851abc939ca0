#include "kb/search/page_index.h"

#include <algorithm>
#include <cctype>

#include "kb/analysis/text_fold.h"
#include "kb/analysis/tokenizer.h"
#include "kb/search/snippets.h"

namespace kb::search {

namespace {}  // namespace

PageIndex PageIndex::Build(const std::vector<std::string>& pages, const Stemmer& stem) {
  std::unordered_map<std::string, std::vector<Posting>> found;
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::string_view page = pages[p];
    analysis::Tokenizer words(page);
    for (analysis::Token word; words.Next(word);) {
      auto& postings = found[analysis::Folded(word.text)];
      if (postings.empty() || postings.back().page != p) {
        postings.push_back(
            {static_cast<std::uint32_t>(p), 0, static_cast<std::uint32_t>(word.offset)});
      }
      ++postings.back().count;
    }
  }
  PageIndex index;
  index.words_.reserve(found.size());
  for (const auto& [word, postings] : found) index.words_.push_back(word);
  std::sort(index.words_.begin(), index.words_.end());
  index.postings_.reserve(index.words_.size());
  for (std::uint32_t id = 0; id < index.words_.size(); ++id) {
    const std::string& word = index.words_[id];
    index.postings_.push_back(std::move(found[word]));
    index.by_stem_[stem(word)].push_back(id);
    index.bytes_ += 2 * word.size() + 64 + index.postings_.back().size() * sizeof(Posting);
  }
  return index;
}

void PageIndex::AddMatches(std::uint32_t word, std::uint32_t term,
                           std::unordered_map<std::uint32_t, PageScore>& pages,
                           std::vector<std::uint32_t>& last_term) const {
  for (const Posting& posting : postings_[word]) {
    PageScore& score = pages[posting.page];
    score.matches += posting.count;
    score.first_offset = std::min(score.first_offset, posting.first_offset);
    // A page counts each query term once for `distinct`, however many of its forms occur.
    if (last_term.size() <= posting.page) last_term.resize(posting.page + 1, 0);
    if (last_term[posting.page] != term + 1) {
      last_term[posting.page] = term + 1;
      ++score.distinct;
    }
  }
}

std::vector<PageIndex::PageMatch> PageIndex::BestPages(const QueryTerms& terms,
                                                       size_t max_pages) const {
  std::unordered_map<std::uint32_t, PageScore> pages;
  std::vector<std::uint32_t> last_term;
  std::uint32_t term = 0;
  auto word_id = [&](const std::string& w) -> long {
    auto it = std::lower_bound(words_.begin(), words_.end(), w);
    return it != words_.end() && *it == w ? it - words_.begin() : -1;
  };
  for (const auto& w : terms.words) {
    if (long id = word_id(w); id >= 0)
      AddMatches(static_cast<std::uint32_t>(id), term, pages, last_term);
    ++term;
  }
  for (const auto& s : terms.stems) {
    auto it = by_stem_.find(s);
    if (it != by_stem_.end()) {
      for (std::uint32_t id : it->second) {
        // A word that is also a query word was counted already.
        if (!terms.words.count(words_[id])) AddMatches(id, term, pages, last_term);
      }
    }
    ++term;
  }
  for (const auto& prefix : terms.prefixes) {
    for (auto it = std::lower_bound(words_.begin(), words_.end(), prefix);
         it != words_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      AddMatches(static_cast<std::uint32_t>(it - words_.begin()), term, pages, last_term);
    }
    ++term;
  }
  std::vector<std::pair<std::uint32_t, PageScore>> ranked(pages.begin(), pages.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.distinct != b.second.distinct) return a.second.distinct > b.second.distinct;
    if (a.second.matches != b.second.matches) return a.second.matches > b.second.matches;
    return a.first < b.first;
  });
  std::vector<PageMatch> best;
  for (size_t i = 0; i < ranked.size() && i < max_pages; ++i) {
    best.push_back({static_cast<int>(ranked[i].first), ranked[i].second.first_offset});
  }
  return best;
}

}  // namespace kb::search

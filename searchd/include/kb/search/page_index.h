// PageIndex: which words occur on which page of one document, so a hit's best pages are found
// by looking up the query's terms instead of rescanning every page for every search.
//
// Built once per document and index revision (kept with the parsed document in DocumentCache):
// every word of every page is folded (FoldWord) and stemmed with the index's stemmer. Lookups
// then cost a few hash probes per query term. Immutable after Build; safe to share.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kb::search {

struct QueryTerms;

class PageIndex {
 public:
  using Stemmer = std::function<std::string(const std::string& folded_word)>;

  static PageIndex Build(const std::vector<std::string>& pages, const Stemmer& stem);

  // 0-based page numbers where `terms` match best (most distinct terms, then most matches),
  // at most `max_pages`, best first; empty when no page matches.
  std::vector<int> BestPages(const QueryTerms& terms, size_t max_pages) const;

  size_t bytes() const { return bytes_; }

 private:
  struct Posting {
    std::uint32_t page;
    std::uint32_t count;
  };
  void AddMatches(std::uint32_t word, std::uint32_t term,
                  std::unordered_map<std::uint32_t, std::pair<std::uint64_t, std::uint32_t>>& pages,
                  std::vector<std::uint32_t>& last_term) const;

  std::vector<std::string> words_;              // distinct folded words, sorted
  std::vector<std::vector<Posting>> postings_;  // per word: pages it is on
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_stem_;  // stem -> word ids
  size_t bytes_ = 0;
};

}  // namespace kb::search

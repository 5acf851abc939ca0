// PageIndex: which words occur on which page of one document, so a hit's best pages are found
// by looking up the query's terms instead of rescanning every page for every search.
//
// Built once per version of a document's data (kept with the parsed document in DocumentCache):
// every word of every page is folded (analysis::Folded, words as the Tokenizer finds them) and
// stemmed with the index's stemmer. Lookups then cost a few hash probes per query term. Immutable
// after Build; safe to share.
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

  struct PageMatch {
    int page = 0;             // 0-based
    size_t first_offset = 0;  // byte offset of the first matching word on the page
  };
  // The pages where `terms` match best (most distinct terms, then most matches), at most
  // `max_pages`, best first; empty when no page matches.
  std::vector<PageMatch> BestPages(const QueryTerms& terms, size_t max_pages) const;

  size_t bytes() const { return bytes_; }

 private:
  struct Posting {
    std::uint32_t page;
    std::uint32_t count;
    std::uint32_t first_offset;  // byte offset of the word's first occurrence on the page
  };
  struct PageScore {
    std::uint64_t matches = 0;
    std::uint32_t distinct = 0;
    std::uint32_t first_offset = UINT32_MAX;
  };
  void AddMatches(std::uint32_t word, std::uint32_t term,
                  std::unordered_map<std::uint32_t, PageScore>& pages,
                  std::vector<std::uint32_t>& last_term) const;

  std::vector<std::string> words_;              // distinct folded words, sorted
  std::vector<std::vector<Posting>> postings_;  // per word: pages it is on
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_stem_;  // stem -> word ids
  size_t bytes_ = 0;
};

}  // namespace kb::search

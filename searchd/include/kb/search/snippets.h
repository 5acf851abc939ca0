// Snippets: the passage of a hit that shows why it matches, and the pages where it matches best.
//
// The text is HTML-escaped and the matching words are wrapped in <mark>…</mark>, so a page can
// insert the snippet as HTML safely even when a document contains markup such as "<script>".
// Words match a query term when their folded form equals a query word, when their stem equals a
// query stem (the same stemmer as the index), or when they start with a wildcard prefix.
//
// SnippetMaker owns a Xapian::Stem: one per search, never shared between threads.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "kb/search/page_index.h"

namespace kb::search {

struct QueryTerms {
  std::set<std::string> words;        // folded words, e.g. "jeugdhulp"
  std::set<std::string> stems;        // stems, e.g. "eenzam"
  std::vector<std::string> prefixes;  // wildcard prefixes, e.g. "jeugd" for "jeugd*"
  bool empty() const { return words.empty() && stems.empty() && prefixes.empty(); }
};

// The terms a snippet should mark: the free-text terms of `query` (unprefixed, title and author
// words and their Z-stems) and the wildcard words of the query text.
QueryTerms QueryTermsOf(const Xapian::Query& query, std::string_view query_text);

struct Snippet {
  std::string html;
  std::vector<int> pages;  // 1-based, best first; empty when nothing on the pages matches
};

struct SnippetOptions {
  size_t length = 280;   // bytes of text shown, about; cut at word boundaries
  size_t max_pages = 3;  // how many best pages to report
};

class SnippetMaker {
 public:
  SnippetMaker(QueryTerms terms, Xapian::Stem stemmer, SnippetOptions options = {});

  // Picks the best page of `pages` (looked up in `index`, built from the same pages) and the
  // passage on it with the most matches. Without any match, the start of the first non-empty
  // page.
  Snippet Make(const std::vector<std::string>& pages, const PageIndex& index);
  // All of `text`, escaped, with every matching word in <mark> (a passage, shown whole).
  std::string Mark(std::string_view text);

 private:
  struct Span {
    size_t begin, end;
  };
  bool Matches(const std::string& folded);
  std::vector<Span> MatchesOn(std::string_view page);
  std::string Render(std::string_view page, const std::vector<Span>& matches) const;

  QueryTerms terms_;
  Xapian::Stem stemmer_;
  SnippetOptions options_;
  std::set<std::string> stem_starts_;  // first two bytes of each stem, to skip stemming most words
  std::unordered_map<std::string, bool> memo_;
};

// Escapes &, <, >, " and ' for HTML, and collapses runs of white space into one space.
std::string EscapeHtml(std::string_view text);

}  // namespace kb::search

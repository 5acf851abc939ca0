#include "kb/search/snippets.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "kb/analysis/query_words.h"
#include "kb/analysis/text_fold.h"
#include "kb/analysis/tokenizer.h"
#include "kb/core/schema.h"

namespace kb::search {

namespace {

bool IsSpace(unsigned char c) { return std::isspace(c) != 0; }

// Moves `pos` back (or forward) to a word boundary, at most `slack` bytes, and never into the
// middle of a UTF-8 sequence.
size_t BoundaryBefore(std::string_view text, size_t pos, size_t slack) {
  const size_t limit = pos > slack ? pos - slack : 0;
  for (size_t p = pos; p > limit; --p) {
    if (IsSpace(static_cast<unsigned char>(text[p - 1]))) return p;
  }
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return limit == 0 ? 0 : pos;
}

size_t BoundaryAfter(std::string_view text, size_t pos, size_t slack) {
  if (pos >= text.size()) return text.size();
  const size_t limit = std::min(text.size(), pos + slack);
  for (size_t p = pos; p < limit; ++p) {
    if (IsSpace(static_cast<unsigned char>(text[p]))) return p;
  }
  if (limit == text.size()) return limit;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

void AppendEscaped(std::string_view text, std::string& out, bool& space_pending) {
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (IsSpace(c)) {
      space_pending = true;
      continue;
    }
    if (space_pending && !out.empty()) out.push_back(' ');
    space_pending = false;
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(ch);
    }
  }
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  bool space = false;
  AppendEscaped(text, out, space);
  return out;
}

QueryTerms QueryTermsOf(const Xapian::Query& query, std::string_view query_text) {
  QueryTerms terms;
  const std::string stem_prefix(schema::kPrefixStem);
  const std::string title(schema::kPrefixTitle), author(schema::kPrefixAuthor);
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    std::string term = *it;
    if (term.empty()) continue;
    bool stem = false;
    if (term.rfind(stem_prefix, 0) == 0) {
      stem = true;
      term.erase(0, stem_prefix.size());
    }
    if (term.rfind(title, 0) == 0 || term.rfind(author, 0) == 0) term.erase(0, 1);
    if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
    (stem ? terms.stems : terms.words).insert(term);
  }
  for (const analysis::QueryWord& w : analysis::ScanQueryWords(query_text)) {
    if (w.is_wildcard) {
      terms.prefixes.push_back(analysis::Folded(query_text.substr(w.begin, w.end - w.begin)));
    }
  }
  return terms;
}

SnippetMaker::SnippetMaker(QueryTerms terms, Xapian::Stem stemmer, SnippetOptions options)
    : terms_(std::move(terms)), stemmer_(std::move(stemmer)), options_(options) {
  for (const auto& s : terms_.stems) stem_starts_.insert(s.substr(0, 2));
}

bool SnippetMaker::Matches(const std::string& folded) {
  if (terms_.words.count(folded)) return true;
  for (const auto& p : terms_.prefixes) {
    if (folded.rfind(p, 0) == 0) return true;
  }
  if (stem_starts_.empty() || !stem_starts_.count(folded.substr(0, 2))) return false;
  auto [it, inserted] = memo_.emplace(folded, false);
  if (inserted) it->second = terms_.stems.count(stemmer_(folded)) > 0;
  return it->second;
}

std::vector<SnippetMaker::Span> SnippetMaker::MatchesOn(std::string_view page) {
  std::vector<Span> spans;
  std::string folded;
  analysis::Tokenizer words(page);
  for (analysis::Token word; words.Next(word);) {
    folded.clear();
    analysis::AppendFolded(word.text, folded);
    if (Matches(folded)) spans.push_back({word.offset, word.offset + word.text.size()});
  }
  return spans;
}

std::string SnippetMaker::Render(std::string_view page, const std::vector<Span>& matches) const {
  const size_t length = options_.length;
  // The window that starts a little before match i and holds the most matches.
  size_t best = 0, best_count = 0;
  for (size_t i = 0, j = 0; i < matches.size(); ++i) {
    while (j < matches.size() && matches[j].end <= matches[i].begin + length * 3 / 4) ++j;
    if (j - i > best_count) {
      best_count = j - i;
      best = i;
    }
  }
  size_t start = 0;
  if (!matches.empty()) {
    const size_t lead = length / 4;
    start = matches[best].begin > lead ? matches[best].begin - lead : 0;
  }
  start = BoundaryBefore(page, start, 30);
  const size_t end = BoundaryAfter(page, std::min(page.size(), start + length), 30);

  std::string out;
  bool space = false;
  analysis::Token word_before;
  if (analysis::Tokenizer(page.substr(0, start)).Next(word_before)) {
    out += "…";
  }
  size_t done = start;
  for (const Span& m : matches) {
    if (m.begin < start || m.end > end) continue;
    AppendEscaped(page.substr(done, m.begin - done), out, space);
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out += "<mark>";
    AppendEscaped(page.substr(m.begin, m.end - m.begin), out, space);
    out += "</mark>";
    done = m.end;
  }
  AppendEscaped(page.substr(done, end - done), out, space);
  if (end < page.size()) out += " …";
  return out;
}

std::string SnippetMaker::Mark(std::string_view text) {
  std::string out;
  bool space = false;
  std::size_t done = 0;
  for (const Span& m : MatchesOn(text)) {
    AppendEscaped(text.substr(done, m.begin - done), out, space);
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out += "<mark>";
    AppendEscaped(text.substr(m.begin, m.end - m.begin), out, space);
    out += "</mark>";
    done = m.end;
  }
  AppendEscaped(text.substr(done), out, space);
  return out;
}

Snippet SnippetMaker::Make(const std::vector<std::string>& pages, const PageIndex& index) {
  Snippet snippet;
  std::vector<PageIndex::PageMatch> best;
  if (!terms_.empty()) best = index.BestPages(terms_, options_.max_pages);
  for (const auto& match : best) snippet.pages.push_back(match.page + 1);
  if (!best.empty()) {
    // Only the stretch from just before the first match is scanned: a text file is one page
    // of possibly megabytes, and the passage is shown from the first matches anyway.
    const std::string_view page = pages[static_cast<size_t>(best.front().page)];
    const size_t from = BoundaryBefore(page, best.front().first_offset, 0);
    const size_t to = BoundaryAfter(page, std::min(page.size(), from + 4 * options_.length), 30);
    std::vector<Span> matches = MatchesOn(page.substr(from, to - from));
    for (Span& m : matches) {
      m.begin += from;
      m.end += from;
    }
    snippet.html = Render(page, matches);
    return snippet;
  }
  for (const auto& page : pages) {
    if (page.find_first_not_of(" \t\r\n\f\v") == std::string::npos) continue;
    snippet.html = Render(page, {});
    break;
  }
  return snippet;
}

}  // namespace kb::search

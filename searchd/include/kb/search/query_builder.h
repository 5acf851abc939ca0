// QueryBuilder: how the text in parameter 'q' becomes a Xapian query, and which documents count.
//
// Queries with explicit syntax are taken as written: an operator word (AND/OR/NOT/XOR/NEAR/ADJ,
// or Dutch EN/OF/NIET, upper case), double quotes, a '+' or '-' before a word, a field
// ("titel:") or a trailing '*'. Words without an operator between them must all match.
// Brackets alone are not syntax ("een WOB (wet openbaarheid van bestuur) verzoek"); they group
// only when the query has operators.
//
// Plain queries (words only) are read as a search or a question:
//  - Question words (wanneer, welke, waarom, waar, ...; kQuestionWords in query_builder.cpp) are
//    dropped, unless nothing would remain. "Wanneer" names what the user asks, not what the
//    answer says.
//  - Up to kShortQueryWords content words (words that are not stopwords): every word must match
//    (AND), ranked by BM25. So "jeugdhulp Groningen" lists, and counts in total and facets, only
//    documents with both words. When no document has them all (and no spelling correction
//    helps), the search is relaxed: documents with any of the words, those with the most of
//    them ranked first by BM25.
//  - More content words (a question such as "Wanneer heeft een ouder recht op kinderbijslag?"):
//    a document must contain at least kMinimumShare of the content words (each word counting
//    with its stem, synonyms and compound parts); total and facets count exactly those
//    documents. Ranking is BM25 over all the words, so documents with more of them come first.
//
// Thread-safety: a QueryBuilder uses the Analyzer and QueryParser it is given, which belong to
// one thread; so does the builder and every BuiltQuery it returns.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/core/status.h"

namespace kb::search {

inline constexpr int kShortQueryWords = 3;
inline constexpr double kMinimumShare = 0.34;

struct BuiltQuery {
  Xapian::Query query;
  // When set, only documents it accepts are matches (the share of content words above); pass
  // it to Enquire::get_mset. Null: every document matching `query` counts.
  std::shared_ptr<Xapian::MatchDecider> decider;
  // The words the query was built from, for snippets (question words removed).
  std::string text;
  // A short plain query whose words all had to match: Build(..., Relax::kAnyWord) may find more.
  bool relaxable = false;
};

enum class Relax {
  kNo,       // the semantics described above
  kAnyWord,  // plain queries: documents with any content word, the most words ranked first
};

class QueryBuilder {
 public:
  // `parser` must be configured by analyzer.ConfigureQueryParser and have its database set;
  // Build changes its default operator. Both must outlive the builder.
  QueryBuilder(analysis::Analyzer& analyzer, Xapian::QueryParser& parser, unsigned parser_flags);

  // The query for `q` (not blank). InvalidArgument (naming parameter 'q') when the syntax
  // cannot be read.
  Result<BuiltQuery> Build(const std::string& q, Relax relax = Relax::kNo);

 private:
  Result<Xapian::Query> Parse(const std::string& text, Xapian::Query::op default_op);

  analysis::Analyzer& analyzer_;
  Xapian::QueryParser& parser_;
  unsigned parser_flags_;
};

// True when `q` uses syntax that QueryBuilder takes as written (see above).
bool HasExplicitSyntax(std::string_view q);

// True for the question words a plain query drops ("wanneer", folded, lower case).
bool IsQuestionWord(std::string_view folded_word);

}  // namespace kb::search

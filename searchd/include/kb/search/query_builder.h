// QueryBuilder: how the text in parameter 'q' becomes a Xapian query, and which documents count.
//
// Queries with explicit syntax are taken as written: an operator word (AND/OR/NOT/XOR/NEAR/ADJ,
// or Dutch EN/OF/NIET, upper case), double quotes, a '+' or '-' before a word, a field
// ("titel:") or a trailing '*'. Words without an operator between them must all match.
// Brackets alone are not syntax ("een WOB (wet openbaarheid van bestuur) verzoek"); they group
// only when the query has operators.
//
// Plain queries (words only) are read as a search or as a question. Either way every content
// word (not a stopword) is a group: its stem, synonyms, the word as typed, and, for a compound,
// its parts together ("toeslagenaffaire": "toeslagen" and "affaire", at kCompoundPartWeight).
// A place the query names (QueryRegion: "eenzaamheid ouderen Drenthe") is one group too: its
// name in the text, or the filter terms of the documents about it or any of its gemeenten,
// which add kRegionBoost.
//  - Question words (wanneer, welke, waarom, waar, ...; kQuestionWords in query_builder.cpp) are
//    dropped, unless nothing would remain. "Wanneer" names what the user asks, not what the
//    answer says (94 of the 102 legal-dutch-aqa questions open with it).
//  - A search (no question word, no '?'): every document with any group matches (total and
//    facets count them all), ordered first by how many groups it holds (the coverage tiers) and
//    then by relevance: documents with all the words first, then the best partial matches.
//    `all_words` counts the documents that hold every group, so the answer can say when none
//    does. Relevance is BM25 over the groups, plus the words in the title at
//    kTitleFieldWeight, the words as typed at kExactFormWeight and neighbouring words near each
//    other at kProximityWeight (as below).
//  - A question (a question word or '?'): a document must contain at least kMinimumShare of the
//    groups (rounded up), and total and facets count exactly those documents. Ranking is BM25
//    over all the words with kQuestionWeighting, so documents with more of the words come
//    first, plus each word in the form typed at kExactFormWeight, plus neighbouring words that
//    stand near each other in the document at kProximityWeight. A multi-word synonym counts
//    only as a whole ("algemene bijstand" names "bijstand"; "algemene" alone does not).
//
// Explicit operators could be combined with the question rules, but a user who types them
// expects them to be taken literally, so they are not.
//
// Thread-safety: a QueryBuilder uses the Analyzer and QueryParser it is given, which belong to
// one thread; so does the builder and every BuiltQuery it returns.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/analysis/region_tagger.h"
#include "kb/core/status.h"

namespace kb::search {

inline constexpr double kMinimumShare = 0.25;

// A compound's parts, all present, count for the compound at this weight: "toeslagenaffaire"
// meets a text on the "affaire" around "toeslagen", below one that uses the compound itself.
inline constexpr double kCompoundPartWeight = 0.5;

// The weight a document gets for being about a place the query names (its filter terms): about
// the most one rare word can add under BM25 ((k1 + 1) * idf, idf = ln(N) ~ 5 here), so that
// within a coverage tier being about the place outweighs merely naming it. The name in the
// text scores as a word on top of it. On bench/relevance/social's region queries nDCG@10 was
// 0.783 at 1, 0.789 at 3, 0.814 at 6, 0.841 at 12 and 0.833 at 25 and 100.
inline constexpr double kRegionBoost = 10.0;

// BM25 for questions: k1 0.6 (a repeated word counts less) and length normalisation b 0.2
// (Xapian's defaults: 1 and 0.5). Law articles share their section title, indexed with extra
// weight, so term frequency mostly repeats the title; measured on legal-dutch-aqa
// (bench/relevance/ANALYSIS.md), +0.03 nDCG@10. Searches keep Xapian's defaults.
inline constexpr double kQuestionK1 = 0.6;
inline constexpr double kQuestionB = 0.2;

// Plain queries (questions and searches) also score each content word in the form typed (its
// unstemmed term), at this weight relative to the stemmed word, so the exact form outranks a mere
// shared stem ("gestuit" above "stuiten"). Chosen a priori as half a word; 0.3 and 1 measured
// within 0.003 nDCG@10 of it on legal-dutch-aqa (bench/relevance/ANALYSIS.md).
inline constexpr double kExactFormWeight = 0.5;

// Plain queries also score their words in the title field (prefix S), at this
// weight: a short document titled with the question's words ("Kinderbijslag voor een
// pleegkind") must outrank a whole law that repeats them, which the weak length normalisation
// above (b) does not hold back in a corpus that mixes one-page notes with 200 KB laws. It costs
// 0.003 nDCG@10 on legal-dutch-aqa (0.798 -> 0.794 at 0.25, 0.795 at 0.1, 0.774 at 1), whose
// articles share their section titles with their neighbours.
inline constexpr double kTitleFieldWeight = 0.25;

// Plain queries also score each pair of neighbouring content words (in the
// form typed) that a document has within kProximityWindow positions of each other, in either
// order, at kProximityWeight (the pair's words count that much again). Articles of one section
// share their title and most of their words; the answer is the one where the question's words
// stand together ("verlaagt het college ... de bijstand"). The window is the sequential
// dependence model's (Metzler and Croft, 2005: 8 words); widened to the pair's own distance in
// the query when that is larger. On legal-dutch-aqa nDCG@10 0.794 -> 0.818; windows 6-16 and
// weights 0.1-0.5 all measured 0.802-0.825 (bench/relevance/ANALYSIS.md).
inline constexpr Xapian::termcount kProximityWindow = 8;
inline constexpr double kProximityWeight = 0.25;

// A place named in the query (where and what, RegionTagger::TagQuery) and the filter terms of
// the documents about it (Catalog::FilterTermsOf).
struct QueryRegion {
  analysis::QueryPlace place;
  std::vector<std::string> filter_terms;
};

// Every document holding a group gets this fixed weight per group it holds (the coverage tiers
// of a search), far above any relevance a query reaches (BM25 over a few dozen terms stays in
// the hundreds even at millions of documents), so ranking by weight ranks by the number of
// groups first and by relevance within a tier.
inline constexpr double kCoverageWeight = 1e5;

// Everything a built query asks of the match is a Xapian::Query: no MatchDecider and no
// KeyMaker, since Xapian's remote backend (shards on xapian-tcpsrv) carries neither. A query
// runs the same on one index and on shards.
struct BuiltQuery {
  // What matches, and its relevance.
  Xapian::Query query;
  // When not empty, only documents it matches count (a boolean query): for a question, those
  // holding at least kMinimumShare of the groups.
  Xapian::Query minimum;
  // When not empty, kCoverageWeight for each group a document holds (see Ranked): searches
  // with more than one group.
  Xapian::Query coverage;
  // With a coverage: the documents it gives every group's weight (each group held in one of its
  // ways). Since kCoverageWeight outweighs any relevance, when enough matches are among them,
  // the first ranks of all matches are theirs.
  Xapian::Query covered;
  // The documents holding every group; empty for queries taken as written (where the query
  // itself says what must match).
  Xapian::Query all_words;
  // `query` without the proximity bonus (the NEAR pairs), for short texts where reading
  // positions buys little (passages); empty when `query` has none to leave out.
  Xapian::Query without_proximity;
  // The words the query was built from, for snippets (question words removed).
  std::string text;
  // A question: rank with BM25(kQuestionK1, kQuestionB).
  bool natural_language = false;
  // The places the query was built with (empty for queries taken as written).
  std::vector<QueryRegion> regions;

  // The documents that match within `filter` (a boolean query; empty: none): `query`, filtered,
  // within `minimum`.
  Xapian::Query Matching(const Xapian::Query& filter = Xapian::Query()) const;
  // Matching(filter) ranked by coverage, then relevance: the coverage tiers added to each
  // match's weight (they add no match).
  Xapian::Query Ranked(const Xapian::Query& filter = Xapian::Query()) const;
  // This query without its proximity bonus (`without_proximity`; itself when it has none): the
  // same documents match (a NEAR pair adds no match), and no positions are read.
  BuiltQuery WithoutProximity() const;
  // The relevance part of a weight Ranked() gave (the weight itself when there is no coverage).
  double Relevance(double weight) const;
};

class QueryBuilder {
 public:
  // `parser` must be configured by analyzer.ConfigureQueryParser and have its database set;
  // Build changes its default operator. Both must outlive the builder.
  QueryBuilder(analysis::Analyzer& analyzer, Xapian::QueryParser& parser, unsigned parser_flags);

  // The query for `q` (not blank); `regions` are the places `q` names (byte offsets into `q`).
  // InvalidArgument (naming parameter 'q') when the syntax cannot be read.
  Result<BuiltQuery> Build(const std::string& q, const std::vector<QueryRegion>& regions = {});

 private:
  Result<Xapian::Query> Parse(const std::string& text, Xapian::Query::op default_op,
                              const std::string& default_prefix = "");

  analysis::Analyzer& analyzer_;
  Xapian::QueryParser& parser_;
  unsigned parser_flags_;
};

// True when `q` uses syntax that QueryBuilder takes as written (see above).
bool HasExplicitSyntax(std::string_view q);

// True when `query` holds a phrase or NEAR anywhere: a match reads positions for it.
bool ReadsPositions(const Xapian::Query& query);

// True for the question words a plain query drops ("wanneer", folded, lower case).
bool IsQuestionWord(std::string_view folded_word);

}  // namespace kb::search

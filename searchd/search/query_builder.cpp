#include "kb/search/query_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "kb/analysis/query_words.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/schema.h"

namespace kb::search {

using analysis::QueryWord;
using analysis::RewriteQuery;
using analysis::ScanQueryWords;

namespace {

// Dutch question words, folded. Only a query drops them: inside a law article "wanneer" is a
// conjunction that carries no topic, and 94 of the 102 legal-dutch-aqa questions open with it.
// The Snowball list already has wat, hoe and wie; they are here so the list is complete.
constexpr std::array<std::string_view, 14> kQuestionWords = {
    "wanneer", "welke",   "welk",    "waarom",  "waar",     "hoe",      "wie",
    "wat",     "hoeveel", "hoelang", "waarmee", "waarvoor", "waardoor", "slechts",
};

// The ways a document can hold one group of a query: sets of terms it must all hold
// ("toeslagenaffaire", or both "toeslag" and "affaire").
using Alternatives = std::vector<std::vector<std::string>>;

// The documents holding a group: any of its alternatives (boolean; for OP_FILTER only).
Xapian::Query Held(const Alternatives& alternatives) {
  std::vector<Xapian::Query> ways;
  for (const auto& terms : alternatives) {
    ways.emplace_back(Xapian::Query::OP_AND, terms.begin(), terms.end());
  }
  return Xapian::Query(Xapian::Query::OP_OR, ways.begin(), ways.end());
}

// The documents holding at least `k` of held[begin, end) (1 <= k <= end - begin): at least i
// of the first half and k - i of the second, for each i. The query has polynomially many
// nodes where listing every k-subset would take C(n, k).
Xapian::Query AtLeast(size_t k, const std::vector<Xapian::Query>& held, size_t begin, size_t end) {
  const size_t n = end - begin;
  const auto first = held.begin() + static_cast<std::ptrdiff_t>(begin);
  const auto last = held.begin() + static_cast<std::ptrdiff_t>(end);
  if (k == 1) return Xapian::Query(Xapian::Query::OP_OR, first, last);
  if (k == n) return Xapian::Query(Xapian::Query::OP_AND, first, last);
  const size_t middle = begin + n / 2;
  const size_t left = middle - begin;
  const size_t right = end - middle;
  std::vector<Xapian::Query> ways;
  for (size_t i = k > right ? k - right : 0; i <= std::min(k, left); ++i) {
    if (i == 0) {
      ways.push_back(AtLeast(k, held, middle, end));
    } else if (i == k) {
      ways.push_back(AtLeast(k, held, begin, middle));
    } else {
      ways.emplace_back(Xapian::Query::OP_AND, AtLeast(i, held, begin, middle),
                        AtLeast(k - i, held, middle, end));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, ways.begin(), ways.end());
}

// kCoverageWeight for each group a document holds: a fixed weight filtered by the group.
Xapian::Query CoverageTiers(const std::vector<Xapian::Query>& held) {
  std::vector<Xapian::Query> tiers;
  for (const Xapian::Query& group : held) {
    tiers.emplace_back(
        Xapian::Query::OP_FILTER,
        Xapian::Query((new Xapian::FixedWeightPostingSource(kCoverageWeight))->release()), group);
  }
  return Xapian::Query(Xapian::Query::OP_OR, tiers.begin(), tiers.end());
}

// The ways `query` can be satisfied, as sets of terms that must all occur: an OR or SYNONYM is
// any of its children's; an AND, PHRASE or NEAR needs one of each child's (at most a few dozen
// combinations; beyond that each term on its own counts); other operators take their first
// child's.
Alternatives AlternativesOf(const Xapian::Query& query) {
  constexpr size_t kMaxCombinations = 64;
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    return {{*query.get_unique_terms_begin()}};
  }
  Alternatives out;
  const size_t n = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      for (size_t i = 0; i < n; ++i) {
        for (auto& alternative : AlternativesOf(query.get_subquery(i))) {
          out.push_back(std::move(alternative));
        }
      }
      return out;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      out = {{}};
      for (size_t i = 0; i < n; ++i) {
        Alternatives combined;
        for (const auto& left : out) {
          for (const auto& right : AlternativesOf(query.get_subquery(i))) {
            auto both = left;
            both.insert(both.end(), right.begin(), right.end());
            combined.push_back(std::move(both));
          }
        }
        if (combined.size() > kMaxCombinations) break;
        out = std::move(combined);
      }
      if (out.size() <= kMaxCombinations) return out;
      out.clear();
      for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        out.push_back({*t});
      }
      return out;
    }
    default:
      return n > 0 ? AlternativesOf(query.get_subquery(0)) : out;
  }
}

// The top-level subqueries of an OR query: one per query word (with its stems and synonyms).
std::vector<Xapian::Query> GroupsOf(const Xapian::Query& query) {
  std::vector<Xapian::Query> groups;
  if (query.get_type() == Xapian::Query::OP_OR) {
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
      groups.push_back(query.get_subquery(i));
    }
  } else if (!query.empty()) {
    groups.push_back(query);
  }
  return groups;
}

// A multi-word synonym ("algemene bijstand" for "bijstand") reaches the query as
// (algemen OR bijstand) SYNONYM bijstand ... when the default operator is OR, so any document
// with "algemene" would count as naming the concept. Inside a synonym group the words of such a
// phrase must all occur: their OR becomes AND. Other operators are returned as they are.
Xapian::Query WholePhraseSynonyms(const Xapian::Query& query, bool in_synonym = false) {
  const Xapian::Query::op type = query.get_type();
  if (type != Xapian::Query::OP_OR && type != Xapian::Query::OP_SYNONYM) return query;
  std::vector<Xapian::Query> children;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    children.push_back(
        WholePhraseSynonyms(query.get_subquery(i), type == Xapian::Query::OP_SYNONYM));
  }
  const Xapian::Query::op rebuilt =
      in_synonym && type == Xapian::Query::OP_OR ? Xapian::Query::OP_AND : type;
  return Xapian::Query(rebuilt, children.begin(), children.end());
}

// The unstemmed terms the indexer stores for `words`: a hyphenated word as its parts and as
// the whole without hyphens ("niet-ontvankelijk": "niet", "ontvankelijk", "nietontvankelijk").
std::vector<std::string> ExactForms(analysis::Analyzer& analyzer,
                                    const std::vector<std::string>& words) {
  std::vector<std::string> forms;
  for (const std::string& word : words) {
    const std::vector<std::string> parts = analyzer.Words(word);
    std::string whole;
    for (const std::string& part : parts) {
      whole += part;
      if (!analyzer.IsStopword(part)) forms.push_back(part);
    }
    if (parts.size() > 1) forms.push_back(whole);
  }
  return forms;
}

// `query` plus, at kExactFormWeight, each content word as written (the unstemmed term the
// indexer stores at every position). Stems and verb forms conflate widely ("gestuit" meets
// "stuiten" and "stuiting"); a document that uses the question's own word form ranks above one
// that only shares the stem, and the stem still finds the others.
Xapian::Query WithExactForms(const Xapian::Query& query, const std::vector<std::string>& words) {
  if (words.empty()) return query;
  const Xapian::Query exact(Xapian::Query::OP_OR, words.begin(), words.end());
  return Xapian::Query(Xapian::Query::OP_OR, query,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, kExactFormWeight));
}

// Each pair of neighbouring content words of `text`, as typed, within kProximityWindow
// positions of each other (OP_NEAR: either order), at kProximityWeight. Only the unstemmed
// terms carry positions, so a pair counts where the document uses the words as typed. Stopwords
// between the two words count towards their distance in the query, as they do in the document.
std::vector<Xapian::Query> NearPairs(analysis::Analyzer& analyzer, const std::string& text) {
  const std::vector<std::string> words = analyzer.Words(text);
  std::vector<Xapian::Query> pairs;
  size_t previous = words.size();  // the previous content word, none yet
  for (size_t i = 0; i < words.size(); ++i) {
    if (analyzer.IsStopword(words[i])) continue;
    if (previous < words.size() && words[previous] != words[i]) {
      const std::array<Xapian::Query, 2> pair = {Xapian::Query(words[previous]),
                                                 Xapian::Query(words[i])};
      const auto distance = static_cast<Xapian::termcount>(i - previous);
      pairs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_NEAR, pair.begin(), pair.end(),
                                       std::max(kProximityWindow, distance + 1)),
                         kProximityWeight);
    }
    previous = i;
  }
  return pairs;
}

}  // namespace

bool ReadsPositions(const Xapian::Query& query) {
  const Xapian::Query::op type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (ReadsPositions(query.get_subquery(i))) return true;
  }
  return false;
}

bool IsQuestionWord(std::string_view folded_word) {
  return std::find(kQuestionWords.begin(), kQuestionWords.end(), folded_word) !=
         kQuestionWords.end();
}

bool HasExplicitSyntax(std::string_view q) {
  for (const QueryWord& w : ScanQueryWords(q)) {
    if (w.is_operator || w.is_field || w.is_wildcard) return true;
  }
  for (size_t i = 0; i < q.size(); ++i) {
    const char c = q[i];
    if (c == '"') return true;
    // '+' or '-' directly before a word, at the start of a query word (not "POH-Jeugd").
    const bool word_start = i == 0 || q[i - 1] == ' ' || q[i - 1] == '\t';
    if ((c == '+' || c == '-') && word_start && analysis::StartsWithWord(q.substr(i + 1))) {
      return true;
    }
  }
  return false;
}

namespace {

// `query` within the boolean `filter`, applied to each branch of a top-level OR. Xapian 1.4
// weighs an OR of words and NEAR pairs under an AND (OP_FILTER) differently from the same OR
// alone: a question filtered by kind gave 10 of its 171 matches other weights (NEAR pairs
// counted where the words are not near), and shards, whose docids interleave, other ones again.
// Each branch under the filter on its own weighs as it does alone.
Xapian::Query Within(const Xapian::Query& query, const Xapian::Query& filter) {
  if (filter.empty()) return query;
  if (query.get_type() != Xapian::Query::OP_OR) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
  std::vector<Xapian::Query> branches;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    branches.emplace_back(Xapian::Query::OP_FILTER, query.get_subquery(i), filter);
  }
  return Xapian::Query(Xapian::Query::OP_OR, branches.begin(), branches.end());
}

}  // namespace

Xapian::Query BuiltQuery::Matching(const Xapian::Query& filter) const {
  const Xapian::Query within = Within(query, filter);
  if (minimum.empty()) return within;
  // "Not among the documents outside `minimum`", for the same reason as Within: OP_FILTER
  // would put `query` under an AND (a question's first hit 14.78 instead of 12.57, its parts'
  // sum); OP_AND_NOT leaves its left side's weights as they are.
  const Xapian::Query everything{std::string()};
  return Xapian::Query(Xapian::Query::OP_AND_NOT, within,
                       Xapian::Query(Xapian::Query::OP_AND_NOT, everything, minimum));
}

Xapian::Query BuiltQuery::Ranked(const Xapian::Query& filter) const {
  return coverage.empty() ? Matching(filter)
                          : Xapian::Query(Xapian::Query::OP_AND_MAYBE, Matching(filter), coverage);
}

BuiltQuery BuiltQuery::WithoutProximity() const {
  BuiltQuery out = *this;
  if (!without_proximity.empty()) out.query = without_proximity;
  out.without_proximity = Xapian::Query();
  return out;
}

double BuiltQuery::Relevance(double weight) const {
  if (coverage.empty()) return weight;
  return weight - kCoverageWeight * std::floor(weight / kCoverageWeight);
}

QueryBuilder::QueryBuilder(analysis::Analyzer& analyzer, Xapian::QueryParser& parser,
                           unsigned parser_flags)
    : analyzer_(analyzer), parser_(parser), parser_flags_(parser_flags) {}

Result<Xapian::Query> QueryBuilder::Parse(const std::string& text, Xapian::Query::op default_op,
                                          const std::string& default_prefix) {
  // Dutch operator words first (EN/OF/NIET), then the analyzer's folding of the words.
  const std::string normalised = analyzer_.PrepareQuery(RewriteQuery(
      text, [](const QueryWord&, std::string_view word) { return std::string(word); }));
  try {
    parser_.set_default_op(default_op);
    return parser_.parse_query(normalised, parser_flags_, default_prefix);
  } catch (const Xapian::QueryParserError& e) {
    return InvalidParameter(
        "q", "de zoekvraag is niet te lezen (Xapian: " + e.get_msg() +
                 "); zet woordgroepen tussen dubbele aanhalingstekens en schrijf AND/OR/NOT (of "
                 "EN/OF/NIET) tussen woorden");
  }
}

namespace {

constexpr std::size_t kMinQueryPart = 4;

// A plain query's words: as typed, without question words and places (unless nothing else
// remains), each place's name (without its cue word), and whether it is a question.
struct QueryParts {
  bool question = false;
  std::vector<std::string> words;
  std::vector<std::string> names;  // one per region
};

QueryParts SplitQuery(const std::string& q, const std::vector<QueryRegion>& regions) {
  QueryParts parts;
  parts.question = q.find('?') != std::string::npos;
  parts.names.resize(regions.size());
  for (const QueryWord& w : ScanQueryWords(q)) {
    const std::string_view text = std::string_view(q).substr(w.begin, w.end - w.begin);
    const auto region = std::find_if(regions.begin(), regions.end(), [&](const QueryRegion& r) {
      return w.begin >= r.place.begin && w.end <= r.place.end;
    });
    if (region != regions.end()) {
      std::string& name = parts.names[static_cast<size_t>(region - regions.begin())];
      if (w.begin >= region->place.name_begin) {
        name += (name.empty() ? "" : " ") + std::string(text);
      }
    } else if (IsQuestionWord(analysis::Folded(text))) {
      parts.question = true;
    } else {
      parts.words.emplace_back(text);
    }
  }
  if (parts.words.empty() && regions.empty()) {
    for (const QueryWord& w : ScanQueryWords(q)) {
      parts.words.push_back(q.substr(w.begin, w.end - w.begin));
    }
  }
  return parts;
}

// Adds to the group of each compound among `content` its parts, all required, at
// kCompoundPartWeight: "toeslagenaffaire" also meets "de affaire rond de toeslagen".
void AddCompoundParts(analysis::Analyzer& analyzer, const std::vector<std::string>& content,
                      std::vector<Xapian::Query>& groups) {
  const std::string stem_prefix(schema::kPrefixStem);
  for (const std::string& word : content) {
    const std::vector<analysis::CompoundPart> parts = analyzer.SplitCompound(word);
    if (parts.size() < 2) continue;
    std::vector<Xapian::Query> part_terms;
    // Parts of at least kMinQueryPart bytes: a misspelling splits into short words ("oudren":
    // "oud" + "ren") that would match far too much.
    bool short_part = false;
    for (const analysis::CompoundPart& part : parts) {
      short_part |= part.text.size() < kMinQueryPart;
      if (analyzer.IsStopword(part.text)) continue;
      part_terms.emplace_back(stem_prefix + analyzer.Stem(part.text));
    }
    if (short_part || part_terms.size() < 2) continue;
    const std::string whole = stem_prefix + analyzer.Stem(word);
    for (Xapian::Query& group : groups) {
      if (std::find(group.get_unique_terms_begin(), group.get_unique_terms_end(), whole) ==
          group.get_unique_terms_end()) {
        continue;
      }
      const Xapian::Query all_parts(Xapian::Query::OP_AND, part_terms.begin(), part_terms.end());
      group = Xapian::Query(
          Xapian::Query::OP_OR, group,
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all_parts, kCompoundPartWeight));
      break;
    }
  }
}

// The group of a place: its name in the text, or the filter terms of the documents about it,
// which add kRegionBoost (a fixed weight: filter terms carry none of their own).
Xapian::Query RegionGroup(const Xapian::Query& name, const std::vector<std::string>& terms) {
  std::vector<Xapian::Query> filters(terms.begin(), terms.end());
  const Xapian::Query about(
      Xapian::Query::OP_FILTER,
      Xapian::Query((new Xapian::FixedWeightPostingSource(kRegionBoost))->release()),
      Xapian::Query(Xapian::Query::OP_OR, filters.begin(), filters.end()));
  return name.empty() ? about : Xapian::Query(Xapian::Query::OP_OR, name, about);
}

}  // namespace

Result<BuiltQuery> QueryBuilder::Build(const std::string& q,
                                       const std::vector<QueryRegion>& regions) {
  BuiltQuery out;
  if (HasExplicitSyntax(q)) {
    auto parsed = Parse(q, Xapian::Query::OP_AND);
    if (!parsed.ok()) return parsed.status();
    out.query = *parsed;
    out.text = q;
    return out;
  }

  auto [question, words, names] = SplitQuery(q, regions);
  std::vector<std::string> content;  // folded, stopwords removed, in query order
  for (const auto& w : words) {
    std::string folded = analyzer_.Fold(w);
    if (!analyzer_.IsStopword(folded)) content.push_back(std::move(folded));
  }
  std::string theme_text;
  for (const auto& w : words) theme_text += (theme_text.empty() ? "" : " ") + w;
  out.text = theme_text;
  for (const auto& name : names) out.text += (out.text.empty() ? "" : " ") + name;

  // Each group with the ways a document can hold it (for the coverage and the minimum).
  std::vector<Xapian::Query> groups;
  std::vector<Alternatives> alternatives;
  if (!theme_text.empty()) {
    auto parsed = Parse(theme_text, Xapian::Query::OP_OR);
    if (!parsed.ok()) return parsed.status();
    groups = GroupsOf(WholePhraseSynonyms(*parsed));
    AddCompoundParts(analyzer_, content, groups);
    for (const Xapian::Query& group : groups) alternatives.push_back(AlternativesOf(group));
  }
  for (size_t r = 0; r < regions.size(); ++r) {
    auto name = Parse(names[r], Xapian::Query::OP_AND);
    if (!name.ok()) return name.status();
    groups.push_back(RegionGroup(*name, regions[r].filter_terms));
    alternatives.push_back(AlternativesOf(*name));
    for (const std::string& term : regions[r].filter_terms) alternatives.back().push_back({term});
  }
  if (groups.empty()) return out;  // only punctuation or stopwords: the caller matches all
  out.regions = regions;

  std::vector<Xapian::Query> held;
  for (const Alternatives& group : alternatives) held.push_back(Held(group));
  out.all_words = groups.size() == 1
                      ? groups.front()
                      : Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
  if (question) {
    const auto minimum =
        static_cast<size_t>(std::ceil(kMinimumShare * static_cast<double>(groups.size())));
    if (minimum > 1) out.minimum = AtLeast(minimum, held, 0, held.size());
  } else if (groups.size() > 1) {
    out.coverage = CoverageTiers(held);
    out.covered = Xapian::Query(Xapian::Query::OP_AND, held.begin(), held.end());
  }

  out.query = WithExactForms(Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end()),
                             ExactForms(analyzer_, content));
  auto in_title = Parse(out.text, Xapian::Query::OP_OR, std::string(schema::kPrefixTitle));
  if (in_title.ok() && !in_title->empty()) {
    out.query =
        Xapian::Query(Xapian::Query::OP_OR, out.query,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, *in_title, kTitleFieldWeight));
  }
  // A bonus only: a document near-matches a pair only if it holds both words, which the query
  // already asks for, so this adds no match. (OP_AND_MAYBE would say so too, but Xapian 1.4
  // gives an OR of OP_NEARs under it less than their own weight: nDCG@10 0.804, not 0.817.)
  if (std::vector<Xapian::Query> near = NearPairs(analyzer_, theme_text); !near.empty()) {
    out.without_proximity = out.query;
    near.insert(near.begin(), out.query);
    out.query = Xapian::Query(Xapian::Query::OP_OR, near.begin(), near.end());
  }
  out.natural_language = question;
  return out;
}

}  // namespace kb::search

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

// The word groups of a query, each as alternatives that are sets of terms a document must all
// hold ("toeslagenaffaire" or both "toeslag" and "affaire"), for counting the groups a document
// holds. Immutable; shared by the decider and the key maker of one query.
class TermGroups {
 public:
  using Alternatives = std::vector<std::vector<std::string>>;

  // `db` is the database the query runs on; it must outlive this object.
  TermGroups(std::vector<Alternatives> groups, const Xapian::Database& db)
      : groups_(std::move(groups)), db_(db) {
    for (const Alternatives& group : groups_) {
      for (const auto& alternative : group)
        terms_.insert(terms_.end(), alternative.begin(), alternative.end());
    }
    std::sort(terms_.begin(), terms_.end());
    terms_.erase(std::unique(terms_.begin(), terms_.end()), terms_.end());
  }

  size_t size() const { return groups_.size(); }

  // How many groups `doc` holds, counting no further than `enough`. Looks the terms up in their
  // posting lists, which the match visits in docid order: a document's term list would be read
  // from its start for every match (a 200 KB law holds tens of thousands of terms).
  size_t CountIn(const Xapian::Document& doc, size_t enough) const {
    const Xapian::docid docid = doc.get_docid();
    if (postings_.empty() || docid < last_) {
      postings_.clear();
      for (const std::string& term : terms_) postings_.push_back(db_.postlist_begin(term));
    }
    last_ = docid;
    std::vector<std::string_view> held;
    for (size_t i = 0; i < terms_.size(); ++i) {
      Xapian::PostingIterator& p = postings_[i];
      if (p == db_.postlist_end(terms_[i])) continue;
      p.skip_to(docid);
      if (p != db_.postlist_end(terms_[i]) && *p == docid) held.push_back(terms_[i]);
    }
    size_t found = 0;
    for (const Alternatives& group : groups_) {
      const bool holds = std::any_of(group.begin(), group.end(), [&](const auto& alternative) {
        return std::all_of(alternative.begin(), alternative.end(), [&](const std::string& term) {
          return std::binary_search(held.begin(), held.end(), std::string_view(term));
        });
      });
      if (holds && ++found >= enough) break;
    }
    return found;
  }

 private:
  std::vector<Alternatives> groups_;
  std::vector<std::string> terms_;  // sorted, unique
  const Xapian::Database& db_;
  // One posting iterator per term, at or before the last document asked about (one query, one
  // thread: the decider or key maker is called from the match only).
  mutable std::vector<Xapian::PostingIterator> postings_;
  mutable Xapian::docid last_ = 0;
};

// Accepts a document when it holds at least `minimum` of the groups.
class MinimumGroups : public Xapian::MatchDecider {
 public:
  MinimumGroups(std::shared_ptr<const TermGroups> groups, size_t minimum)
      : groups_(std::move(groups)), minimum_(minimum) {}
  bool operator()(const Xapian::Document& doc) const override {
    return groups_->CountIn(doc, minimum_) >= minimum_;
  }

 private:
  std::shared_ptr<const TermGroups> groups_;
  size_t minimum_;
};

// The sort key of coverage: one byte, the number of groups a document holds.
class CoverageKey : public Xapian::KeyMaker {
 public:
  explicit CoverageKey(std::shared_ptr<const TermGroups> groups) : groups_(std::move(groups)) {}
  std::string operator()(const Xapian::Document& doc) const override {
    return std::string(1, static_cast<char>(groups_->CountIn(doc, groups_->size())));
  }

 private:
  std::shared_ptr<const TermGroups> groups_;
};

// The ways `query` can be satisfied, as sets of terms that must all occur: an OR or SYNONYM is
// any of its children's; an AND, PHRASE or NEAR needs one of each child's (at most a few dozen
// combinations; beyond that each term on its own counts); other operators take their first
// child's.
TermGroups::Alternatives AlternativesOf(const Xapian::Query& query) {
  constexpr size_t kMaxCombinations = 64;
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    return {{*query.get_unique_terms_begin()}};
  }
  TermGroups::Alternatives out;
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
        TermGroups::Alternatives combined;
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
Xapian::Query NearPairs(analysis::Analyzer& analyzer, const std::string& text) {
  const std::vector<std::string> words = analyzer.Words(text);
  std::vector<Xapian::Query> pairs;
  size_t previous = words.size();  // the previous content word, none yet
  for (size_t i = 0; i < words.size(); ++i) {
    if (analyzer.IsStopword(words[i])) continue;
    if (previous < words.size() && words[previous] != words[i]) {
      const std::array<Xapian::Query, 2> pair = {Xapian::Query(words[previous]),
                                                 Xapian::Query(words[i])};
      const auto distance = static_cast<Xapian::termcount>(i - previous);
      pairs.emplace_back(Xapian::Query::OP_NEAR, pair.begin(), pair.end(),
                         std::max(kProximityWindow, distance + 1));
    }
    previous = i;
  }
  if (pairs.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()),
                       kProximityWeight);
}

}  // namespace

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

QueryBuilder::QueryBuilder(analysis::Analyzer& analyzer, Xapian::QueryParser& parser,
                           unsigned parser_flags, const Xapian::Database& db)
    : analyzer_(analyzer), parser_(parser), parser_flags_(parser_flags), db_(db) {}

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

  // Each group with the ways a document can hold it (for the coverage key and the decider).
  std::vector<Xapian::Query> groups;
  std::vector<TermGroups::Alternatives> alternatives;
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

  auto term_groups = std::make_shared<const TermGroups>(std::move(alternatives), db_);
  out.all_words = groups.size() == 1
                      ? groups.front()
                      : Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
  if (question) {
    const auto minimum =
        static_cast<size_t>(std::ceil(kMinimumShare * static_cast<double>(groups.size())));
    if (minimum > 1) out.decider = std::make_shared<MinimumGroups>(term_groups, minimum);
  } else if (groups.size() > 1) {
    out.coverage = std::make_shared<CoverageKey>(term_groups);
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
  if (const Xapian::Query near = NearPairs(analyzer_, theme_text); !near.empty()) {
    out.without_proximity = out.query;
    out.query = Xapian::Query(Xapian::Query::OP_OR, out.query, near);
  }
  out.natural_language = question;
  return out;
}

}  // namespace kb::search

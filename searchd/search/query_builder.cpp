#include "kb/search/query_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "kb/core/schema.h"
#include "kb/search/query_text.h"

namespace kb::search {

namespace {

// Dutch question words, folded. Only a query drops them: inside a law article "wanneer" is a
// conjunction that carries no topic, and 94 of the 102 legal-dutch-aqa questions open with it.
// The Snowball list already has wat, hoe and wie; they are here so the list is complete.
constexpr std::array<std::string_view, 14> kQuestionWords = {
    "wanneer", "welke",   "welk",    "waarom",  "waar",     "hoe",      "wie",
    "wat",     "hoeveel", "hoelang", "waarmee", "waarvoor", "waardoor", "slechts",
};

// Accepts a document when it holds a term of at least `minimum` of the query's word groups.
class MinimumGroups : public Xapian::MatchDecider {
 public:
  MinimumGroups(std::vector<std::pair<std::string, size_t>> terms, size_t groups, size_t minimum)
      : terms_(std::move(terms)), groups_(groups), minimum_(minimum) {
    std::sort(terms_.begin(), terms_.end());
  }

  bool operator()(const Xapian::Document& doc) const override {
    std::vector<bool> seen(groups_, false);
    size_t found = 0;
    Xapian::TermIterator t = doc.termlist_begin();
    const Xapian::TermIterator end = doc.termlist_end();
    for (const auto& [term, group] : terms_) {
      if (seen[group]) continue;
      t.skip_to(term);
      if (t == end) break;
      if (*t == term) {
        seen[group] = true;
        if (++found >= minimum_) return true;
      }
    }
    return false;
  }

 private:
  std::vector<std::pair<std::string, size_t>> terms_;  // sorted by term
  size_t groups_;
  size_t minimum_;
};

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
    if ((c == '+' || c == '-') && word_start && i + 1 < q.size() &&
        IsWordByte(static_cast<unsigned char>(q[i + 1]))) {
      return true;
    }
  }
  return false;
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
    return Status::InvalidArgument(
        "parameter 'q': de zoekvraag is niet te lezen (Xapian: " + e.get_msg() +
        "); zet woordgroepen tussen dubbele aanhalingstekens en schrijf AND/OR/NOT (of "
        "EN/OF/NIET) tussen woorden");
  }
}

Result<BuiltQuery> QueryBuilder::Build(const std::string& q, Relax relax) {
  BuiltQuery out;
  if (HasExplicitSyntax(q)) {
    auto parsed = Parse(q, Xapian::Query::OP_AND);
    if (!parsed.ok()) return parsed.status();
    out.query = *parsed;
    out.text = q;
    return out;
  }

  bool question = q.find('?') != std::string::npos;
  std::vector<std::string> words;  // as typed, question words removed
  for (const QueryWord& w : ScanQueryWords(q)) {
    const std::string_view text = std::string_view(q).substr(w.begin, w.end - w.begin);
    if (IsQuestionWord(FoldWord(text))) {
      question = true;
    } else {
      words.emplace_back(text);
    }
  }
  if (words.empty()) {
    for (const QueryWord& w : ScanQueryWords(q))
      words.push_back(q.substr(w.begin, w.end - w.begin));
  }
  std::vector<std::string> content;  // folded, stopwords removed, in query order
  for (const auto& w : words) {
    std::string folded = analyzer_.Fold(w);
    if (!analyzer_.IsStopword(folded)) content.push_back(std::move(folded));
  }
  for (const auto& w : words) out.text += (out.text.empty() ? "" : " ") + w;

  if (relax == Relax::kNo && !question && content.size() <= static_cast<size_t>(kShortQueryWords)) {
    auto parsed = Parse(out.text, Xapian::Query::OP_AND);
    if (!parsed.ok()) return parsed.status();
    out.query = *parsed;
    out.relaxable = content.size() > 1;
    return out;
  }

  auto parsed = Parse(out.text, Xapian::Query::OP_OR);
  if (!parsed.ok()) return parsed.status();
  *parsed = WholePhraseSynonyms(*parsed);
  const std::vector<Xapian::Query> groups = GroupsOf(*parsed);
  const size_t minimum =
      relax == Relax::kAnyWord
          ? 1
          : static_cast<size_t>(std::ceil(kMinimumShare * static_cast<double>(groups.size())));
  if (minimum > 1) {
    std::vector<std::pair<std::string, size_t>> terms;
    for (size_t g = 0; g < groups.size(); ++g) {
      for (auto t = groups[g].get_unique_terms_begin(); t != groups[g].get_unique_terms_end();
           ++t) {
        terms.emplace_back(*t, g);
      }
    }
    out.decider = std::make_shared<MinimumGroups>(std::move(terms), groups.size(), minimum);
  }

  out.query = WithExactForms(*parsed, ExactForms(analyzer_, content));
  auto in_title = Parse(out.text, Xapian::Query::OP_OR, std::string(schema::kPrefixTitle));
  if (in_title.ok() && !in_title->empty()) {
    out.query =
        Xapian::Query(Xapian::Query::OP_OR, out.query,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, *in_title, kTitleFieldWeight));
  }
  // A bonus only: a document near-matches a pair only if it holds both words, which the query
  // already asks for, so this adds no match. (OP_AND_MAYBE would say so too, but Xapian 1.4
  // gives an OR of OP_NEARs under it less than their own weight: nDCG@10 0.804, not 0.817.)
  if (const Xapian::Query near = NearPairs(analyzer_, out.text); !near.empty()) {
    out.query = Xapian::Query(Xapian::Query::OP_OR, out.query, near);
  }
  out.natural_language = relax == Relax::kNo;
  return out;
}

}  // namespace kb::search

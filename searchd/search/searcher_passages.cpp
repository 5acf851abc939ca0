// Searcher::Passages: the passages that best answer a query, from the passage index
// (schema::kPassagesFolder), within the documents a search with the same filters finds.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/analysis/text_fold.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/search/searcher.h"
#include "kb/search/snippets.h"
#include "search_steps.h"

namespace kb::search {

namespace {

// How many of the best documents the passages are drawn from.
constexpr Xapian::doccount kPassageDocuments = 40;
// How many passages of those documents are ranked.
constexpr Xapian::doccount kPassageCandidates = 100;
// A passage's score: its own BM25 weight over the best passage's, plus kDocumentShare times its
// document's weight over the best document's, plus a little for a findings section and minus a
// little for an appendix.
constexpr double kDocumentShare = 0.5;
constexpr double kFindingsBonus = 0.1;
constexpr double kAppendixPenalty = 0.15;
// In the first five, at most this many passages of one document.
constexpr std::size_t kFirstFive = 5;
constexpr std::size_t kMaxPerDocumentInFirstFive = 2;

// `q` with every phrase and NEAR an AND of its parts: the passage index keeps no positions
// (DocumentBuilder), and the documents passages come from already hold the phrase.
Xapian::Query WithoutPositions(const Xapian::Query& q) {
  using Q = Xapian::Query;
  const Q::op type = q.get_type();
  switch (type) {
    case Q::OP_PHRASE:
    case Q::OP_NEAR:
    case Q::OP_AND:
    case Q::OP_OR:
    case Q::OP_AND_NOT:
    case Q::OP_XOR:
    case Q::OP_AND_MAYBE:
    case Q::OP_FILTER:
    case Q::OP_SYNONYM:
    case Q::OP_MAX: {
      std::vector<Q> parts;
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        parts.push_back(WithoutPositions(q.get_subquery(i)));
      }
      const bool positional = type == Q::OP_PHRASE || type == Q::OP_NEAR;
      return Q(positional ? Q::OP_AND : type, parts.begin(), parts.end());
    }
    default:  // a leaf, or an operator with a parameter this cannot copy: as it is
      return q;
  }
}

struct RankedPassage {
  PassageHit hit;
  Xapian::docid docid = 0;    // of its document
  Xapian::docid passage = 0;  // in the passage index
};

}  // namespace

Result<PassageResult> Searcher::Impl::Passages(const SearchRequest& r) {
  const InFlight in_flight(options.shared->searches);
  if (IsBlank(r.q)) {
    return InvalidParameter("q",
                            "ontbreekt; passages zoeken vraagt een zoekvraag, bijv. "
                            "q=schulden+jongeren");
  }
  if (shards) {
    return Status::Unavailable(
        "passages zijn er nog niet bij een index in shards; zoek documenten met /api/search");
  }
  if (!passages) {
    return Status::Unavailable(
        "deze index heeft nog geen passages; draai kb-indexer opnieuw over de corpusmappen");
  }
  auto filter = FilterQuery(r);
  if (!filter.ok()) return filter.status();
  SearchRequest documents = r;
  documents.page = 1;
  documents.size = static_cast<int>(kPassageDocuments);
  documents.facets = false;
  documents.sort = SortOrder::kRelevance;
  const SearchSteps steps(*this, documents, std::move(filter).value());
  PassageResult result;
  result.query = r.q;
  SearchResult found_documents;
  auto built = UserQuery(steps, documents, found_documents);
  if (!built.ok()) return built.status();
  std::unique_ptr<Run> found = steps.Execute(*built);
  if (found_documents.corrected_query && r.spell) {
    found_documents.all_words_total = steps.AllWords(*built, found->total);
    PreferCorrection(steps, found_documents, *built, found);
  }
  result.corrected_query = found_documents.corrected_query;
  result.showing_corrected = found_documents.showing_corrected;

  // The documents by id (only the documents passages are shown from are loaded).
  struct Parent {
    Xapian::docid docid = 0;
    double weight = 0;
  };
  std::map<std::string, Parent> parents;
  std::vector<Xapian::Query> parent_terms;
  double best_document = 0;
  for (auto it = found->mset.begin(); it != found->mset.end(); ++it) {
    // The id from the path value: a termlist would be read (and inflated) whole.
    const std::string path = it.get_document().get_value(schema::kSlotPath);
    if (path.empty()) continue;
    const std::string id = DocumentIdForPath(path);
    const double relevance = built->Relevance(it.get_weight());
    best_document = std::max(best_document, relevance);
    parents[id] = Parent{*it, relevance};
    parent_terms.emplace_back(std::string(schema::kPrefixParent) + id);
  }
  if (parents.empty()) return result;

  Xapian::Enquire enquire(*passages);
  // The query as built (stems, compound parts, synonyms) or the question's words as Xapian's
  // own parser stems them: a passage is short, and the plain words find its page more often
  // (BENCHMARKS.md §7: top 3 0.585 -> 0.623, top 5 0.604 -> 0.642 on the question set).
  // Explicit syntax (NOT, phrases, fields) is the built query's alone. Passages keep no
  // positions: a phrase or NEAR is an AND of its words there (the documents hold the phrase),
  // and the proximity bonus is left out (reading positions for the NEAR pairs made a long
  // question's passages ten times slower, BENCHMARKS.md §7b).
  Xapian::Query passage_query = WithoutPositions(built->query);
  if (!HasExplicitSyntax(built->text)) {
    const Xapian::Query words = WithoutPositions(
        built->without_proximity.empty() ? built->query : built->without_proximity);
    try {
      Xapian::QueryParser plain;
      analyzer.ConfigureQueryParser(plain);  // the stemmer, STEM_SOME, the stopwords
      plain.set_database(*passages);
      // No operators: the words as words.
      passage_query = Xapian::Query(Xapian::Query::OP_OR,
                                    plain.parse_query(analysis::Folded(built->text), 0), words);
    } catch (const Xapian::QueryParserError&) {
      // Words the plain parser cannot read: the built query alone.
    }
  }
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, passage_query,
                    Xapian::Query(Xapian::Query::OP_OR, parent_terms.begin(), parent_terms.end())));
  const Xapian::MSet mset = enquire.get_mset(0, kPassageCandidates);
  const double best_passage = mset.empty() ? 1.0 : std::max(1e-9, mset.begin().get_weight());
  std::vector<RankedPassage> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    // Values only: a passage's text is read once it is among those shown.
    const Xapian::Document document = it.get_document();
    const auto parent = parents.find(document.get_value(schema::kPassageSlotDocument));
    if (parent == parents.end()) continue;
    RankedPassage p;
    p.hit.id = parent->first;
    p.docid = parent->second.docid;
    p.passage = *it;
    p.hit.page = std::max(1, std::atoi(document.get_value(schema::kPassageSlotPage).c_str()));
    p.hit.role = document.get_value(schema::kPassageSlotRole);
    double score = it.get_weight() / best_passage;
    if (best_document > 0) score += kDocumentShare * parent->second.weight / best_document;
    if (p.hit.role == "findings") score += kFindingsBonus;
    if (p.hit.role == "appendix") score -= kAppendixPenalty;
    p.hit.score = score;
    ranked.push_back(std::move(p));
  }
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const RankedPassage& a, const RankedPassage& b) { return a.hit.score > b.hit.score; });
  // One report must not fill the answer: the first five hold at most two of each document.
  std::vector<const RankedPassage*> order;
  std::vector<const RankedPassage*> later;
  std::map<std::string, std::size_t> per_document;
  for (const RankedPassage& p : ranked) {
    if (order.size() < kFirstFive && per_document[p.hit.id] >= kMaxPerDocumentInFirstFive) {
      later.push_back(&p);
      continue;
    }
    ++per_document[p.hit.id];
    (order.size() < kFirstFive ? order : later).push_back(&p);
  }
  order.insert(order.end(), later.begin(), later.end());
  if (order.size() > static_cast<std::size_t>(r.size))
    order.resize(static_cast<std::size_t>(r.size));
  SnippetMaker marker(QueryTermsOf(built->query, built->text), analyzer.QueryStemmer());
  for (const RankedPassage* p : order) {
    PassageHit hit = p->hit;
    const auto indexed = Load(p->docid, db.get_document(p->docid));
    hit.title = indexed->doc.title;
    hit.format = indexed->doc.format;
    hit.year = indexed->doc.year;
    const auto& ocr_pages = indexed->doc.ocr_pages;
    hit.ocr = std::find(ocr_pages.begin(), ocr_pages.end(), hit.page) != ocr_pages.end();
    const auto data =
        nlohmann::json::parse(passages->get_document(p->passage).get_data(), nullptr, false);
    if (data.is_object()) {
      hit.section = data.value("section", std::string());
      const std::string text = data.value("text", std::string());
      hit.html = marker.Mark(text);
      hit.key = PassageKey(text);
    }
    result.passages.push_back(std::move(hit));
  }
  return result;
}

Result<std::vector<MarkedPassage>> Searcher::Impl::Marked(
    const std::vector<std::pair<std::string, std::string>>& marks) {
  if (!passages) {
    return Status::Unavailable(
        "deze index heeft nog geen passages; draai kb-indexer opnieuw over de corpusmappen");
  }
  std::vector<MarkedPassage> out;
  for (const auto& [id, key] : marks) {
    // The document's passages, read until the one with this key.
    const std::string term = std::string(schema::kPrefixParent) + id;
    for (auto it = passages->postlist_begin(term); it != passages->postlist_end(term); ++it) {
      const Xapian::Document document = passages->get_document(*it);
      const auto data = nlohmann::json::parse(document.get_data(), nullptr, false);
      if (!data.is_object()) continue;
      std::string text = data.value("text", std::string());
      if (PassageKey(text) != key) continue;
      out.push_back({id, key,
                     std::max(1, std::atoi(document.get_value(schema::kPassageSlotPage).c_str())),
                     data.value("section", std::string()), std::move(text)});
      break;
    }
  }
  return out;
}

Result<PassageResult> Searcher::Passages(const SearchRequest& request) {
  return impl_->Guard("passages zoeken", [&] { return impl_->Passages(request); });
}

Result<std::vector<MarkedPassage>> Searcher::Marked(
    const std::vector<std::pair<std::string, std::string>>& marks) {
  return impl_->Guard("gemarkeerde passages", [&] { return impl_->Marked(marks); });
}

}  // namespace kb::search

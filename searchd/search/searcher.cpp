#include "kb/search/searcher.h"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "kb/analysis/query_words.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/schema.h"
#include "kb/search/snippets.h"
#include "search_steps.h"
#include "searcher_impl.h"

namespace kb::search {

using analysis::OperatorWords;
using analysis::QueryWord;
using analysis::RewriteQuery;

namespace {

constexpr unsigned kParserFlags =
    analysis::Analyzer::kQueryFlags | Xapian::QueryParser::FLAG_WILDCARD;

Xapian::Query AnyOf(const std::vector<std::string>& terms) {
  std::vector<Xapian::Query> queries;
  for (const auto& t : terms) queries.emplace_back(t);
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

// A query matching every document. Never Xapian::Query::MatchAll: that is one static object
// whose (non-atomic) reference count every thread would share.
Xapian::Query MatchAll() { return Xapian::Query(std::string()); }

// The documents whose year is unknown (no year filter term).
Xapian::Query Undated() {
  return Xapian::Query(Xapian::Query::OP_AND_NOT, MatchAll(),
                       Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(schema::kPrefixYear)));
}

}  // namespace

Xapian::Query WithoutHidden(const Xapian::Query& query) {
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                       Xapian::Query(std::string(schema::kEditorialHidden)));
}

Searcher::Impl::Impl(const SearcherOptions& o, Xapian::Database database)
    : options(o),
      db(std::move(database)),
      analyzer(o.resources),
      builder(analyzer, parser, kParserFlags) {
  parser.set_database(db);
  analyzer.ConfigureQueryParser(parser);
  parser.add_prefix("titel", std::string(schema::kPrefixTitle));
  parser.add_prefix("title", std::string(schema::kPrefixTitle));
  parser.add_prefix("auteur", std::string(schema::kPrefixAuthor));
  parser.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  revision = ReadRevision();
  last_check = std::chrono::steady_clock::now();
}

std::string RevisionOf(const Xapian::Database& db) {
  try {
    return std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    // Several databases (InvalidOperationError) or a remote one (UnimplementedError) have no
    // single revision; the indexer's commit time, the count and the last docid stand in for it.
    return db.get_metadata(std::string(schema::kMetaLastUpdate)) + "/" +
           std::to_string(db.get_doccount()) + "/" + std::to_string(db.get_lastdocid());
  }
}

std::string Searcher::Impl::ReadRevision() const {
  if (!shards) return RevisionOf(db);
  // Which shards answer is part of what an answer was computed from.
  std::string failed;
  for (const std::string& shard : shards->failed()) failed += " -" + shard;
  return RevisionOf(db) + failed;
}

Status Searcher::Impl::ConnectShards(bool probe_all) {
  ShardHealth& health = options.shared->shard_health;
  const std::uint64_t generation = health.generation();
  auto connected = shards->Connect(health, probe_all);
  seen_shard_health = probe_all ? health.generation() : generation;
  if (!connected.ok()) return connected.status();
  try {
    db = std::move(connected).value();
    revision = ReadRevision();
  } catch (const Xapian::Error& e) {  // called from Guard's handlers: nothing may escape
    return Status::Unavailable("de shards antwoorden niet (" + e.get_description() +
                               "); probeer het later opnieuw");
  }
  return Status::Ok();
}

void Searcher::Impl::MaybeReopen(bool force) {
  if (shards && options.shared->shard_health.generation() != seen_shard_health) {
    // Another Searcher or the warmer found a shard gone or back: follow, without waiting for
    // the shards that do not answer.
    (void)ConnectShards(false);
  }
  const std::uint64_t warmed = options.shared->warmed.load(std::memory_order_acquire);
  if (warmed != 0 && !force) {
    // The warmer has seen the commit and built its caches: move to it now.
    if (warmed == seen_warmed) return;
    seen_warmed = warmed;
    if (db.reopen()) revision = ReadRevision();
    if (passages) passages->reopen();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  const std::uint64_t changes = options.shared->index_changes.load(std::memory_order_acquire);
  if (!force && changes == seen_changes && now - last_check < options.reopen_interval) return;
  last_check = now;
  seen_changes = changes;
  if (db.reopen() || force) revision = ReadRevision();
  if (passages) passages->reopen();
}

const Catalog& Searcher::catalog() const { return *impl_->options.catalog; }

std::string Searcher::Impl::Fold(std::string_view word) { return analyzer.Fold(word); }

Result<Xapian::Query> Searcher::Impl::FilterQuery(const SearchRequest& r, bool with_years) const {
  const Catalog& catalog = *options.catalog;
  using Terms = std::vector<std::string>;
  // One filter parameter: the terms one of its values stands for (none when the catalog does not
  // know the value), and what to tell a user who gave an unknown one. Values of one parameter are
  // ORed, parameters ANDed.
  struct Filter {
    std::string_view parameter;
    const std::vector<std::string>& values;
    std::function<Terms(const std::string&)> terms;
    std::string_view hint;
  };
  const std::string evidence_hint = "kies " + schema::EvidenceTypeChoices();
  const auto one = [](std::string_view prefix, const std::string& value) {
    return value.empty() ? Terms{} : Terms{std::string(prefix) + value};
  };
  const Filter filters[] = {
      {"theme", r.themes,
       [&](const std::string& v) { return one(schema::kPrefixTheme, catalog.ThemeSlug(v)); },
       "kies een thema uit facets.theme van /api/search"},
      {"gemeente", r.gemeenten,
       [&](const std::string& v) { return one(schema::kPrefixGemeente, catalog.GemeenteCode(v)); },
       "geef de naam of de CBS-code (GM0014) van een gemeente"},
      {"provincie", r.provincies,
       [&](const std::string& v) {
         const std::string slug = catalog.ProvincieSlug(v);
         Terms terms = one(schema::kPrefixProvincie, slug);
         // Documents about a gemeente count for its provincie even if they never name it.
         for (const auto& code : catalog.GemeentenOf(slug)) {
           terms.push_back(std::string(schema::kPrefixGemeente) + code);
         }
         return terms;
       },
       "geef een van de twaalf provincies"},
      {"kind", r.kinds,
       [&](const std::string& v) {
         const bool known = std::find(std::begin(schema::kKinds), std::end(schema::kKinds), v) !=
                            std::end(schema::kKinds);
         return known ? one(schema::kPrefixKind, v) : Terms{};
       },
       "kies rapport, interview, artikel, wet of overig"},
      {"evidence", r.evidence,
       [&](const std::string& v) {
         return schema::IsEvidenceType(v) ? one(schema::kPrefixEvidence, v) : Terms{};
       },
       evidence_hint},
      {"language", r.languages,
       [&](const std::string& v) { return one(schema::kPrefixLanguage, v); }, ""},
      {"organisatie", r.organisaties,
       [](const std::string& v) {
         return Terms{schema::BoundedTerm(schema::kPrefixOrganisation, analysis::Slug(v))};
       },
       ""},
  };
  std::vector<Xapian::Query> facets;
  for (const Filter& filter : filters) {
    if (filter.values.empty()) continue;
    Terms terms;
    for (const std::string& value : filter.values) {
      Terms of_value = filter.terms(value);
      if (of_value.empty()) {
        return InvalidParameter(filter.parameter, "onbekende waarde '" + value + "'; " +
                                                      std::string(filter.hint) +
                                                      ", of laat de parameter weg");
      }
      terms.insert(terms.end(), of_value.begin(), of_value.end());
    }
    facets.push_back(AnyOf(terms));
  }
  if (with_years && (r.year_from || r.year_to)) {
    Xapian::Query years(Xapian::Query::OP_VALUE_RANGE, schema::kSlotYear,
                        Xapian::sortable_serialise(r.year_from.value_or(0)),
                        Xapian::sortable_serialise(r.year_to.value_or(9999)));
    if (r.undated) years = Xapian::Query(Xapian::Query::OP_OR, years, Undated());
    facets.push_back(years);
  }
  if (facets.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end());
}

std::optional<std::string> Searcher::Impl::Correct(const std::string& q) {
  std::shared_ptr<const SpellingVocabulary> vocabulary;
  bool changed = false;
  const std::string stem_prefix(schema::kPrefixStem);
  std::string corrected = RewriteQuery(
      q,
      [&](const QueryWord& w, std::string_view text) {
        if (!w.correctable()) return std::string(text);
        const std::string folded = Fold(text);
        if (db.get_termfreq(folded) > 0 ||
            db.get_termfreq(stem_prefix + analyzer.Stem(folded)) > 0) {
          return std::string(text);
        }
        if (!vocabulary) {
          vocabulary =
              options.shared->spelling.Get(revision, [&] { return SpellingVocabulary::Build(db); });
        }
        std::string nearest = vocabulary->Nearest(folded);
        if (nearest.empty()) return std::string(text);
        changed = true;
        return nearest;
      },
      OperatorWords::kKeep);
  if (!changed) return std::nullopt;
  return corrected;
}

Result<BuiltQuery> Searcher::Impl::UserQuery(const SearchSteps& steps, const SearchRequest& r,
                                             SearchResult& result) {
  BuiltQuery built;
  built.query = MatchAll();
  if (IsBlank(r.q)) return built;
  auto parsed = steps.Build(r.q);
  if (!parsed.ok()) return parsed.status();
  built = std::move(parsed).value();
  if (built.query.empty()) built.query = MatchAll();  // only punctuation, e.g. "?"
  if (auto corrected = Correct(r.q)) result.corrected_query = *corrected;
  // The spelling vocabulary holds every word, also those only hidden documents use; a
  // correction that finds nothing visible would point at them.
  if (result.corrected_query && db.get_termfreq(std::string(schema::kEditorialHidden)) > 0) {
    auto check = steps.Build(*result.corrected_query);
    if (!check.ok() || !AnyVisible(check->query)) result.corrected_query.reset();
  }
  return built;
}

void Searcher::Impl::PreferCorrection(const SearchSteps& steps, SearchResult& result,
                                      BuiltQuery& built, std::unique_ptr<Run>& found) {
  auto parsed = steps.Build(*result.corrected_query);
  if (!parsed.ok() || parsed->query.empty()) return;
  auto second = steps.Execute(*parsed);
  const std::uint64_t second_all = steps.AllWords(*parsed, second->total);
  const std::uint64_t all_words = result.all_words_total;
  if (second_all > all_words || (second_all == all_words && second->total > found->total)) {
    found = std::move(second);
    result.all_words_total = second_all;
    built = std::move(parsed).value();
    result.showing_corrected = true;
  }
}

namespace {

// The gemeenten and provincies the query named, once each.
void ReportRegions(const std::vector<QueryRegion>& regions, SearchResult& result) {
  for (const QueryRegion& region : regions) {
    const analysis::QueryPlace& place = region.place;
    auto& names =
        place.gemeente.empty() ? result.interpreted_provincies : result.interpreted_gemeenten;
    const std::string& name = place.gemeente.empty() ? place.provincie : place.gemeente;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
}

}  // namespace

Result<SearchResult> Searcher::Impl::Search(const SearchRequest& r) {
  const InFlight in_flight(options.shared->searches);
  auto filter = FilterQuery(r);
  if (!filter.ok()) return filter.status();
  const SearchSteps steps(*this, r, std::move(filter).value());
  SearchResult result;
  result.query = r.q;
  result.page = r.page;
  result.size = r.size;
  result.size_requested = r.size_requested;

  auto built = UserQuery(steps, r, result);
  if (!built.ok()) return built.status();
  std::unique_ptr<Run> found = steps.Execute(*built);
  result.all_words_total = steps.AllWords(*built, found->total);
  if (result.corrected_query && r.spell) PreferCorrection(steps, result, *built, found);
  if ((r.year_from || r.year_to) && !r.undated) {
    // How many matches the year filter leaves out for having no year, so the page can say so.
    auto without_years = FilterQuery(r, false);
    if (without_years.ok()) {
      result.undated_left_out = CountMatches(
          Xapian::Query(Xapian::Query::OP_FILTER, built->Matching(), Undated()), *without_years);
    }
  }
  ReportRegions(built->regions, result);
  result.total = found->total;
  // A page past the end is an empty page, not an error: a result list that shrank while a user
  // paged (an editor hid a document) still answers.
  AddHits(r, *built, found->mset, result);
  if (r.facets && shards) {
    result.facets = found->spies.Count(found->total, *options.catalog);
  } else if (r.facets) {
    result.facets = found->facets.valid() ? found->facets.get()
                                          : FacetRows()->Count(found->matched, *options.catalog);
  }
  if (shards) {
    result.shards = shards->size();
    result.failed_shards = shards->failed();
  }
  return result;
}

void Searcher::Impl::AddHits(const SearchRequest& r, const BuiltQuery& built,
                             const Xapian::MSet& mset, SearchResult& result) {
  if (r.metadata_only) {
    // Up to kMaxExport documents: parsed one at a time and not cached, their text dropped.
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto parsed = StoredDocument::FromJson(it.get_document().get_data());
      if (!parsed.ok()) continue;
      StoredDocument doc = std::move(parsed).value();
      doc.pages.assign(doc.pages.size(), std::string());
      result.documents.push_back(std::move(doc));
    }
    return;
  }
  SnippetMaker snippets(QueryTermsOf(built.query, built.text), analyzer.QueryStemmer());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto indexed = Load(*it, it.get_document());
    const StoredDocument* doc = &indexed->doc;
    Hit hit;
    hit.id = doc->id;
    hit.title = doc->title;
    hit.kind = doc->kind;
    hit.evidence = doc->evidence;
    hit.language = doc->language;
    hit.year = doc->year;
    hit.date = doc->date;
    hit.themes = doc->themes;
    hit.gemeenten = doc->gemeenten;
    hit.provincies = doc->provincies;
    hit.format = doc->format;
    hit.attachment_of = doc->attachment_of;
    hit.added = it.get_document().get_value(schema::kSlotAdded);
    hit.score = r.EffectiveSort() == SortOrder::kRelevance ? built.Relevance(it.get_weight()) : 0.0;
    Snippet snippet = snippets.Make(doc->pages, indexed->pages);
    hit.snippet = std::move(snippet.html);
    hit.pages = std::move(snippet.pages);
    result.hits.push_back(std::move(hit));
  }
}

std::shared_ptr<const MatchBitmaps> Searcher::Impl::Bitmaps() {
  return options.shared->match_bitmaps.Get(revision, [] { return MatchBitmaps(); });
}

std::shared_ptr<const BlockBounds> Searcher::Impl::Bounds() {
  const unsigned shift = options.shared->block_shift;
  const Xapian::doccount split_from = options.shared->block_split_from;
  return options.shared->block_bounds.Get(revision, [=] { return BlockBounds(shift, split_from); });
}

std::shared_ptr<const FacetTable> Searcher::Impl::FacetRows() {
  return options.shared->facet_tables.Get(revision,
                                          [&] { return FacetTable::Build(db, *options.catalog); });
}

Xapian::Database* Searcher::Impl::Helper() {
  if (shards || options.db_path.empty()) return nullptr;
  try {
    if (!helper) helper.emplace(options.db_path.string());
    if (helper->get_revision() != db.get_revision()) helper->reopen();
    if (helper->get_revision() == db.get_revision()) return &*helper;
  } catch (const Xapian::Error&) {  // say, out of file handles: one thread ranks, as before
    helper.reset();
  }
  return nullptr;
}

std::uint64_t Searcher::Impl::CountMatches(const Xapian::Query& query,
                                           const Xapian::Query& filter) {
  const Xapian::Query filtered =
      filter.empty() ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  if (!shards) return Bitmaps()->Match(db, WithoutHidden(filtered))->cardinality();
  Xapian::Enquire enquire(db);
  enquire.set_query(WithoutHidden(filtered));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

std::shared_ptr<const IndexedDocument> Searcher::Impl::Load(Xapian::docid docid,
                                                            const Xapian::Document& doc) {
  // Indexes written before kSlotDataHash: a parsed copy lasts one revision.
  std::string version = doc.get_value(schema::kSlotDataHash);
  if (version.empty()) version = "revision " + revision;
  if (auto cached = options.shared->documents.Get(docid, version)) return cached;
  auto parsed = StoredDocument::FromJson(doc.get_data());
  StoredDocument stored;
  if (parsed.ok()) {
    stored = std::move(parsed).value();
  } else {
    // A document whose stored data cannot be read still shows up, under its id.
    StoredDocument stub;
    auto t = doc.termlist_begin();
    t.skip_to(std::string(schema::kPrefixId));
    if (t != doc.termlist_end() && (*t).rfind(schema::kPrefixId, 0) == 0) {
      stub.id = (*t).substr(schema::kPrefixId.size());
    }
    stub.title = stub.id;
    stored = std::move(stub);
  }
  auto out = std::make_shared<IndexedDocument>();
  out->pages =
      PageIndex::Build(stored.pages, [&](const std::string& word) { return analyzer.Stem(word); });
  out->doc = std::move(stored);
  options.shared->documents.Put(docid, version, out);
  return out;
}

Searcher::Searcher(const SearcherOptions& options, Xapian::Database db)
    : impl_(std::make_unique<Impl>(options, std::move(db))) {
  if (!options.shards.empty()) return;  // shards have no passages (yet)
  const std::filesystem::path folder = options.db_path / schema::kPassagesFolder;
  if (std::filesystem::exists(folder)) {
    try {
      impl_->passages.emplace(folder.string());
    } catch (const Xapian::DatabaseOpeningError&) {
      // Not (yet) a passage index: /api/passages says so.
    }
  }
}

Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const SearcherOptions& options) {
  if (!options.shards.empty()) return OpenShards(options);
  try {
    Xapian::Database db(options.db_path.string());
    Status status = schema::CheckIndex(db, options.db_path.string());
    if (!status.ok()) return status;
    return std::unique_ptr<Searcher>(new Searcher(options, std::move(db)));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::NotFound(
        "cannot open the index '" + options.db_path.string() + "': " + e.get_description() +
        "; build it first with: kb-indexer --db " + options.db_path.string() + " DOCS...");
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot open the index '" + options.db_path.string() +
                               "': " + e.get_description());
  }
}

Result<std::unique_ptr<Searcher>> Searcher::OpenShards(const SearcherOptions& options) {
  // The first Searcher tries every shard; the others leave out those it found missing.
  ShardHealth& health = options.shared->shard_health;
  ShardSet shards(options.shards, options.shard_timeout);
  auto db = shards.Connect(health, health.generation() == 0);
  if (!db.ok()) return db.status();
  auto searcher = std::unique_ptr<Searcher>(new Searcher(options, std::move(db).value()));
  Impl& impl = *searcher->impl_;
  impl.shards.emplace(std::move(shards));
  impl.revision = impl.ReadRevision();
  impl.seen_shard_health = health.generation();
  std::shared_ptr<const SynonymTable> table;
  {
    std::lock_guard<std::mutex> lock(options.shared->synonyms_mutex);
    if (!options.shared->synonyms) {
      auto written = SynonymTable::Write(impl.analyzer);
      if (!written.ok()) return written.status();
      options.shared->synonyms = std::move(written).value();
    }
    table = options.shared->synonyms;
  }
  try {
    impl.synonyms.emplace(table->folder().string());
    impl.parser.set_database(*impl.synonyms);
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot open the synonym table " + table->folder().string() + ": " +
                               e.get_description());
  }
  return searcher;
}

Result<std::string> Searcher::Revision() {
  return impl_->Guard("revisie", [&]() -> Result<std::string> { return impl_->revision; });
}

Result<SearchResult> Searcher::Search(const SearchRequest& request) {
  return impl_->Guard("zoeken", [&] { return impl_->Search(request); });
}

}  // namespace kb::search

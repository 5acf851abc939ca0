// Searcher's private state, shared by searcher.cpp (searching) and searcher_documents.cpp
// (documents, suggestions, index info). Not part of the public interface.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/search/query_builder.h"
#include "kb/search/searcher.h"

namespace kb::search {

// `query` without the documents an editor hid or merged away (the XEhidden term): what every
// public result, facet, suggestion and similar list is drawn from.
Xapian::Query WithoutHidden(const Xapian::Query& query);

struct Searcher::Impl {
  Impl(const SearcherOptions& options, Xapian::Database database);

  // Runs `fn`, first reopening the database when its check interval has passed. A
  // DatabaseModifiedError (a commit overtook us) reopens and retries; other Xapian errors
  // become Unavailable or Internal. `what` opens the message a user reads, so it is Dutch.
  template <typename F>
  auto Guard(std::string_view what, F&& fn) -> decltype(fn()) {
    for (int attempt = 0;; ++attempt) {
      try {
        MaybeReopen(attempt > 0);
        return fn();
      } catch (const Xapian::NetworkError& e) {
        // A shard stopped answering: search the others (the answer says which failed).
        if (!shards || attempt >= 2) {
          return Status::Unavailable(std::string(what) + ": de index antwoordt niet (" +
                                     e.get_description() + "); probeer het later opnieuw");
        }
        if (Status connected = ConnectShards(true); !connected.ok()) return connected;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= 2) {
          return Status::Unavailable(std::string(what) + ": de index verandert steeds (" +
                                     e.get_description() + "); probeer het opnieuw");
        }
      } catch (const Xapian::DatabaseError& e) {
        return Status::Unavailable(std::string(what) + ": de index is niet te lezen (" +
                                   e.get_description() + "); probeer het later opnieuw");
      } catch (const Xapian::Error& e) {
        return Status::Internal(std::string(what) + ": " + e.get_description());
      }
    }
  }

  void MaybeReopen(bool force);
  std::string ReadRevision() const;
  // Shards: connects to the shards again and searches those that answer from now on: to every
  // one when `probe_all` (and reports what it found to ShardHealth), else to those ShardHealth
  // does not list as failed.
  Status ConnectShards(bool probe_all);

  // Folds one query word the way the index folds body words.
  std::string Fold(std::string_view word);
  // The filters of `request` as one query (empty: none); without its years unless `with_years`.
  Result<Xapian::Query> FilterQuery(const SearchRequest& request, bool with_years = true) const;
  // The query with unknown words replaced by their nearest known word, when any was replaced.
  std::optional<std::string> Correct(const std::string& q);

  Result<SearchResult> Search(const SearchRequest& request);
  Result<PassageResult> Passages(const SearchRequest& request);
  Result<std::vector<MarkedPassage>> Marked(
      const std::vector<std::pair<std::string, std::string>>& marks);
  // One search's steps (searcher.cpp): build a query, run it with the filters, count; and what
  // one run found.
  class SearchSteps;
  struct Run;
  // The user's query as built (everything for a blank one), with the spelling correction it
  // invites noted in `result` (never one that only hidden documents would match).
  Result<BuiltQuery> UserQuery(const SearchSteps& steps, const SearchRequest& request,
                               SearchResult& result);
  // Runs the corrected query too and takes it when it is clearly better: more documents with
  // all its words, or, when neither has any, more documents at all.
  static void PreferCorrection(const SearchSteps& steps, SearchResult& result, BuiltQuery& built,
                               std::unique_ptr<Run>& found);
  // The hits of one result page: metadata, snippet and best pages of each document in `mset`.
  void AddHits(const SearchRequest& request, const BuiltQuery& built, const Xapian::MSet& mset,
               SearchResult& result);
  // The exact number of visible documents matching `query` within `filter` (empty: none).
  std::uint64_t CountMatches(const Xapian::Query& query, const Xapian::Query& filter);
  // This revision's cached term bitmaps (one local index only).
  std::shared_ptr<const MatchBitmaps> Bitmaps();
  // This revision's cached weight bounds per block of docids (one local index only).
  std::shared_ptr<const BlockBounds> Bounds();
  // This revision's facet table (one local index only), built on this thread when missing.
  std::shared_ptr<const FacetTable> FacetRows();
  // A second handle on the local index at the revision `db` reads, for a ranking pass split
  // over two threads (search_steps.h); nullptr when there is none (shards, or a commit came
  // between the two handles' reopens). The caller gives it to one other thread for the span
  // of one search.
  Xapian::Database* Helper();
  std::shared_ptr<const IndexedDocument> Load(Xapian::docid docid, const Xapian::Document& doc);
  Result<Xapian::docid> FindDocid(std::string_view id) const;
  bool HasTerm(Xapian::docid docid, const std::string& term) const;
  // Whether `query` matches at least one document that is not hidden.
  bool AnyVisible(const Xapian::Query& query) const;
  // NotFound for the public when the document is hidden and not merged into another one (a
  // merged duplicate stays reachable, so its page can point at the kept document).
  Status CheckVisible(Xapian::docid docid, std::string_view id, Audience audience) const;

  SearcherOptions options;
  Xapian::Database db;
  // The passage index (schema::kPassagesFolder), when the index has one.
  std::optional<Xapian::Database> passages;
  std::optional<Xapian::Database> helper;  // see Helper(); opened on first use
  // When the index is shards (options.shards): which answer; and the synonym table queries
  // expand from (the remote backend carries none), built from the analysis data.
  std::optional<ShardSet> shards;
  std::optional<Xapian::Database> synonyms;
  analysis::Analyzer analyzer;
  Xapian::QueryParser parser;
  QueryBuilder builder;  // uses analyzer and parser
  std::string revision;
  std::chrono::steady_clock::time_point last_check;
  std::uint64_t seen_changes = 0;       // options.shared->index_changes at the last check
  std::uint64_t seen_warmed = 0;        // options.shared->warmed at the last reopen
  std::uint64_t seen_shard_health = 0;  // options.shared->shard_health.generation() last seen
};

}  // namespace kb::search

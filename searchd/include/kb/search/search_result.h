// What a search, a document lookup and a suggestion return: plain data, no Xapian, no JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kb/core/fnv_hash.h"
#include "kb/core/stored_document.h"

namespace kb::search {

struct FacetCount {
  std::string value;  // what to pass back as a filter: theme slug, CBS code, provincie name, ...
  std::string label;  // display name
  std::uint64_t count = 0;
};

// The documents of one theme in one provincie (the overview's matrix of gaps).
struct FacetCell {
  std::string theme;      // theme slug
  std::string provincie;  // provincie name, as the provincie facet's value
  std::uint64_t count = 0;
};

struct Facets {
  std::vector<FacetCount> theme;      // by count, then label
  std::vector<FacetCount> gemeente;   // by count, then label
  std::vector<FacetCount> provincie;  // by count, then label; includes documents of its gemeenten
  std::vector<FacetCount> year;       // newest first
  std::vector<FacetCount> kind;       // by count, then label
  std::vector<FacetCount> evidence;   // by count, then label (schema::kEvidenceTypes)
  std::vector<FacetCount> language;   // by count, then label; ISO 639-1 codes ("nl", "fy", "en")
  std::vector<FacetCount> organisation;  // by count, then label; value: the organisation's name
  std::uint64_t year_unknown = 0;        // matches whose year is unknown
  // Theme x provincie: the cells with documents (a provincie as its facet counts it), by theme
  // then provincie; a pair that is missing has none.
  std::vector<FacetCell> theme_provincie;
};

struct Hit {
  std::string id;
  std::string title;
  std::string kind;
  std::string evidence;  // empty for documents indexed before evidence types
  std::string language;  // ISO 639-1
  int year = 0;
  std::string date;
  std::vector<ThemeTag> themes;
  std::vector<GemeenteTag> gemeenten;
  std::vector<std::string> provincies;
  std::string snippet;           // HTML: text escaped, matches in <mark>
  std::vector<int> pages;        // 1-based pages where the query matches best, best first
  std::string format;            // "pdf", "text", "markdown" (the HTTP layer builds the file URL)
  std::string added;             // when it entered the index (schema::kSlotAdded); empty if unknown
  double score = 0;              // relevance weight (0 when sorted by date)
  LinkedDocument attachment_of;  // an e-mail attachment's message (empty id otherwise)
};

struct SearchResult {
  std::string query;                           // the query as asked
  std::optional<std::string> corrected_query;  // a spelling correction, when one was found
  // Hits are those of corrected_query: it matches more documents with all its words (or, when
  // neither has any, more documents) than the query as typed, and spell=0 was not asked.
  bool showing_corrected = false;
  std::uint64_t total = 0;  // exact number of matching documents (all words or some)
  // How many of them hold every word (or place) of the query; equal to total for a one-word
  // query or explicit syntax. 0 < total with 0 here: only partial matches.
  std::uint64_t all_words_total = 0;
  // The places the query (as shown) names: gemeente and provincie names, for "Alleen ...?".
  std::vector<std::string> interpreted_gemeenten;
  std::vector<std::string> interpreted_provincies;
  // With a year filter (and not undated=1): the matches it leaves out because their year is
  // unknown.
  std::uint64_t undated_left_out = 0;
  int page = 1;
  int size = 10;
  int size_requested = 10;  // more than `size`: the request's size was clamped
  std::vector<Hit> hits;
  std::optional<Facets> facets;  // absent when facets=0
  // SearchRequest::metadata_only: the matches' stored data in rank order, instead of `hits`.
  // Each page's text is left empty (pages.size() is still the page count).
  std::vector<StoredDocument> documents;
  // An index in shards: how many, and those that did not answer ("host:port"). Non-empty:
  // total, facets and hits are those of the other shards only.
  std::size_t shards = 0;
  std::vector<std::string> failed_shards;
};

// A few sentences of one page of a document that answer a query (the passage index).
struct PassageHit {
  std::string id;  // the document's id, as in Hit
  std::string title;
  std::string format;
  int year = 0;         // 0 when unknown
  int page = 1;         // 1-based
  std::string section;  // the heading it stands under; may be empty
  std::string role;     // "findings", "body" or "appendix"
  std::string html;     // HTML-escaped, the query's words in <mark>
  std::string key;      // PassageKey of its text: with `id`, how a user marks it for an export
  bool ocr = false;     // its page was read by OCR: the text may hold recognition errors
  double score = 0;
};

// A passage's key: FNV-1a of its text, so a mark stays valid while the text does.
inline std::string PassageKey(std::string_view text) {
  Fnv1a64 hash;
  hash.Update(text);
  return hash.HexDigest();
}

// A passage a user marked, found again by its document's id and its key (Searcher::Marked).
struct MarkedPassage {
  std::string id;  // the document's id
  std::string key;
  int page = 1;
  std::string section;
  std::string text;  // plain text
};

struct PassageResult {
  std::string query;
  std::optional<std::string> corrected_query;
  bool showing_corrected = false;
  std::vector<PassageHit> passages;  // best first; at most two of one document in the first five
};

struct SimilarDocument {
  std::string id;
  std::string title;
  std::string kind;
  int year = 0;
  double score = 0;
};

struct DocumentDetail {
  StoredDocument document;
  std::vector<SimilarDocument> similar;  // at most 10, most similar first
};

// One page of a review queue.
struct ReviewPage {
  std::uint64_t total = 0;  // documents in the whole queue
  std::vector<StoredDocument> documents;
};

struct Suggestion {
  std::string text;   // the completed text
  std::string type;   // "term", "theme", "gemeente" or "provincie"
  std::string value;  // filter value for theme/gemeente/provincie; the text for terms
};

// A public document as a sitemap lists it.
struct ListedDocument {
  std::string id;
  std::string added;  // schema::kSlotAdded; empty when unknown
};

struct DocumentListing {
  std::uint64_t total = 0;  // public documents in all
  std::vector<ListedDocument> documents;
};

struct IndexInfo {
  std::uint64_t document_count = 0;
  std::string last_update;  // ISO 8601 UTC, as kb-indexer recorded it
  std::string schema_version;
  std::string revision;            // changes whenever the index does
  std::uint64_t size_bytes = 0;    // on disk
  std::uint64_t failed_files = 0;  // files kb-indexer could not read (kb.failed: metadata)
  // kb-indexer's last status (schema::IndexerStatusPathFor): "running", "finished", "stopped",
  // or "unknown" without a status file; "running" only while that process is alive.
  std::string indexer_state = "unknown";
  std::string indexer_started;   // ISO 8601 UTC
  std::string indexer_finished;  // empty while running
  std::uint64_t indexer_files_done = 0;
  std::uint64_t indexer_files_total = 0;
  // An index in shards: how many, and those that did not answer ("host:port").
  std::size_t shards = 0;
  std::vector<std::string> failed_shards;
};

}  // namespace kb::search

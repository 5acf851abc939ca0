// What other programs read to follow the collection: an Atom feed of a saved search
// (/api/search?format=atom), a sitemap of the document pages (/sitemap.xml), an OpenSearch
// description (/opensearch.xml), and the citation metadata of a document page (Highwire Press
// `citation_*` meta tags, which Zotero and Google Scholar read, and a COinS span).
//
// Pure functions from plain data to XML/HTML text; thread-safe. Every text is escaped, and bytes
// XML 1.0 forbids (control characters) are dropped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/http/citation_export.h"
#include "kb/search/search_result.h"

namespace kb::http {

// Where a feed comes from. URLs are absolute (ExportLinks::origin + path).
struct FeedContext {
  std::string self_url;          // this feed: .../api/search?...&format=atom
  std::string page_url;          // the same search on the web page: .../?q=...
  std::string title;             // "Wat weten we al? — schulden in Utrecht"
  std::string fallback_updated;  // ISO 8601 UTC for entries without a date added (index update)
};

// An Atom 1.0 feed (RFC 4287) of a search's hits: one entry per hit with its title, the document
// page as link and id, the date added as `updated`, the document date as `published`, the
// snippet as an HTML summary and the themes as categories.
std::string AtomFeed(const search::SearchResult& result, const FeedContext& context,
                     const ExportLinks& links);

// A sitemap (sitemaps.org 0.9) of document pages, at most 50,000 per file.
inline constexpr size_t kSitemapPageSize = 50000;
std::string Sitemap(const search::DocumentListing& listing, const ExportLinks& links);
// A sitemap index pointing at /sitemap.xml?page=1..N when there are more documents than one
// sitemap holds.
std::string SitemapIndex(std::uint64_t total, const ExportLinks& links);

// The OpenSearch 1.1 description: the web page, the Atom feed and the JSON API as templates.
std::string OpenSearchDescription(const ExportLinks& links);

// A document's citation metadata for reference managers: the Highwire Press tags as (name,
// content) pairs ("citation_title", ...) and the COinS context object (OpenURL 1.0 KEV).
struct CitationMeta {
  std::vector<std::pair<std::string, std::string>> tags;
  std::string coins;
};
CitationMeta DocumentCitationMeta(const CitationRecord& record, const ExportLinks& links);

// The same as HTML for the document page: <meta name="citation_*"> tags for <head> and a
// <span class="Z3988"> for <body>. The page's script sets the same tags from the document's
// JSON ("citation") when it opens a document itself.
struct CitationMarkup {
  std::string head;
  std::string body;
};
CitationMarkup DocumentCitationMarkup(const CitationRecord& record, const ExportLinks& links);

// Text escaped for XML/HTML content and attribute values; control characters dropped.
std::string XmlEscape(std::string_view text);

}  // namespace kb::http

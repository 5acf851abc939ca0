#include "kb/http/feeds.h"

#include <cstdio>

#include "kb/search/snippets.h"

namespace kb::http {

namespace {

// "2024-05-03" -> "2024-05-03T00:00:00Z"; "2024" -> "2024-01-01T00:00:00Z"; else empty.
std::string AtomDate(std::string_view date) {
  const auto digits = [](std::string_view s) {
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return !s.empty();
  };
  if (date.size() < 4 || !digits(date.substr(0, 4))) return {};
  std::string month = "01", day = "01";
  if (date.size() >= 7 && date[4] == '-' && digits(date.substr(5, 2))) month = date.substr(5, 2);
  if (date.size() >= 10 && date[7] == '-' && digits(date.substr(8, 2))) day = date.substr(8, 2);
  if (month == "00") month = "01";
  if (day == "00") day = "01";
  return std::string(date.substr(0, 4)) + "-" + month + "-" + day + "T00:00:00Z";
}

// Percent-encoding for a COinS key/value (RFC 3986 unreserved kept).
std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string Meta(std::string_view name, std::string_view content) {
  if (content.empty()) return {};
  return "<meta name=\"" + std::string(name) + "\" content=\"" + XmlEscape(content) + "\">\n";
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    clean.push_back(c);
  }
  return search::EscapeHtml(clean);
}

std::string AtomFeed(const search::SearchResult& result, const FeedContext& context,
                     const ExportLinks& links) {
  std::string updated;
  for (const search::Hit& hit : result.hits) updated = std::max(updated, hit.added);
  if (updated.empty()) updated = context.fallback_updated;
  if (updated.empty()) updated = "1970-01-01T00:00:00Z";
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">\n";
  out += "  <title>" + XmlEscape(context.title) + "</title>\n";
  out += "  <subtitle>" + std::to_string(result.total) + " documenten</subtitle>\n";
  out += "  <id>" + XmlEscape(context.self_url) + "</id>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         XmlEscape(context.self_url) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(context.page_url) +
         "\"/>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <author><name>Wat weten we al?</name></author>\n";
  out += "  <generator>kb-searchd</generator>\n";
  for (const search::Hit& hit : result.hits) {
    const std::string page = links.DocumentPage(hit.id);
    const std::string entry_updated =
        !hit.added.empty()
            ? hit.added
            : (!context.fallback_updated.empty() ? context.fallback_updated : updated);
    out += "  <entry>\n";
    out += "    <title>" + XmlEscape(hit.title.empty() ? hit.id : hit.title) + "</title>\n";
    out += "    <id>" + XmlEscape(page) + "</id>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(page) + "\"/>\n";
    out += "    <link rel=\"related\" href=\"" + XmlEscape(links.DocumentFile(hit.id)) + "\"/>\n";
    out += "    <updated>" + entry_updated + "</updated>\n";
    if (const std::string published = AtomDate(hit.date); !published.empty()) {
      out += "    <published>" + published + "</published>\n";
    }
    for (const ThemeTag& theme : hit.themes) {
      out += "    <category term=\"" + XmlEscape(theme.slug) + "\" label=\"" +
             XmlEscape(theme.name) + "\"/>\n";
    }
    // The snippet is HTML already (text escaped, matches in <mark>): escaped once more as the
    // content of an html-typed element.
    if (!hit.snippet.empty()) {
      out += "    <summary type=\"html\">" + XmlEscape(hit.snippet) + "</summary>\n";
    }
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string Sitemap(const search::DocumentListing& listing, const ExportLinks& links) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const search::ListedDocument& d : listing.documents) {
    out += "  <url><loc>" + XmlEscape(links.DocumentPage(d.id)) + "</loc>";
    if (d.added.size() >= 10) out += "<lastmod>" + XmlEscape(d.added.substr(0, 10)) + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string SitemapIndex(std::uint64_t total, const ExportLinks& links) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  const std::uint64_t pages = (total + kSitemapPageSize - 1) / kSitemapPageSize;
  for (std::uint64_t page = 1; page <= pages; ++page) {
    out += "  <sitemap><loc>" + XmlEscape(links.origin) +
           "/sitemap.xml?page=" + std::to_string(page) + "</loc></sitemap>\n";
  }
  out += "</sitemapindex>\n";
  return out;
}

std::string OpenSearchDescription(const ExportLinks& links) {
  const std::string origin = XmlEscape(links.origin);
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n";
  out += "  <ShortName>Wat weten we al?</ShortName>\n";
  out +=
      "  <Description>Zoek in onderzoek, rapporten en artikelen over het sociaal "
      "domein.</Description>\n";
  out += "  <Language>nl-NL</Language>\n";
  out += "  <InputEncoding>UTF-8</InputEncoding>\n";
  out += "  <OutputEncoding>UTF-8</OutputEncoding>\n";
  out +=
      "  <Url type=\"text/html\" method=\"get\" template=\"" + origin + "/?q={searchTerms}\"/>\n";
  out += "  <Url type=\"application/atom+xml\" method=\"get\" template=\"" + origin +
         "/api/search?q={searchTerms}&amp;format=atom&amp;page={startPage?}\"/>\n";
  out += "  <Url type=\"application/json\" method=\"get\" template=\"" + origin +
         "/api/search?q={searchTerms}&amp;page={startPage?}\"/>\n";
  out += "  <Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"" + origin +
         "/opensearch.xml\"/>\n";
  out += "</OpenSearchDescription>\n";
  return out;
}

CitationMeta DocumentCitationMeta(const CitationRecord& r, const ExportLinks& links) {
  CitationMeta meta;
  auto tag = [&meta](std::string name, std::string content) {
    if (!content.empty()) meta.tags.emplace_back(std::move(name), std::move(content));
  };
  const std::vector<PersonName> authors = CitationAuthors(r);
  tag("citation_title", r.title);
  for (const PersonName& a : authors) tag("citation_author", a.Inverted());
  // Highwire dates are YYYY/MM/DD (or only the year).
  std::string date = r.date;
  for (char& c : date) {
    if (c == '-') c = '/';
  }
  if (date.empty() && r.year > 0) date = std::to_string(r.year);
  tag("citation_publication_date", date);
  tag(IsReport(r) ? "citation_technical_report_institution" : "citation_publisher", r.organisation);
  tag("citation_language", r.language);
  std::string keywords;
  for (const std::string& k : CitationKeywords(r)) keywords += (keywords.empty() ? "" : "; ") + k;
  tag("citation_keywords", keywords);
  if (r.page_count > 0) tag("citation_num_pages", std::to_string(r.page_count));
  tag("citation_abstract_html_url", links.DocumentPage(r.id));
  if (r.format == "pdf") tag("citation_pdf_url", links.DocumentFile(r.id));

  // COinS (OpenURL 1.0 KEV): a book-format "report" or "document", or a journal-format
  // "article" for news and web articles with the website as the journal title.
  std::string& kev = meta.coins;
  kev = "ctx_ver=Z39.88-2004";
  auto add = [&kev](std::string_view key, std::string_view value) {
    if (!value.empty()) kev += "&" + std::string(key) + "=" + UrlEncode(value);
  };
  if (IsWebItem(r)) {
    add("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal");
    add("rft.genre", "article");
    add("rft.atitle", r.title);
    add("rft.jtitle", r.organisation);
  } else {
    add("rft_val_fmt", "info:ofi/fmt:kev:mtx:book");
    add("rft.genre", IsReport(r) ? "report" : "document");
    add("rft.btitle", r.title);
    add("rft.pub", r.organisation);
    if (r.page_count > 0) add("rft.tpages", std::to_string(r.page_count));
  }
  for (size_t i = 0; i < authors.size(); ++i) {
    const PersonName& a = authors[i];
    if (i == 0 && !a.literal) {
      add("rft.aulast", a.FullFamily());
      add("rft.aufirst", a.given);
    } else if (a.literal) {
      add("rft.aucorp", a.family);
    } else {
      add("rft.au", a.Inverted());
    }
  }
  add("rft.date", r.date.empty() && r.year > 0 ? std::to_string(r.year) : r.date);
  add("rft.language", r.language);
  add("rft_id", links.DocumentPage(r.id));
  return meta;
}

CitationMarkup DocumentCitationMarkup(const CitationRecord& r, const ExportLinks& links) {
  const CitationMeta meta = DocumentCitationMeta(r, links);
  CitationMarkup markup;
  for (const auto& [name, content] : meta.tags) markup.head += Meta(name, content);
  markup.body = "<span class=\"Z3988\" title=\"" + XmlEscape(meta.coins) + "\" hidden></span>\n";
  return markup;
}

}  // namespace kb::http

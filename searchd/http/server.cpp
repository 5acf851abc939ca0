#include "kb/http/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include <sys/socket.h>

#include <httplib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "editor_service.h"
#include "json_objects.h"
#include "kb/analysis/charset.h"
#include "kb/http/bounded_task_queue.h"
#include "kb/http/citation_export.h"
#include "kb/http/error_mapper.h"
#include "kb/http/feeds.h"
#include "kb/http/guarded_server.h"
#include "kb/http/http_conventions.h"
#include "kb/http/json_mapping.h"
#include "kb/http/metrics.h"
#include "kb/search/search_request.h"

namespace kb::http {

namespace {

using Clock = std::chrono::steady_clock;

// When the current request on this worker thread was routed. httplib runs pre-routing, the
// handler and the logger of one request on the same thread, so a thread-local stamp is exact.
thread_local Clock::time_point request_start;
// The current request's id: the client's (a proxy's) X-Request-Id when it is a short token,
// else one of ours. Returned in the X-Request-Id header and written in the access log.
thread_local std::string request_id;
constexpr std::size_t kMaxRequestIdBytes = 64;

bool IsSaneRequestId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxRequestIdBytes &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

// "2026-12-07T00:50:01.123Z"
std::string UtcTimestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &parts);
  std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
  return buffer;
}

constexpr const char* kJson = "application/json; charset=utf-8";

void SendJson(httplib::Response& res, std::string body) {
  res.status = 200;
  res.set_content(std::move(body), kJson);
}

search::QueryParams ParamsOf(const httplib::Request& req) {
  search::QueryParams params;
  for (const auto& [name, value] : req.params) params.emplace_back(name, value);
  return params;
}

// Rejects every parameter but the `allowed` ones (each given once at most).
Status OnlyParameter(const httplib::Request& req,
                     std::initializer_list<std::string_view> allowed = {}) {
  for (const auto& [name, value] : req.params) {
    if (search::IsIgnoredParameter(name)) continue;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string known;
      for (std::string_view a : allowed)
        known += (known.empty() ? "'" : " en '") + std::string(a) + "'";
      return InvalidParameter(
          name.substr(0, 60),
          "onbekend" + (known.empty()
                            ? std::string("; deze route kent geen parameters, laat ze weg")
                            : "; deze route kent alleen " + known),
          "unknown_parameter");
    }
    if (req.get_param_value_count(name) > 1) return search::RepeatedParameter(name);
  }
  return Status::Ok();
}

// The `page` parameter of a document's citation: 1 to `pages`, or 0 when absent.
Result<int> CitedPage(const httplib::Request& req, size_t pages) {
  if (!req.has_param("page")) return 0;
  const std::string value = req.get_param_value("page");
  int page = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), page);
  if (error != std::errc() || end != value.data() + value.size() || page < 1 ||
      static_cast<size_t>(page) > pages) {
    return InvalidParameter(
        "page", "een paginanummer van 1 tot en met " + std::to_string(std::max<size_t>(pages, 1)) +
                    " (het document heeft " + std::to_string(pages) + " pagina's)");
  }
  return page;
}

// At most this many marked passages in one export (`passage`).
constexpr size_t kMaxMarkedPassages = 50;

// The `passage` parameters of an export: DOCUMENT-ID:KEY as /api/passages gives them.
Result<std::vector<std::pair<std::string, std::string>>> MarksOf(const httplib::Request& req) {
  std::vector<std::pair<std::string, std::string>> marks;
  const size_t n = req.get_param_value_count("passage");
  if (n > kMaxMarkedPassages) {
    return InvalidParameter("passage",
                            "hoogstens " + std::to_string(kMaxMarkedPassages) +
                                " gemarkeerde passages per export; exporteer ze in delen");
  }
  auto hex16 = [](std::string_view s) {
    return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
             return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
  };
  for (size_t i = 0; i < n; ++i) {
    const std::string value = req.get_param_value("passage", i);
    const size_t colon = value.find(':');
    if (colon == std::string::npos || !hex16(std::string_view(value).substr(0, colon)) ||
        !hex16(std::string_view(value).substr(colon + 1))) {
      return InvalidParameter("passage",
                              "verwacht DOCUMENT-ID:SLEUTEL (id en key van een passage uit "
                              "/api/passages, elk 16 tekens 0-9 en a-f)");
    }
    marks.emplace_back(value.substr(0, colon), value.substr(colon + 1));
  }
  return marks;
}

// The `format` parameter (at most once); JSON when it is absent.
Result<ExportFormat> FormatOf(const httplib::Request& req) {
  if (!req.has_param("format")) return ExportFormat::kJson;
  if (req.get_param_value_count("format") > 1) return search::RepeatedParameter("format");
  return ParseExportFormat(req.get_param_value("format"));
}

// The `separator` of a CSV export: ',' (default) or ';' (a Dutch Excel's list separator).
Result<char> CsvSeparatorOf(const httplib::Request& req, ExportFormat format) {
  if (!req.has_param("separator")) return ',';
  if (req.get_param_value_count("separator") > 1) return search::RepeatedParameter("separator");
  if (format != ExportFormat::kCsv) {
    return InvalidParameter("separator", "alleen bij format=csv; geef ook format=csv");
  }
  const std::string value = req.get_param_value("separator");
  if (value == "comma" || value == ",") return ',';
  if (value == "semicolon" || value == ";") return ';';
  return InvalidParameter("separator", "moet 'comma' of 'semicolon' zijn");
}

// Sends an export as a download; links in it point at `public_url`.
void SendExport(httplib::Response& res, ExportFormat format,
                const std::vector<CitationRecord>& records, const std::string& stem,
                const std::string& public_url, char csv_separator) {
  ExportLinks links;
  links.origin = public_url;
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + stem + "." +
                                            std::string(ExportExtension(format)) + "\"");
  res.set_content(ExportCitations(format, records, links, csv_separator),
                  std::string(ExportContentType(format)).c_str());
}

// The size of an export of a result list: every match up to kMaxExport unless `size` asks for
// fewer. Returns the size and whether a larger one was clamped.
Result<std::pair<int, bool>> ExportSizeOf(const httplib::Request& req) {
  if (!req.has_param("size")) return std::pair{search::SearchRequest::kMaxExport, false};
  if (req.get_param_value_count("size") > 1) return search::RepeatedParameter("size");
  auto size = search::ParseIntParameter("size", req.get_param_value("size"), 0, 1'000'000'000);
  if (!size.ok()) return size.status();
  return std::pair{std::min(*size, search::SearchRequest::kMaxExport),
                   *size > search::SearchRequest::kMaxExport};
}

// The type of an original file; a text type names its charset: UTF-8 when the bytes are, else
// Windows-1252 (what older Dutch text files are written in).
std::string ContentTypeFor(const std::filesystem::path& path, std::string_view bytes) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".pdf") return "application/pdf";
  const std::string charset =
      analysis::IsValidUtf8(bytes) ? "; charset=utf-8" : "; charset=windows-1252";
  if (ext == ".md" || ext == ".markdown") return "text/markdown" + charset;
  if (ext == ".txt" || ext == ".text") return "text/plain" + charset;
  // Never render indexed HTML (or an e-mail) as a page of ours.
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".eml" || ext == ".rtf") {
    return "text/plain" + charset;
  }
  if (ext == ".docx" || ext == ".docm") {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (ext == ".pptx") {
    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  }
  if (ext == ".odt") return "application/vnd.oasis.opendocument.text";
  if (ext == ".odp") return "application/vnd.oasis.opendocument.presentation";
  if (ext == ".epub") return "application/epub+zip";
  if (ext == ".doc") return "application/msword";
  return "application/octet-stream";
}

// At most kMaxRanges ranges, none overlapping another (a suffix range "-N" counts as reaching
// the end, so two ranges with one of them open or suffix overlap).
bool RangesAreSane(const httplib::Ranges& ranges) {
  if (ranges.size() <= 1) return true;
  if (ranges.size() > kMaxRanges) return false;
  std::vector<std::pair<long long, long long>> spans;  // [first, last], last -1: to the end
  for (const auto& [first, last] : ranges) {
    if (first < 0 || last < 0) return false;
    spans.emplace_back(first, last);
  }
  std::sort(spans.begin(), spans.end());
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first <= spans[i - 1].second) return false;
  }
  return true;
}

// Whether every range starts within a file of `size` bytes (a suffix range "-N" needs N > 0):
// httplib would answer a range past the end with a bare 416 in the file's own type.
bool RangesFit(const httplib::Ranges& ranges, std::size_t size) {
  for (const auto& [first, last] : ranges) {
    const bool fits = first < 0
                          ? last > 0 && size > 0
                          : static_cast<std::size_t>(first) < size && (last < 0 || first <= last);
    if (!fits) return false;
  }
  return true;
}

// A request's parsed ranges, dropped: httplib applies them to whatever the answer is, an error's
// JSON included. The request object is httplib's own (not const).
void DropRanges(const httplib::Request& req) { const_cast<httplib::Request&>(req).ranges.clear(); }

}  // namespace

struct Server::Impl {
  Impl(search::SearcherPool& p, ServerOptions o) : pool(p), options(std::move(o)) {}

  // "<8 hex digits of this server>-<sequence>": unique across restarts in practice.
  std::string NextRequestId();
  const unsigned instance_tag = static_cast<unsigned>(
      std::chrono::steady_clock::now().time_since_epoch().count() ^ ::getpid());
  std::atomic<std::uint64_t> next_request{0};

  void InstallRoutes();
  // The public routes (kPublicRoutes), each with a Searcher leased for the request.
  void Search(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void Passages(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void Document(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void DocumentFile(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void Suggest(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void Health(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void CatalogRoute(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void MetricsPage(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void OpenApi(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void SitemapRoute(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  void OpenSearch(search::Searcher& s, const httplib::Request& req, httplib::Response& res);
  // format=atom on /api/search.
  static constexpr int kFeedSize = 30;
  void SendAtom(search::Searcher& s, const httplib::Request& req, search::SearchRequest request,
                httplib::Response& res);

  struct PublicRoute {
    std::string_view path;
    void (Impl::*handler)(search::Searcher&, const httplib::Request&, httplib::Response&);
  };
  static const PublicRoute kPublicRoutes[];
  // "/api/search, /api/documents/{id}, ..." for the 404 answer.
  static std::string KnownRoutes();
  // options.public_url without a trailing '/', or http:// + the --listen address.
  std::string PublicUrl() const {
    std::string url = options.public_url;
    if (url.empty()) url = "http://" + options.host + ":" + std::to_string(options.port);
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }
  void Log(const httplib::Request& req, const httplib::Response& res);
  // The web page for /?doc=ID with the document's citation metadata (citation_* meta tags in
  // its head, a COinS span in its body) for reference managers; false when there is no such
  // public document or no web page, and the static page answers as usual.
  bool DocumentPage(const httplib::Request& req, httplib::Response& res);

  search::SearcherPool& pool;
  ServerOptions options;
  GuardedServer server{options.connections};
  Metrics metrics;
  EditorService editor{pool, options.editor};
  // The worker queue of the current listen(); httplib owns it.
  std::atomic<BoundedTaskQueue*> queue{nullptr};
  // The socket httplib last created for bind_to_port: after a successful bind, the listening one.
  int listen_socket = -1;
};

void Server::Impl::Search(search::Searcher& s, const httplib::Request& req,
                          httplib::Response& res) {
  auto format = FormatOf(req);
  if (!format.ok()) return SendError(res, format.status());
  auto separator = CsvSeparatorOf(req, *format);
  if (!separator.ok()) return SendError(res, separator.status());
  const bool citations = *format != ExportFormat::kJson && *format != ExportFormat::kAtom;
  // `format` is how to answer, not what to search for: the engine never sees it.
  // The passages a user marked go along with an export of the list, first.
  auto marks = MarksOf(req);
  if (!marks.ok()) return SendError(res, marks.status());
  if (!citations && !marks->empty()) {
    return SendError(res, InvalidParameter("passage",
                                           "alleen bij een export; geef ook "
                                           "format=ris, bibtex, csv of apa"));
  }
  search::QueryParams params = ParamsOf(req);
  std::erase_if(params, [citations](const auto& p) {
    return p.first == "format" || p.first == "passage" || p.first == "separator" ||
           (citations && p.first == "size");
  });
  auto request = search::ParseSearchRequest(params);
  if (!request.ok()) return SendError(res, request.status());
  if (*format == ExportFormat::kJson) {
    auto result = s.Search(*request);
    if (!result.ok()) return SendError(res, result.status());
    return SendJson(res, SearchResultJson(*result));
  }
  request->facets = false;
  if (*format == ExportFormat::kAtom) return SendAtom(s, req, *request, res);

  // An export holds every match (up to kMaxExport), each record as the document's own export.
  auto size = ExportSizeOf(req);
  if (!size.ok()) return SendError(res, size.status());
  request->size = size->first;
  request->metadata_only = true;
  auto result = s.Search(*request);
  if (!result.ok()) return SendError(res, result.status());
  std::vector<CitationRecord> records;
  if (!marks->empty()) {
    auto marked = s.Marked(*marks);
    if (!marked.ok()) return SendError(res, marked.status());
    for (const search::MarkedPassage& m : *marked) {
      // Hidden documents stay hidden: their passages are left out as if they were gone.
      auto detail = s.GetDocument(m.id);
      if (!detail.ok()) continue;
      CitationRecord record = CitationOf(detail->document);
      record.page = m.page;
      record.quote = m.text;
      records.push_back(std::move(record));
    }
  }
  for (const StoredDocument& doc : result->documents) records.push_back(CitationOf(doc));
  res.set_header("X-Total-Count", std::to_string(result->total));
  res.set_header("X-Export-Count", std::to_string(result->documents.size()));
  if (size->second) {
    res.set_header("X-Export-Clamped", "size is teruggebracht tot " +
                                           std::to_string(search::SearchRequest::kMaxExport));
  }
  SendExport(res, *format, records, "zoekresultaten", PublicUrl(), *separator);
}

void Server::Impl::SendAtom(search::Searcher& s, const httplib::Request& req,
                            search::SearchRequest request, httplib::Response& res) {
  // A feed shows what arrived last unless its reader asked for another order.
  if (!request.sort) request.sort = search::SortOrder::kAdded;
  if (!req.has_param("size")) request.size = kFeedSize;
  auto result = s.Search(request);
  if (!result.ok()) return SendError(res, result.status());
  auto info = s.Info();
  FeedContext context;
  // The feed's own address is its id: the same search, format=atom, without paging noise.
  std::string query;
  std::string page_query;
  for (const auto& [name, value] : req.params) {
    if (search::IsIgnoredParameter(name)) continue;
    query += (query.empty() ? "?" : "&") + name + "=" + httplib::detail::encode_query_param(value);
    if (name != "format" && name != "size" && name != "page") {
      page_query += (page_query.empty() ? "?" : "&") + name + "=" +
                    httplib::detail::encode_query_param(value);
    }
  }
  context.self_url = PublicUrl() + "/api/search" + query;
  context.page_url = PublicUrl() + "/" + page_query;
  context.title = request.q.empty() ? "Wat weten we al? — nieuwe documenten"
                                    : "Wat weten we al? — " + request.q;
  if (info.ok()) context.fallback_updated = info->last_update;
  ExportLinks links;
  links.origin = PublicUrl();
  res.status = 200;
  res.set_content(AtomFeed(*result, context, links),
                  std::string(ExportContentType(ExportFormat::kAtom)).c_str());
}

void Server::Impl::Passages(search::Searcher& s, const httplib::Request& req,
                            httplib::Response& res) {
  auto request = search::ParseSearchRequest(ParamsOf(req));
  if (!request.ok()) return SendError(res, request.status());
  auto result = s.Passages(*request);
  if (!result.ok()) return SendError(res, result.status());
  SendJson(res, PassagesJson(*result));
}

void Server::Impl::Document(search::Searcher& s, const httplib::Request& req,
                            httplib::Response& res) {
  if (Status st = OnlyParameter(req, {"format", "page", "separator"}); !st.ok()) {
    return SendError(res, st);
  }
  auto format = FormatOf(req);
  if (!format.ok()) return SendError(res, format.status());
  if (*format == ExportFormat::kAtom) {
    return SendError(res, InvalidParameter("format",
                                           "atom is er alleen voor /api/search; kies ris, "
                                           "bibtex, csv of apa"));
  }
  auto separator = CsvSeparatorOf(req, *format);
  if (!separator.ok()) return SendError(res, separator.status());
  auto detail = s.GetDocument(req.matches[1].str());
  if (!detail.ok()) return SendError(res, detail.status());
  const StoredDocument& doc = detail->document;
  // `page`: the citation of one page (SP in RIS, pages in BibTeX, "(p. N)" in APA).
  auto page = CitedPage(req, doc.pages.size());
  if (!page.ok()) return SendError(res, page.status());
  if (*format == ExportFormat::kJson) {
    if (*page > 0) {
      return SendError(res, InvalidParameter("page",
                                             "alleen bij een export; geef ook format=ris, "
                                             "bibtex, csv of apa"));
    }
    // The citation metadata, so the page sets the same citation_* tags when it opens a
    // document itself as a direct load of /?doc=ID gets in its HTML.
    nlohmann::json body = DocumentObject(*detail);
    ExportLinks links;
    links.origin = PublicUrl();
    const CitationMeta meta = DocumentCitationMeta(CitationOf(doc), links);
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& [name, content] : meta.tags)
      tags.push_back({{"name", name}, {"content", content}});
    body["citation"] = {{"meta", std::move(tags)}, {"coins", meta.coins}};
    return SendJson(res, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  CitationRecord record = CitationOf(doc);
  record.page = *page;
  SendExport(res, *format, {record}, FileStem(doc.title, "document-" + doc.id), PublicUrl(),
             *separator);
}

void Server::Impl::DocumentFile(search::Searcher& s, const httplib::Request& req,
                                httplib::Response& res) {
  if (Status st = OnlyParameter(req); !st.ok()) return SendError(res, st);
  // The path comes from the index, looked up by id; nothing of the request becomes part of a
  // path.
  auto path = s.DocumentFile(req.matches[1].str());
  if (!path.ok()) return SendError(res, path.status());
  std::ifstream in(*path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    return SendError(res, Status::NotFound("het bestand van document '" + req.matches[1].str() +
                                           "' is niet te lezen; probeer het later opnieuw"));
  }
  std::string body = bytes.str();
  if (!RangesFit(req.ranges, body.size())) {
    DropRanges(req);
    res.set_header("Content-Range", "bytes */" + std::to_string(body.size()));
    return SendError(res, ProtocolError::kRangeNotSatisfiable,
                     "het gevraagde bereik (Range) valt buiten het bestand van " +
                         std::to_string(body.size()) +
                         " bytes; vraag een bereik binnen het bestand");
  }
  std::string name = path->filename().string();
  for (char& c : name) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  res.set_header("Content-Disposition", "inline; filename=\"" + name + "\"");
  const std::string type = ContentTypeFor(*path, body);
  res.set_content(std::move(body), type.c_str());
}

void Server::Impl::Suggest(search::Searcher& s, const httplib::Request& req,
                           httplib::Response& res) {
  if (Status st = OnlyParameter(req, {"q"}); !st.ok()) return SendError(res, st);
  const std::string q = req.get_param_value("q");
  if (q.size() > 200) {
    return SendError(res, InvalidParameter("q", "langer dan 200 bytes; typ minder tekens"));
  }
  auto suggestions = s.Suggest(q);
  if (!suggestions.ok()) return SendError(res, suggestions.status());
  SendJson(res, SuggestionsJson(q, *suggestions));
}

void Server::Impl::Health(search::Searcher& s, const httplib::Request& req,
                          httplib::Response& res) {
  if (Status st = OnlyParameter(req); !st.ok()) return SendError(res, st);
  auto info = s.Info();
  if (!info.ok()) return SendError(res, info.status());
  SendJson(res, HealthJson(*info));
}

void Server::Impl::CatalogRoute(search::Searcher& s, const httplib::Request& req,
                                httplib::Response& res) {
  if (Status st = OnlyParameter(req); !st.ok()) return SendError(res, st);
  SendJson(res, CatalogJson(s.catalog()));
}

void Server::Impl::MetricsPage(search::Searcher& s, const httplib::Request&,
                               httplib::Response& res) {
  auto info = s.Info();
  res.set_content(metrics.Render(info.ok() ? &*info : nullptr),
                  "text/plain; version=0.0.4; charset=utf-8");
}

void Server::Impl::OpenApi(search::Searcher&, const httplib::Request& req, httplib::Response& res) {
  if (Status st = OnlyParameter(req); !st.ok()) return SendError(res, st);
  res.set_content(std::string(OpenApiDescription()), "application/json; charset=utf-8");
}

void Server::Impl::SitemapRoute(search::Searcher& s, const httplib::Request& req,
                                httplib::Response& res) {
  if (Status st = OnlyParameter(req, {"page"}); !st.ok()) return SendError(res, st);
  ExportLinks links;
  links.origin = PublicUrl();
  auto first = s.List(0, 0);  // the count alone
  if (!first.ok()) return SendError(res, first.status());
  std::string body;
  if (req.has_param("page")) {
    const int pages = static_cast<int>((first->total + kSitemapPageSize - 1) / kSitemapPageSize);
    auto page =
        search::ParseIntParameter("page", req.get_param_value("page"), 1, std::max(pages, 1));
    if (!page.ok()) return SendError(res, page.status());
    auto listing = s.List(static_cast<size_t>(*page - 1) * kSitemapPageSize, kSitemapPageSize);
    if (!listing.ok()) return SendError(res, listing.status());
    body = Sitemap(*listing, links);
  } else {
    // More documents than one sitemap may hold: an index of numbered sitemaps.
    if (first->total > kSitemapPageSize) {
      body = SitemapIndex(first->total, links);
    } else {
      auto all = s.List(0, kSitemapPageSize);
      if (!all.ok()) return SendError(res, all.status());
      body = Sitemap(*all, links);
    }
  }
  res.set_content(std::move(body), "application/xml; charset=utf-8");
}

void Server::Impl::OpenSearch(search::Searcher&, const httplib::Request& req,
                              httplib::Response& res) {
  if (Status st = OnlyParameter(req); !st.ok()) return SendError(res, st);
  ExportLinks links;
  links.origin = PublicUrl();
  res.set_content(OpenSearchDescription(links),
                  "application/opensearchdescription+xml; charset=utf-8");
}

// One line per public route (all GET; the editors' routes are in editor_api.cpp). A route
// missing here does not exist, and the 404 answer lists these.
const Server::Impl::PublicRoute Server::Impl::kPublicRoutes[] = {
    {"/api/search", &Impl::Search},           {"/api/passages", &Impl::Passages},
    {"/api/documents/{id}", &Impl::Document}, {"/api/documents/{id}/file", &Impl::DocumentFile},
    {"/api/suggest", &Impl::Suggest},         {"/api/health", &Impl::Health},
    {"/api/catalog", &Impl::CatalogRoute},    {"/api/openapi.json", &Impl::OpenApi},
    {"/metrics", &Impl::MetricsPage},         {"/sitemap.xml", &Impl::SitemapRoute},
    {"/opensearch.xml", &Impl::OpenSearch},
};

std::vector<PublicRouteInfo> Server::PublicRoutes() {
  std::vector<PublicRouteInfo> out;
  for (const Server::Impl::PublicRoute& route : Server::Impl::kPublicRoutes) {
    out.push_back({"GET", route.path});
  }
  return out;
}

std::string Server::Impl::KnownRoutes() {
  std::string out;
  for (const PublicRoute& route : kPublicRoutes) {
    out += (out.empty() ? "" : ", ") + std::string(route.path);
  }
  return out + " en de redactieroutes onder /api/editor/";
}

void Server::Impl::InstallRoutes() {
  for (const PublicRoute& route : kPublicRoutes) {
    server.Get(RoutePattern(route.path),
               [this, route](const httplib::Request& req, httplib::Response& res) {
                 auto lease = pool.Acquire();
                 // The answer of a public route changes only with the index (and the program):
                 // a client that has it is told so without a search (304).
                 const bool live = route.path == "/metrics" || route.path == "/api/health";
                 auto revision = lease->Revision();
                 if (!live && revision.ok()) {
                   const std::string etag = WeakEtag(*revision, req);
                   if (IfNoneMatchHits(req, etag)) {
                     res.status = 304;
                     res.set_header("ETag", etag);
                     return;
                   }
                   (this->*route.handler)(*lease, req, res);
                   // httplib makes an unset status (-1) a 200 after the handler.
                   if (res.status == 200 || res.status == -1) res.set_header("ETag", etag);
                   return;
                 }
                 (this->*route.handler)(*lease, req, res);
               });
  }
  // CORS preflights of the public API; the editors' routes answer no other origin.
  server.Options(R"(/api/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/editor", 0) == 0) {
      res.status = 204;
      res.set_header("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      return;
    }
    AnswerPreflight(req, res, options.cors_origins);
  });
  editor.Install(server);
  // The editors' page at /redactie as well as /redactie/ (the static mount only knows the
  // latter).
  server.Get(R"(/redactie/?)", [this](const httplib::Request& req, httplib::Response& res) {
    const std::filesystem::path page = options.web_dir / "redactie" / "index.html";
    std::ifstream in(page, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (options.web_dir.empty() || !in) {
      return SendError(res, kb::Status::NotFound("de redactiepagina ontbreekt (" + req.path + ")"));
    }
    res.set_content(bytes.str(), "text/html; charset=utf-8");
  });

  // Other methods on the API get 405 (and bodies over the limit 413 before that).
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "GET");
    SendError(res, ProtocolError::kMethodNotAllowed,
              "de methode " + req.method + " is niet toegestaan op " + req.path.substr(0, 200) +
                  "; gebruik GET");
  };
  server.Post(R"(/api/.*)", not_allowed);
  server.Put(R"(/api/.*)", not_allowed);
  server.Delete(R"(/api/.*)", not_allowed);
  server.Patch(R"(/api/.*)", not_allowed);

  if (!options.web_dir.empty()) server.set_mount_point("/", options.web_dir.string());
}

bool Server::Impl::DocumentPage(const httplib::Request& req, httplib::Response& res) {
  if (options.web_dir.empty() || req.get_param_value_count("doc") != 1) return false;
  std::ifstream in(options.web_dir / "index.html", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string page = bytes.str();
  const size_t head_end = page.find("</head>");
  const size_t body_start = page.find("<body");
  if (!in || head_end == std::string::npos || body_start == std::string::npos) return false;
  auto lease = pool.Acquire();
  auto detail = lease->GetDocument(req.get_param_value("doc"));
  if (!detail.ok()) return false;
  ExportLinks links;
  links.origin = PublicUrl();
  const CitationRecord record = CitationOf(detail->document);
  const CitationMarkup markup = DocumentCitationMarkup(record, links);
  const size_t body_open = page.find('>', body_start);
  if (body_open == std::string::npos || body_open < head_end) return false;
  page.insert(body_open + 1, "\n" + markup.body);
  page.insert(head_end, markup.head);
  // The tab and a bookmark name the document.
  if (const size_t open = page.find("<title>"), close = page.find("</title>");
      open != std::string::npos && close != std::string::npos && open < close) {
    page.replace(open + 7, close - open - 7, XmlEscape(record.title) + " — Wat weten we al?");
  }
  res.status = 200;
  res.set_content(std::move(page), "text/html; charset=utf-8");
  return true;
}

void Server::Impl::Log(const httplib::Request& req, const httplib::Response& res) {
  const double seconds = request_start == Clock::time_point{}
                             ? 0.0
                             : std::chrono::duration<double>(Clock::now() - request_start).count();
  request_start = Clock::time_point{};
  metrics.Record(RouteOf(req.path), res.status, seconds);
  if (!options.access_log) return;
  std::string target = req.target.empty() ? req.path : req.target;
  if (target.size() > 400) target.resize(400);
  const std::string id = std::exchange(request_id, std::string());
  const std::string route(RouteOf(req.path));
  if (options.log_format == ServerOptions::LogFormat::kJson) {
    const nlohmann::json line = {{"time", UtcTimestamp()},
                                 {"remote", req.remote_addr},
                                 {"method", req.method},
                                 {"target", target},
                                 {"route", route},
                                 {"status", res.status},
                                 {"bytes", res.body.size()},
                                 {"ms", seconds * 1000},
                                 {"id", id}};
    std::fprintf(stderr, "%s\n",
                 line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return;
  }
  std::fprintf(stderr, "%s %s \"%s %s\" %s %d %zu %.2fms id=%s\n", UtcTimestamp().c_str(),
               req.remote_addr.c_str(), req.method.c_str(), target.c_str(), route.c_str(),
               res.status, res.body.size(), seconds * 1000, id.c_str());
}

std::string Server::Impl::NextRequestId() {
  char id[24];
  std::snprintf(id, sizeof id, "%08x-%llx", instance_tag,
                static_cast<unsigned long long>(next_request.fetch_add(1) + 1));
  return id;
}

Server::Server(search::SearcherPool& pool, ServerOptions options)
    : impl_(std::make_unique<Impl>(pool, std::move(options))) {
  GuardedServer& s = impl_->server;
  const size_t threads = impl_->options.threads;
  const size_t max_queued = impl_->options.max_queued;
  // httplib takes ownership of the queue it is handed and deletes it.
  s.new_task_queue = [impl = impl_.get(), threads, max_queued] {
    auto* queue = new BoundedTaskQueue(threads, max_queued);
    impl->queue.store(queue);
    impl->server.AttachQueue(queue);
    return queue;
  };
  // httplib has one body limit for all routes: it is the upload's, and pre-routing holds every
  // other route to max_body_bytes before the body is read.
  const size_t max_body = impl_->options.max_body_bytes;
  const size_t upload_limit = impl_->options.editor.max_upload_bytes + (1u << 20);  // + multipart
  s.set_payload_max_length(std::max(max_body, upload_limit));
  // Kept-alive connections wait for their next request parked, without a worker, for
  // options.connections.idle_time (see GuardedServer).
  s.set_keep_alive_max_count(1000);
  // Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus delayed ACKs
  // add ~40 ms to every keep-alive response.
  s.set_tcp_nodelay(true);
  s.set_read_timeout(5, 0);  // GuardedServer's request deadlines apply instead
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let a second kb-searchd bind the
  // same port and silently take half of the connections.
  s.set_socket_options([impl = impl_.get()](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->listen_socket = sock;
  });
  s.set_pre_routing_handler(
      [max_body, impl = impl_.get()](const httplib::Request& req, httplib::Response& res) {
        request_start = Clock::now();
        const std::string given = req.get_header_value("X-Request-Id");
        request_id = IsSaneRequestId(given) ? given : impl->NextRequestId();
        res.set_header("X-Request-Id", request_id);
        if (req.path == "/" && req.method == "GET" && req.has_param("doc") &&
            impl->DocumentPage(req, res)) {
          return httplib::Server::HandlerResponse::Handled;
        }
        if (req.headers.size() > kMaxHeaderCount) {
          SendError(res, ProtocolError::kHeadersTooLarge,
                    "te veel headers (hoogstens " + std::to_string(kMaxHeaderCount) +
                        "); stuur alleen de headers die nodig zijn");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!RangesAreSane(req.ranges)) DropRanges(req);  // the answer is the whole body
        if (req.path == kUploadRoute && req.method == "POST") {
          // Authenticated before its body is read: a refused upload costs its headers only.
          return impl->editor.RefuseUploadBeforeBody(req, res)
                     ? httplib::Server::HandlerResponse::Handled
                     : httplib::Server::HandlerResponse::Unhandled;
        }
        const bool chunked =
            req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
        const std::string length = req.get_header_value("Content-Length");
        if (chunked || (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > max_body)) {
          SendError(res, kb::Status::TooLarge("de body is te groot (hoogstens " +
                                              std::to_string(max_body / 1024) + " KB)"));
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  // Static files: every text type says its charset; GeoJSON is application/geo+json.
  for (const auto& [extension, type] :
       {std::pair{"html", "text/html; charset=utf-8"}, std::pair{"css", "text/css; charset=utf-8"},
        std::pair{"js", "text/javascript; charset=utf-8"},
        std::pair{"mjs", "text/javascript; charset=utf-8"},
        std::pair{"json", "application/json; charset=utf-8"},
        std::pair{"geojson", "application/geo+json; charset=utf-8"},
        std::pair{"svg", "image/svg+xml; charset=utf-8"},
        std::pair{"txt", "text/plain; charset=utf-8"},
        std::pair{"md", "text/markdown; charset=utf-8"}}) {
    s.set_file_extension_and_mimetype_mapping(extension, type);
  }
  s.set_post_routing_handler(
      [impl = impl_.get()](const httplib::Request& req, httplib::Response& res) {
        const bool api = req.path.rfind("/api/", 0) == 0;
        const bool editors = req.path.rfind("/api/editor", 0) == 0;
        if (api && !editors) AddCorsHeaders(req, res, impl->options.cors_origins);
        if (!res.has_header("Cache-Control")) {
          // The public API revalidates with its ETag; live figures, errors and everything of the
          // editors are never stored; static files may be kept five minutes.
          const bool live = req.path == "/metrics" || req.path == "/api/health";
          if (editors || live || res.status >= 400) {
            res.set_header("Cache-Control", "no-store");
          } else if (res.has_header("ETag")) {
            res.set_header("Cache-Control", "public, no-cache");
          } else if (!api && req.path != "/" && req.path.find(".html") == std::string::npos) {
            res.set_header("Cache-Control", "public, max-age=300");
          } else {
            res.set_header("Cache-Control", "no-cache");
          }
        }
        GzipResponse(req, res);
        // No page of ours may be framed by another site (clickjacking), run a script or
        // style from elsewhere, or leak its URL (the query) to the sites it links to.
        res.set_header("Content-Security-Policy", kContentSecurityPolicy);
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
      });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    DropRanges(req);  // an error's JSON goes whole, never cut into the ranges asked for
    if (!res.body.empty()) return;
    std::string message = res.status == 404
                              ? "onbekende route: " + req.method + " " + req.path.substr(0, 200) +
                                    "; de API kent " + Impl::KnownRoutes()
                              : "het verzoek kan niet worden verwerkt (HTTP " +
                                    std::to_string(res.status) +
                                    "); controleer de URL en probeer het opnieuw";
    if (res.status == 413) {
      message = req.path == kUploadRoute
                    ? "de upload is te groot; zie kb-searchd --max-upload-mb"
                    : "de body van het verzoek is te groot; de API verwacht geen body";
    }
    SendLibraryError(res, message);
  });
  s.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "onbekende fout";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        SendError(res, Status::Internal("interne fout (" + what + "); probeer het later opnieuw"));
      });
  s.set_logger([impl = impl_.get()](const httplib::Request& req, const httplib::Response& res) {
    impl->Log(req, res);
  });
  impl_->InstallRoutes();
}

Server::~Server() { Stop(); }

Result<int> Server::Bind() {
  httplib::Server& s = impl_->server;
  const std::string& host = impl_->options.host;
  int port = impl_->options.port;
  if (port == 0) {
    port = s.bind_to_any_port(host);
    if (port < 0) return Status::Unavailable("cannot listen on " + host + ": no free port");
    impl_->options.port = port;  // for PublicUrl()
  } else if (!s.bind_to_port(host, port)) {
    return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) +
                               "; is another kb-searchd running? choose another --listen");
  }
  // httplib listens with a backlog of 5. When more clients connect at once, Linux drops their
  // SYNs and they retry after 1 s, then 3 s. Listening again on a listening socket only sets
  // its backlog (Linux), so this raises it to the system's limit (net.core.somaxconn).
  if (impl_->listen_socket >= 0 && ::listen(impl_->listen_socket, SOMAXCONN) != 0) {
    return Status::Unavailable("cannot raise the listen backlog on " + host + ": " +
                               std::strerror(errno));
  }
  return port;
}

Status Server::Serve() {
  if (!impl_->server.listen_after_bind()) {
    return Status::Unavailable("the server stopped listening unexpectedly");
  }
  return Status::Ok();
}

void Server::Stop() { impl_->server.stop(); }

bool Server::running() const { return impl_->server.is_running(); }

}  // namespace kb::http

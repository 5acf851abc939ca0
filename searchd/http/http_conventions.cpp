#include "kb/http/http_conventions.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

#include "kb/core/fnv_hash.h"
#include "kb/core/version.h"
#include "split_list.h"

namespace kb::http {

namespace {

constexpr size_t kMinGzipBytes = 1024;

// The headers a script on another origin may read from our answers.
constexpr const char* kExposedHeaders =
    "ETag, X-Request-Id, X-Total-Count, X-Export-Count, X-Export-Clamped, Content-Disposition";
// The request headers a page on another origin may send (besides the CORS-safelisted ones).
constexpr std::string_view kAllowedRequestHeaders[] = {"if-none-match", "x-request-id", "accept",
                                                       "accept-language", "cache-control"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> CommaList(std::string_view value) { return SplitList(value, ','); }

// The types httplib compresses itself (text/*, and a few exact types without parameters).
bool HttplibCompresses(std::string_view type) { return type.rfind("text/", 0) == 0; }

bool Compressible(std::string_view type) {
  if (HttplibCompresses(type)) return false;
  for (std::string_view t :
       {"application/json", "application/geo+json", "application/atom+xml", "application/xml",
        "application/opensearchdescription+xml", "application/x-research-info-systems",
        "application/x-bibtex", "image/svg+xml", "application/javascript"}) {
    if (type.rfind(t, 0) == 0) return true;
  }
  return false;
}

bool AcceptsGzip(const httplib::Request& req) {
  for (const std::string& coding : CommaList(req.get_header_value("Accept-Encoding"))) {
    const std::string lower = Lower(coding);
    if (lower.rfind("gzip", 0) != 0) continue;
    // "gzip;q=0" refuses it.
    const size_t q = lower.find("q=");
    if (q != std::string::npos && std::strtod(lower.c_str() + q + 2, nullptr) <= 0.0) return false;
    return true;
  }
  return false;
}

bool OriginAllowed(const std::string& origin, const std::vector<std::string>& origins) {
  if (origin.empty()) return false;
  return std::find(origins.begin(), origins.end(), "*") != origins.end() ||
         std::find(origins.begin(), origins.end(), origin) != origins.end();
}

void AppendVary(httplib::Response& res, std::string_view field) {
  std::string vary = res.get_header_value("Vary");
  if (Lower(vary).find(Lower(field)) != std::string::npos) return;
  vary += (vary.empty() ? "" : ", ") + std::string(field);
  res.set_header("Vary", vary);
}

}  // namespace

std::string WeakEtag(std::string_view revision, const httplib::Request& req) {
  Fnv1a64 hash;
  hash.Update(kVersion);
  hash.Update("\n");
  hash.Update(revision);
  hash.Update("\n");
  hash.Update(req.path);
  // httplib keeps parameters in a multimap: sorted by name, each name's values in request order.
  for (const auto& [name, value] : req.params) {
    hash.Update("\n");
    hash.Update(name);
    hash.Update("=");
    hash.Update(value);
  }
  return "W/\"" + hash.HexDigest() + "\"";
}

bool IfNoneMatchHits(const httplib::Request& req, std::string_view etag) {
  const std::string header = req.get_header_value("If-None-Match");
  if (header.empty()) return false;
  const auto opaque = [](std::string_view tag) {
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    return tag;
  };
  for (const std::string& tag : CommaList(header)) {
    if (tag == "*" || opaque(tag) == opaque(etag)) return true;
  }
  return false;
}

bool GzipResponse(const httplib::Request& req, httplib::Response& res) {
  if (res.body.size() < kMinGzipBytes || !req.ranges.empty() ||
      res.has_header("Content-Encoding")) {
    return false;
  }
  if (!Compressible(res.get_header_value("Content-Type"))) return false;
  AppendVary(res, "Accept-Encoding");
  if (!AcceptsGzip(req)) return false;
  z_stream stream{};
  // windowBits 15 + 16: a gzip wrapper, not zlib's.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return false;
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(res.body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(res.body.data());
  stream.avail_in = static_cast<uInt>(res.body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  const size_t written = out.size() - stream.avail_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return false;
  out.resize(written);
  res.body = std::move(out);
  res.set_header("Content-Encoding", "gzip");
  // httplib has counted the body before the post-routing step that runs this.
  if (res.has_header("Content-Length")) {
    res.headers.erase("Content-Length");
    res.set_header("Content-Length", std::to_string(res.body.size()));
  }
  return true;
}

void AddCorsHeaders(const httplib::Request& req, httplib::Response& res,
                    const std::vector<std::string>& origins) {
  if (origins.empty() || res.has_header("Access-Control-Allow-Origin")) return;
  const bool any = std::find(origins.begin(), origins.end(), "*") != origins.end();
  // The answer depends on Origin when only some origins are allowed.
  if (!any) AppendVary(res, "Origin");
  const std::string origin = req.get_header_value("Origin");
  if (!OriginAllowed(origin, origins)) return;
  res.set_header("Access-Control-Allow-Origin", any ? std::string("*") : origin);
  res.set_header("Access-Control-Expose-Headers", kExposedHeaders);
}

void AnswerPreflight(const httplib::Request& req, httplib::Response& res,
                     const std::vector<std::string>& origins) {
  res.status = 204;
  res.set_header("Allow", "GET, HEAD, OPTIONS");
  const std::string method = req.get_header_value("Access-Control-Request-Method");
  if (origins.empty() || method.empty()) return;
  AddCorsHeaders(req, res, origins);
  if (!res.has_header("Access-Control-Allow-Origin")) return;
  res.set_header("Access-Control-Allow-Methods", "GET, HEAD");
  std::string allowed;
  for (const std::string& h : CommaList(req.get_header_value("Access-Control-Request-Headers"))) {
    const std::string lower = Lower(h);
    if (std::find(std::begin(kAllowedRequestHeaders), std::end(kAllowedRequestHeaders), lower) ==
        std::end(kAllowedRequestHeaders)) {
      continue;
    }
    allowed += (allowed.empty() ? "" : ", ") + lower;
  }
  if (!allowed.empty()) res.set_header("Access-Control-Allow-Headers", allowed);
  res.set_header("Access-Control-Max-Age", "600");
}

}  // namespace kb::http

// The HTTP conventions every client expects of a public API, kept apart from the routes:
// validators (weak ETags from the index revision, If-None-Match), gzip for the types httplib
// leaves alone (JSON, GeoJSON, XML, exports) and CORS for the public GET routes.
//
// httplib compresses only the exact types it knows ("application/json" without a charset
// parameter fails its check), so responses of type application/* are compressed here, in the
// post-routing step, and text/* is left to httplib. Thread-safe, stateless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace kb::http {

// W/"<16 hex digits>": a hash of the program version, the index revision and the request's path
// and parameters. Weak, because one revision's answer may be sent gzipped or not.
std::string WeakEtag(std::string_view revision, const httplib::Request& req);

// Whether If-None-Match names `etag` (or is "*"), by weak comparison (RFC 9110 13.1.2).
bool IfNoneMatchHits(const httplib::Request& req, std::string_view etag);

// Compresses res.body with gzip when the client accepts it, the body is at least 1 KiB, the
// answer is not a range and its type is one httplib does not compress itself; sets
// Content-Encoding and Vary. Returns whether it did.
bool GzipResponse(const httplib::Request& req, httplib::Response& res);

// CORS on an answer of the public API: Access-Control-Allow-Origin for an allowed Origin ("*" in
// `origins` allows any; the answer then says "*"), the headers a script may read, and Vary.
void AddCorsHeaders(const httplib::Request& req, httplib::Response& res,
                    const std::vector<std::string>& origins);

// A CORS preflight (OPTIONS) of the public API: 204 with the allowed method (GET, HEAD), the
// request headers a page may send (If-None-Match, X-Request-Id, Accept, Accept-Language) and a
// max age; only the Allow header when the origin is not allowed or none was given.
void AnswerPreflight(const httplib::Request& req, httplib::Response& res,
                     const std::vector<std::string>& origins);

}  // namespace kb::http

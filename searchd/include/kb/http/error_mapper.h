// The one place where an engine error becomes an HTTP status, and the JSON body every error has:
// {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "kb/core/status.h"

namespace httplib {
struct Response;
}

namespace kb::http {

// InvalidArgument 400, NotFound 404, Unavailable 503, Internal 500.
int HttpStatusFor(ErrorKind kind);
// "invalid_argument", "not_found", "unavailable", "internal".
std::string_view ErrorCodeFor(ErrorKind kind);
// A machine-readable code for statuses the HTTP layer produces itself (401 unauthenticated,
// 403 forbidden, 404 route_not_found, 405 method_not_allowed, 409 conflict, 413
// payload_too_large, 429 too_many_attempts, 400 bad_request, ...).
std::string_view ErrorCodeForHttpStatus(int status);

std::string ErrorJson(std::string_view code, std::string_view message);

// The two ways an error answer leaves kb-searchd, public and editors' routes alike: an engine
// Status (its kind decides the HTTP status and code), or a status the HTTP layer decides itself
// (a refused login, a body too large, an unknown route), with `code` defaulting to
// ErrorCodeForHttpStatus and Retry-After sent when `retry_after` is positive.
void SendError(httplib::Response& res, const Status& status);
void SendHttpError(httplib::Response& res, int http_status, std::string_view message,
                   std::string_view code = {}, std::chrono::seconds retry_after = {});

}  // namespace kb::http

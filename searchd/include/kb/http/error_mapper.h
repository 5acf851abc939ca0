// The one place where a refusal becomes an HTTP answer, and the JSON body every error has:
// {"error": {"code": "...", "message": "...", "param": "..."}} (param when the refusal names a
// parameter or field: Status::WithDetail). Codes: the kind's (below), or a precise one the
// refusal gives: unknown_parameter, invalid_value, out_of_range, repeated_parameter. Handlers never
// set an error status themselves: they send a Status (the engine's and the editors' refusals alike:
// its kind decides the HTTP status and code) or, for what only HTTP knows, a ProtocolError.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "kb/core/status.h"

namespace httplib {
struct Response;
}

namespace kb::http {

// What HTTP itself refuses before any engine work: an unknown route, a method the route does not
// take, an upload without Content-Length, too many headers, a Range outside the file.
enum class ProtocolError {
  kRouteNotFound,
  kMethodNotAllowed,
  kLengthRequired,
  kHeadersTooLarge,
  kRangeNotSatisfiable,
};

// InvalidArgument 400, Unauthenticated 401, PermissionDenied 403, NotFound 404,
// FailedPrecondition 409, TooLarge 413, RateLimited 429, Internal 500, Unavailable 503.
int HttpStatusFor(ErrorKind kind);
// "invalid_argument", "unauthenticated", "forbidden", "not_found", "conflict",
// "payload_too_large", "too_many_attempts", "internal", "unavailable".
std::string_view ErrorCodeFor(ErrorKind kind);

// {"error": {"code", "message", "param"}}: `param`, the parameter or field the error is about,
// only when there is one.
std::string ErrorJson(std::string_view code, std::string_view message, std::string_view param = {});

// What a refusal may add to its Status: a more precise code than its kind's ("no_upload_dir"
// for a FailedPrecondition), and the wait sent as Retry-After when positive.
struct ErrorDetail {
  std::string_view code;
  std::chrono::seconds retry_after{0};
};

// An engine or editors' Status: its kind decides the HTTP status.
void SendError(httplib::Response& res, const Status& status, const ErrorDetail& detail = {});
// 404 route_not_found, 405 method_not_allowed, 411 length_required, 431 headers_too_large,
// 416 range_not_satisfiable.
void SendError(httplib::Response& res, ProtocolError error, std::string_view message);
// An error httplib decided before any handler ran (a malformed request, a URI or body too
// long, no route): the status it set stays, with our body and a code for it.
void SendLibraryError(httplib::Response& res, std::string_view message);

}  // namespace kb::http

// The one place where an engine error becomes an HTTP status, and the JSON body every error has:
// {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <string>
#include <string_view>

#include "kb/core/status.h"

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

}  // namespace kb::http

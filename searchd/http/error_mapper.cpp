#include "kb/http/error_mapper.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace kb::http {

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

std::string_view ErrorCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

std::string_view ErrorCodeForHttpStatus(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthenticated";
    case 403:
      return "forbidden";
    case 404:
      return "route_not_found";
    case 409:
      return "conflict";
    case 405:
      return "method_not_allowed";
    case 411:
      return "length_required";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 429:
      return "too_many_attempts";
    case 431:
      return "headers_too_large";
    case 503:
      return "unavailable";
    default:
      return status < 500 ? "bad_request" : "internal";
  }
}

std::string ErrorJson(std::string_view code, std::string_view message) {
  nlohmann::json body;
  body["error"]["code"] = code;
  body["error"]["message"] = message;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
constexpr const char* kJsonType = "application/json; charset=utf-8";
}  // namespace

void SendError(httplib::Response& res, const Status& status) {
  res.status = HttpStatusFor(status.kind());
  res.set_content(ErrorJson(ErrorCodeFor(status.kind()), status.message()), kJsonType);
}

void SendHttpError(httplib::Response& res, int http_status, std::string_view message,
                   std::string_view code, std::chrono::seconds retry_after) {
  res.status = http_status;
  if (retry_after.count() > 0) res.set_header("Retry-After", std::to_string(retry_after.count()));
  res.set_content(ErrorJson(code.empty() ? ErrorCodeForHttpStatus(http_status) : code, message),
                  kJsonType);
}

}  // namespace kb::http

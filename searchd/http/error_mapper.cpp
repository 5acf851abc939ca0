#include "kb/http/error_mapper.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace kb::http {

namespace {

struct Answer {
  int status;
  std::string_view code;
};

Answer AnswerFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return {400, "invalid_argument"};
    case ErrorKind::kUnauthenticated:
      return {401, "unauthenticated"};
    case ErrorKind::kPermissionDenied:
      return {403, "forbidden"};
    case ErrorKind::kNotFound:
      return {404, "not_found"};
    case ErrorKind::kFailedPrecondition:
      return {409, "conflict"};
    case ErrorKind::kTooLarge:
      return {413, "payload_too_large"};
    case ErrorKind::kRateLimited:
      return {429, "too_many_attempts"};
    case ErrorKind::kUnavailable:
      return {503, "unavailable"};
    case ErrorKind::kInternal:
      break;
  }
  return {500, "internal"};
}

Answer AnswerFor(ProtocolError error) {
  switch (error) {
    case ProtocolError::kRouteNotFound:
      return {404, "route_not_found"};
    case ProtocolError::kMethodNotAllowed:
      return {405, "method_not_allowed"};
    case ProtocolError::kLengthRequired:
      return {411, "length_required"};
    case ProtocolError::kRangeNotSatisfiable:
      return {416, "range_not_satisfiable"};
    case ProtocolError::kHeadersTooLarge:
      break;
  }
  return {431, "headers_too_large"};
}

// The code for a status httplib chose itself.
std::string_view LibraryCode(int status) {
  switch (status) {
    case 404:
      return AnswerFor(ProtocolError::kRouteNotFound).code;
    case 413:
      return AnswerFor(ErrorKind::kTooLarge).code;
    case 414:
      return "uri_too_long";
    case 416:
      return AnswerFor(ProtocolError::kRangeNotSatisfiable).code;
    default:
      return status < 500 ? "bad_request" : "internal";
  }
}

constexpr const char* kJsonType = "application/json; charset=utf-8";

void Send(httplib::Response& res, int status, std::string_view code, std::string_view message,
          std::string_view param = {}) {
  res.status = status;
  res.set_content(ErrorJson(code, message, param), kJsonType);
}

}  // namespace

int HttpStatusFor(ErrorKind kind) { return AnswerFor(kind).status; }

std::string_view ErrorCodeFor(ErrorKind kind) { return AnswerFor(kind).code; }

std::string ErrorJson(std::string_view code, std::string_view message, std::string_view param) {
  nlohmann::json body;
  body["error"]["code"] = code;
  body["error"]["message"] = message;
  if (!param.empty()) body["error"]["param"] = param;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SendError(httplib::Response& res, const Status& status, const ErrorDetail& detail) {
  const Answer answer = AnswerFor(status.kind());
  if (detail.retry_after.count() > 0) {
    res.set_header("Retry-After", std::to_string(detail.retry_after.count()));
  }
  // The most precise code there is: the route's, the refusal's own, or its kind's.
  const std::string_view code = !detail.code.empty()     ? detail.code
                                : !status.code().empty() ? std::string_view(status.code())
                                                         : answer.code;
  Send(res, answer.status, code, status.message(), status.param());
}

void SendError(httplib::Response& res, ProtocolError error, std::string_view message) {
  const Answer answer = AnswerFor(error);
  Send(res, answer.status, answer.code, message);
}

void SendLibraryError(httplib::Response& res, std::string_view message) {
  Send(res, res.status, LibraryCode(res.status), message);
}

}  // namespace kb::http

#include "kb/core/status.h"

namespace kb {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "InvalidArgument";
    case ErrorKind::kNotFound:
      return "NotFound";
    case ErrorKind::kUnavailable:
      return "Unavailable";
    case ErrorKind::kInternal:
      return "Internal";
    case ErrorKind::kUnauthenticated:
      return "Unauthenticated";
    case ErrorKind::kPermissionDenied:
      return "PermissionDenied";
    case ErrorKind::kFailedPrecondition:
      return "FailedPrecondition";
    case ErrorKind::kTooLarge:
      return "TooLarge";
    case ErrorKind::kRateLimited:
      return "RateLimited";
  }
  return "Unknown";
}

namespace {
const std::string kEmpty;
}  // namespace

const std::string& Status::message() const { return state_ ? state_->message : kEmpty; }
const std::string& Status::param() const { return state_ ? state_->param : kEmpty; }
const std::string& Status::code() const { return state_ ? state_->code : kEmpty; }

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(ErrorKindName(state_->kind)) + ": " + state_->message;
}

}  // namespace kb

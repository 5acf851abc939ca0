// Status and Result<T>: how every expected failure is reported in this project.
//
// Success costs one null pointer. A failure carries a kind (what category of problem, so a caller
// such as the HTTP layer can map it) and a message a person can act on: what happened, to which
// file or parameter, and what to do about it. The engine never knows about HTTP status codes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kb {

enum class ErrorKind {
  kInvalidArgument,     // the caller's input is wrong (a parameter, a file's content)
  kNotFound,            // the thing asked for does not exist
  kUnavailable,         // a resource is busy or temporarily unreachable; retrying may help
  kInternal,            // a bug or an unexpected library failure
  kUnauthenticated,     // the caller has not proven who they are (no or a wrong key or session)
  kPermissionDenied,    // proven, but this request is not allowed (a missing CSRF proof)
  kFailedPrecondition,  // the system is not set up for this (a feature switched off)
  kTooLarge,            // the input exceeds a size limit
  kRateLimited,         // too many attempts from this caller; wait and retry
};

// Every kind, in declaration order (for tables and round trips by name).
inline constexpr ErrorKind kAllErrorKinds[] = {
    ErrorKind::kInvalidArgument,    ErrorKind::kNotFound,        ErrorKind::kUnavailable,
    ErrorKind::kInternal,           ErrorKind::kUnauthenticated, ErrorKind::kPermissionDenied,
    ErrorKind::kFailedPrecondition, ErrorKind::kTooLarge,        ErrorKind::kRateLimited};

std::string_view ErrorKindName(ErrorKind kind);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Of(ErrorKind kind, std::string message) { return Status(kind, std::move(message)); }
  static Status InvalidArgument(std::string message) {
    return Status(ErrorKind::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(ErrorKind::kNotFound, std::move(message));
  }
  static Status Unavailable(std::string message) {
    return Status(ErrorKind::kUnavailable, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(ErrorKind::kInternal, std::move(message));
  }
  static Status Unauthenticated(std::string message) {
    return Status(ErrorKind::kUnauthenticated, std::move(message));
  }
  static Status PermissionDenied(std::string message) {
    return Status(ErrorKind::kPermissionDenied, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(ErrorKind::kFailedPrecondition, std::move(message));
  }
  static Status TooLarge(std::string message) {
    return Status(ErrorKind::kTooLarge, std::move(message));
  }
  static Status RateLimited(std::string message) {
    return Status(ErrorKind::kRateLimited, std::move(message));
  }

  Status(const Status& other)
      : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  // The parameter or field a refusal is about ("page", "title") and a precise code for the kind
  // of problem ("unknown_parameter", "out_of_range"), for clients that act on them (the HTTP
  // error's `param` and `code`). Precondition: !ok().
  Status&& WithDetail(std::string param, std::string code) && {
    state_->param = std::move(param);
    state_->code = std::move(code);
    return std::move(*this);
  }
  // Empty when ok() or not given.
  const std::string& param() const;
  const std::string& code() const;

  bool ok() const { return state_ == nullptr; }
  // Precondition: !ok().
  ErrorKind kind() const { return state_->kind; }
  // Empty when ok().
  const std::string& message() const;
  // "InvalidArgument: <message>" or "OK".
  std::string ToString() const;

 private:
  struct State {
    ErrorKind kind;
    std::string message;
    std::string param;
    std::string code;
  };
  Status(ErrorKind kind, std::string message)
      : state_(std::make_unique<State>(State{kind, std::move(message), {}, {}})) {}
  std::unique_ptr<State> state_;
};

// "parameter 'page': <what>": a refusal of one request parameter, which it names apart with a
// code for the kind of problem (invalid_value, out_of_range, unknown_parameter, ...).
inline Status InvalidParameter(std::string_view param, const std::string& what,
                               std::string code = "invalid_value") {
  return Status::InvalidArgument("parameter '" + std::string(param) + "': " + what)
      .WithDetail(std::string(param), std::move(code));
}

// A value or the Status explaining why there is none. Construct from a T or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {}  // NOLINT: must not be ok()

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  // Precondition: ok().
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace kb

// LoginLimiter: failed logins per client address, so tokens cannot be guessed at speed.
//
// After `max_failures` failed logins from one address within `window`, every login from that
// address (also one with a right token) is refused until the oldest of those failures is older
// than `window`. A successful login forgets the address's failures. Memory stays bounded: stale
// addresses are dropped as they age out, and at most `max_addresses` are tracked (the oldest
// go first). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace kb::editing {

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    std::size_t max_failures = 5;
    std::chrono::seconds window{600};
    std::size_t max_addresses = 10000;
  };

  LoginLimiter() : LoginLimiter(Options{}) {}
  explicit LoginLimiter(Options options) : options_(options) {}

  // Zero when `address` may try to log in at `now`; otherwise how long it must wait (at least
  // one second).
  std::chrono::seconds RetryAfter(const std::string& address, Clock::time_point now);
  void RecordFailure(const std::string& address, Clock::time_point now);
  void RecordSuccess(const std::string& address);

 private:
  void PruneLocked(std::deque<Clock::time_point>& failures, Clock::time_point now) const;

  const Options options_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> failures_;  // oldest first
};

}  // namespace kb::editing

#include "kb/editing/login_limiter.h"

#include <algorithm>

namespace kb::editing {

void LoginLimiter::PruneLocked(std::deque<Clock::time_point>& failures,
                               Clock::time_point now) const {
  while (!failures.empty() && now - failures.front() >= options_.window) failures.pop_front();
}

std::chrono::seconds LoginLimiter::RetryAfter(const std::string& address, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return std::chrono::seconds(0);
  PruneLocked(it->second, now);
  if (it->second.size() < options_.max_failures) {
    if (it->second.empty()) failures_.erase(it);
    return std::chrono::seconds(0);
  }
  // Allowed again once enough failures have aged out of the window.
  const Clock::time_point frees =
      it->second[it->second.size() - options_.max_failures] + options_.window;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(frees - now);
  return std::max(wait, std::chrono::seconds(1));
}

void LoginLimiter::RecordFailure(const std::string& address, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failures_.count(address) && failures_.size() >= options_.max_addresses) {
    // Drop the addresses whose failures are all stale; if none, the one failing longest ago.
    for (auto it = failures_.begin(); it != failures_.end();) {
      PruneLocked(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= options_.max_addresses) {
      auto oldest = std::min_element(
          failures_.begin(), failures_.end(),
          [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
      failures_.erase(oldest);
    }
  }
  auto& failures = failures_[address];
  PruneLocked(failures, now);
  failures.push_back(now);
  // Only the newest max_failures matter for the decision.
  while (failures.size() > options_.max_failures) failures.pop_front();
}

void LoginLimiter::RecordSuccess(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_.erase(address);
}

}  // namespace kb::editing

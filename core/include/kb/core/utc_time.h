// The current time as the index and the status files record it: ISO 8601 UTC to the second,
// "2026-12-07T01:10:00Z".
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace kb {

inline std::string UtcNowIso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

}  // namespace kb

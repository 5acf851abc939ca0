// Progress reporting for an indexing run: a redrawn bar with rate and ETA on a terminal, plain
// log lines (every few seconds) otherwise. Not thread-safe: used by the writer thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kb::index {

class ProgressReporter {
 public:
  // `interactive` chooses the bar (a terminal) or log lines; `total` files will be processed.
  ProgressReporter(std::FILE* out, bool interactive, std::size_t total);

  // One file done (indexed, unchanged or failed); `bytes` of it; `label` is shown on the bar.
  void Advance(std::uint64_t bytes, const std::string& label);
  // `more` files joined the run (the editors' queue).
  void Grow(std::size_t more) { total_ += more; }
  // Prints a message above the bar (a failure, a warning) without garbling it.
  void Message(const std::string& line);
  // Clears the bar.
  void Finish();

 private:
  void Draw(bool force);
  std::FILE* out_;
  bool interactive_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::uint64_t bytes_ = 0;
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool bar_visible_ = false;
};

}  // namespace kb::index

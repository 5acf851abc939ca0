// Progress reporting for an indexing run: a redrawn bar with rate and ETA on a terminal, plain
// log lines (every few seconds) otherwise. Not thread-safe: used by the writer thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kb::index {

// Estimates the time an indexing run has left. Files go largest first, so a rate per file
// overestimates what is left (the small files remain) and a rate per byte underestimates it (each
// file also has a fixed cost). The estimate fits elapsed ≈ a·files + b·megabytes by least squares
// over every observation so far and applies a and b to what is left.
class RemainingTime {
 public:
  // `files` and `bytes` were done `elapsed_s` seconds after the start.
  void Observe(double elapsed_s, std::size_t files, std::uint64_t bytes);
  // Seconds the remaining `files` and `bytes` will take; negative while nothing is done.
  double Estimate(std::size_t files_left, std::uint64_t bytes_left) const;

 private:
  // Sums of the normal equations (n = files, m = megabytes, t = seconds).
  double nn_ = 0, nm_ = 0, mm_ = 0, tn_ = 0, tm_ = 0;
  double last_t_ = 0, last_n_ = 0, last_m_ = 0;
};

class ProgressReporter {
 public:
  // `interactive` chooses the bar (a terminal) or log lines; `total` files of `total_bytes` will
  // be processed.
  ProgressReporter(std::FILE* out, bool interactive, std::size_t total, std::uint64_t total_bytes);

  // One file done (indexed, unchanged or failed); `bytes` of it; `label` is shown on the bar.
  void Advance(std::uint64_t bytes, const std::string& label);
  // `more` files of `more_bytes` joined the run (the editors' queue).
  void Grow(std::size_t more, std::uint64_t more_bytes) {
    total_ += more;
    total_bytes_ += more_bytes;
  }
  // Prints a message above the bar (a failure, a warning) without garbling it.
  void Message(const std::string& line);
  // Clears the bar.
  void Finish();
  std::size_t done() const { return done_; }
  std::size_t total() const { return total_; }

 private:
  void Draw(bool force);
  std::FILE* out_;
  bool interactive_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t total_bytes_;
  RemainingTime remaining_;
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool bar_visible_ = false;
};

}  // namespace kb::index

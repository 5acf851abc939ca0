#include "kb/index/progress.h"

#include <algorithm>

namespace kb::index {

namespace {

std::string FormatDuration(double seconds) {
  if (seconds < 0 || seconds > 360000) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

void RemainingTime::Observe(double elapsed_s, std::size_t files, std::uint64_t bytes) {
  const double n = static_cast<double>(files);
  const double m = static_cast<double>(bytes) / 1e6;
  nn_ += n * n;
  nm_ += n * m;
  mm_ += m * m;
  tn_ += elapsed_s * n;
  tm_ += elapsed_s * m;
  last_t_ = elapsed_s;
  last_n_ = n;
  last_m_ = m;
}

double RemainingTime::Estimate(std::size_t files_left, std::uint64_t bytes_left) const {
  if (last_n_ == 0) return -1;
  const double n = static_cast<double>(files_left);
  const double m = static_cast<double>(bytes_left) / 1e6;
  if (mm_ == 0) return last_t_ / last_n_ * n;  // empty files only
  const double det = nn_ * mm_ - nm_ * nm_;
  if (det > 1e-9 * nn_ * mm_) {
    const double a = (tn_ * mm_ - tm_ * nm_) / det;
    const double b = (nn_ * tm_ - nm_ * tn_) / det;
    if (a >= 0 && b >= 0) return a * n + b * m;
    // A negative cost is the fit bending to noise: keep the other term alone.
    return a < 0 ? tm_ / mm_ * m : tn_ / nn_ * n;
  }
  // Files and bytes have grown in step so far (files of one size): the two rates bound the truth.
  // (mm_ > 0, so some observation, and thus the last, had bytes.)
  return 0.5 * (last_t_ / last_n_ * n + last_t_ / last_m_ * m);
}

ProgressReporter::ProgressReporter(std::FILE* out, bool interactive, std::size_t total,
                                   std::uint64_t total_bytes)
    : out_(out),
      interactive_(interactive),
      total_(total),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressReporter::Advance(std::uint64_t bytes, const std::string& label) {
  ++done_;
  bytes_ += bytes;
  label_ = label;
  remaining_.Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(), done_,
      bytes_);
  Draw(done_ == total_);
}

void ProgressReporter::Message(const std::string& line) {
  if (bar_visible_) std::fputs("\r\033[K", out_);
  std::fputs(line.c_str(), out_);
  std::fputc('\n', out_);
  bar_visible_ = false;
  if (interactive_) Draw(true);
}

void ProgressReporter::Finish() {
  if (bar_visible_) std::fputs("\r\033[K", out_);
  bar_visible_ = false;
  std::fflush(out_);
}

void ProgressReporter::Draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  const auto interval =
      interactive_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (!force && now - last_draw_ < interval) return;
  if (!interactive_ && done_ == 0) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? done_ / elapsed : 0;
  const double mb_rate = elapsed > 0 ? bytes_ / elapsed / 1e6 : 0;
  const double eta =
      remaining_.Estimate(total_ - done_, total_bytes_ - std::min(bytes_, total_bytes_));
  if (interactive_) {
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    std::string label = label_;
    if (label.size() > 40) label = "..." + label.substr(label.size() - 37);
    std::fprintf(out_, "\r\033[K[%s] %zu/%zu  %.1f files/s  %.1f MB/s  ETA %s  %s", bar.c_str(),
                 done_, total_, rate, mb_rate, FormatDuration(eta).c_str(), label.c_str());
    bar_visible_ = true;
  } else {
    std::fprintf(out_, "progress: %zu/%zu files, %.1f files/s, %.1f MB/s, ETA %s\n", done_, total_,
                 rate, mb_rate, FormatDuration(eta).c_str());
  }
  std::fflush(out_);
}

}  // namespace kb::index

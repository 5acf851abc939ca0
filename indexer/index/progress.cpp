#include "kb/index/progress.h"

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

ProgressReporter::ProgressReporter(std::FILE* out, bool interactive, std::size_t total)
    : out_(out),
      interactive_(interactive),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressReporter::Advance(std::uint64_t bytes, const std::string& label) {
  ++done_;
  bytes_ += bytes;
  label_ = label;
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
  const double eta = rate > 0 ? (total_ - done_) / rate : -1;
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

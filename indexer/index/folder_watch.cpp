// FolderWatch over Linux inotify.
#include "kb/index/folder_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

namespace kb::index {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kFolderEvents = IN_CREATE | IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO |
                                        IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF |
                                        IN_ATTRIB | IN_ONLYDIR;
// How often a wait looks at the stop flag.
constexpr int kPollMs = 200;

bool IgnoredName(std::string_view name) { return name.starts_with('.') || name.starts_with("~$"); }

}  // namespace

FolderWatch::~FolderWatch() {
  if (fd_ >= 0) ::close(fd_);
}

Status FolderWatch::WatchTree(const fs::path& folder) {
  for (const fs::path& excluded : excluded_) {
    const auto [end, _] =
        std::mismatch(excluded.begin(), excluded.end(), folder.begin(), folder.end());
    if (end == excluded.end()) return Status::Ok();
  }
  const int wd = ::inotify_add_watch(fd_, folder.c_str(), kFolderEvents);
  if (wd < 0) {
    if (errno == ENOSPC) {
      return Status::Internal("the system allows no more inotify watches (" +
                              std::to_string(folders_.size()) +
                              " folders watched); raise /proc/sys/fs/inotify/max_user_watches");
    }
    return Status::Ok();  // a folder that vanished or cannot be read: the walk reports it
  }
  folders_[wd] = folder;
  std::error_code error;
  for (auto it =
           fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, error);
       !error && it != fs::directory_iterator(); it.increment(error)) {
    std::error_code kind_error;
    if (!it->is_directory(kind_error) || it->is_symlink(kind_error)) continue;
    if (IgnoredName(it->path().filename().string())) continue;
    if (Status st = WatchTree(it->path()); !st.ok()) return st;
  }
  return Status::Ok();
}

Status FolderWatch::WatchTrees(const std::vector<fs::path>& roots,
                               const std::vector<fs::path>& excluded) {
  excluded_.clear();
  for (const fs::path& path : excluded) {
    if (path.empty()) continue;
    std::error_code error;
    excluded_.push_back(fs::weakly_canonical(fs::absolute(path, error), error));
  }
  if (fd_ >= 0) ::close(fd_);  // drops every watch of the last call
  folders_.clear();
  fd_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd_ < 0) {
    return Status::Internal(std::string("inotify is unavailable: ") + std::strerror(errno));
  }
  for (const fs::path& root : roots) {
    std::error_code error;
    fs::path folder = fs::weakly_canonical(fs::absolute(root, error), error);
    while (!fs::is_directory(folder, error) && folder.has_parent_path() &&
           folder != folder.parent_path()) {
      folder = folder.parent_path();
    }
    if (Status st = WatchTree(folder); !st.ok()) return st;
  }
  return Status::Ok();
}

bool FolderWatch::Drain() {
  bool changed = false;
  alignas(inotify_event) char buffer[64 * 1024];
  while (true) {
    const ssize_t got = ::read(fd_, buffer, sizeof buffer);
    if (got <= 0) break;  // EAGAIN: nothing more queued
    for (ssize_t at = 0; at < got;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if ((event->mask & IN_Q_OVERFLOW) != 0) {
        changed = true;  // events were lost: a run finds what they were
        continue;
      }
      const std::string_view name = event->len > 0 ? std::string_view(event->name) : "";
      if (!name.empty() && IgnoredName(name)) continue;
      changed = true;
      const auto folder = folders_.find(event->wd);
      if ((event->mask & IN_ISDIR) != 0 && (event->mask & (IN_CREATE | IN_MOVED_TO)) != 0 &&
          folder != folders_.end()) {
        (void)WatchTree(folder->second / std::string(name));  // its files from now on
      }
      if ((event->mask & IN_IGNORED) != 0) folders_.erase(event->wd);
    }
  }
  return changed;
}

bool FolderWatch::WaitForChange(std::chrono::milliseconds quiet, const std::atomic<bool>* stop) {
  using Clock = std::chrono::steady_clock;
  bool changed = false;
  Clock::time_point last_change{};
  while (stop == nullptr || !stop->load()) {
    if (changed && Clock::now() - last_change >= quiet) return true;
    pollfd ready{fd_, POLLIN, 0};
    const int n = ::poll(&ready, 1, kPollMs);
    if (n > 0 && Drain()) {
      changed = true;
      last_change = Clock::now();
    }
  }
  return false;
}

}  // namespace kb::index

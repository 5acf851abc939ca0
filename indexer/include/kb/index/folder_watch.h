// FolderWatch: notices changes under the corpus folders (inotify), for `kb-indexer --watch`.
//
// WatchTrees watches every folder under the roots (a root that is a file: its folder; a root that
// does not exist: its nearest existing parent, so its creation is noticed) and drops the watches
// of an earlier call, so a folder that was replaced, moved back or created is watched again from
// then on; memory is one watch per folder. WaitForChange returns once something changed (a file
// created, written, moved in or out, deleted; a watched folder deleted or moved) and then nothing
// more for `quiet`, so a file being copied is indexed once, when complete. Names starting with '.'
// or "~$" (hidden files, editors' temporary and lock files) are ignored. A folder created under
// a watched one is watched at once, with its subfolders. Not thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <vector>

#include "kb/core/status.h"

namespace kb::index {

class FolderWatch {
 public:
  FolderWatch() = default;
  ~FolderWatch();
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // Internal when inotify is unavailable (the message names the limit to raise when the system
  // ran out of watches: /proc/sys/fs/inotify/max_user_watches).
  // Folders at or under `excluded` (the index, the OCR cache, when they sit inside a root) are
  // not watched: the run's own writes must not start the next run.
  Status WatchTrees(const std::vector<std::filesystem::path>& roots,
                    const std::vector<std::filesystem::path>& excluded = {});

  // True after a change and `quiet` without further change; false when `stop` became true first.
  bool WaitForChange(std::chrono::milliseconds quiet, const std::atomic<bool>* stop);

  std::size_t watched_folders() const { return folders_.size(); }

 private:
  Status WatchTree(const std::filesystem::path& folder);
  // Reads the queued events; true when any of them is a change that matters.
  bool Drain();

  std::vector<std::filesystem::path> excluded_;
  int fd_ = -1;
  std::map<int, std::filesystem::path> folders_;  // watch descriptor -> folder
};

}  // namespace kb::index

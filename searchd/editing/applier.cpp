#include "kb/editing/applier.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

extern char** environ;

namespace kb::editing {

namespace fs = std::filesystem;

Applier::Applier(editorial::PendingQueue& queue, ApplierOptions options)
    : queue_(queue), options_(std::move(options)) {}

Applier::~Applier() { Stop(); }

void Applier::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void Applier::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void Applier::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Result<fs::path> Applier::FindIndexer(const fs::path& executable) {
  const fs::path dir = executable.parent_path();
  for (const fs::path& candidate : {dir / "kb-indexer", dir / ".." / "indexer" / "kb-indexer"}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal();
  }
  return Status::NotFound("kb-indexer not found beside " + executable.string() +
                          " nor in ../indexer/; give its path with --indexer PATH");
}

bool Applier::HasPending() {
  auto pending = queue_.Items();
  if (!pending.ok()) {
    std::fprintf(stderr, "kb-searchd: cannot read the pending edits: %s\n",
                 pending.status().message().c_str());
    return false;
  }
  return !pending->empty();
}

void Applier::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  std::chrono::milliseconds wait = options_.retry;
  while (!stop_) {
    wake_.wait_for(lock, wait, [&] { return stop_ || woken_; });
    if (stop_) break;
    woken_ = false;
    lock.unlock();
    // A failing kb-indexer (say, a broken index) is retried less often, so the log stays
    // readable; a save still wakes the loop at once.
    wait = HasPending() && !RunIndexer() ? options_.retry * 10 : options_.retry;
    lock.lock();
  }
}

bool Applier::RunIndexer() {
  std::vector<std::string> argv = {
      options_.indexer.string(),  "--db",        options_.db.string(),        "--pending", "--data",
      options_.data_dir.string(), "--editorial", options_.store_path.string()};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  // kb-searchd blocks SIGINT/SIGTERM in every thread (a dedicated thread takes them); the child
  // must get them back, or it could not be stopped.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], nullptr, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    std::fprintf(stderr, "kb-searchd: cannot start %s: %s; edits stay pending\n", args[0],
                 std::strerror(rc));
    return false;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    if (options_.on_applied) options_.on_applied();
    return true;
  }
  std::fprintf(stderr, "kb-searchd: %s --pending failed (%s %d); edits stay pending, retrying\n",
               args[0], WIFEXITED(status) ? "exit" : "signal",
               WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
  return false;
}

}  // namespace kb::editing

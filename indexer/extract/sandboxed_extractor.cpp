// SandboxedExtractor: the parent side. Starts the worker with posix_spawn on one end of a
// socket pair (a bidirectional pipe whose send() can suppress SIGPIPE without touching the
// process-wide signal disposition), sends one request per file and waits with poll() until the
// deadline. A worker that hangs, crashes or talks nonsense is killed together with its process
// group and reaped, so no zombie or orphan outlives the call.
#include "kb/extract/sandboxed_extractor.h"

#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include "spawn_handles.h"
#include "unique_fd.h"
#include "worker_protocol.h"

extern char** environ;

namespace kb::extract {
namespace {

using Clock = std::chrono::steady_clock;

// How long a worker whose channel closed may take to finish dying before it is killed.
constexpr std::chrono::milliseconds kExitGrace{1000};
constexpr std::chrono::milliseconds kReapPoll{5};

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& arg : argv) {
    if (!out.empty()) out.push_back(' ');
    out.append(arg);
  }
  return out;
}

std::string Seconds(std::chrono::milliseconds duration) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, duration.count() % 1000 == 0 ? "%.0f s" : "%.1f s",
                static_cast<double>(duration.count()) / 1000.0);
  return buffer;
}

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int signal_number = WTERMSIG(wait_status);
    const char* description = sigdescr_np(signal_number);
    return "crashed (signal " + std::to_string(signal_number) +
           (description ? std::string(", ") + description : std::string()) + ")";
  }
  if (WIFEXITED(wait_status)) {
    return "exited unexpectedly with code " + std::to_string(WEXITSTATUS(wait_status));
  }
  return "stopped unexpectedly";
}

}  // namespace

struct SandboxedExtractor::Impl {
  SandboxOptions options;
  pid_t pid = -1;
  UniqueFd channel;

  Status Start();
  // Kills the worker's process group and reaps the worker. Returns its wait status.
  int Kill();
  // For a worker whose channel broke: waits briefly for it to exit by itself, then kills.
  // Returns a description of how it ended.
  std::string Reap();
  // Closes the channel so the worker exits normally, then reaps it.
  void Stop();
  Result<ExtractedDoc> Fail(const std::filesystem::path& path, const std::string& reason) const;
};

Status SandboxedExtractor::Impl::Start() {
  if (options.worker_command.empty()) {
    return Status::Internal("no extraction worker command configured");
  }
  int fds[2] = {-1, -1};
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return Status::Internal(std::string("cannot create the worker channel: ") +
                            std::strerror(errno));
  }
  UniqueFd parent_end(fds[0]);
  UniqueFd child_end(fds[1]);

  SpawnActions actions;
  // dup2 clears close-on-exec on the targets; the originals close at exec.
  posix_spawn_file_actions_adddup2(&actions.actions, child_end.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions.actions, child_end.get(), STDOUT_FILENO);

  SpawnAttributes attributes;
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);  // an ignored SIGPIPE would survive exec
  sigaddset(&default_signals, SIGTERM);
  sigaddset(&default_signals, SIGINT);
  posix_spawnattr_setsigmask(&attributes.attributes, &no_signals);
  posix_spawnattr_setsigdefault(&attributes.attributes, &default_signals);
  // Its own process group, so a timeout also kills anything the worker started.
  posix_spawnattr_setpgroup(&attributes.attributes, 0);
  posix_spawnattr_setflags(&attributes.attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> argv;
  for (auto& arg : options.worker_command) argv.push_back(arg.data());
  argv.push_back(nullptr);
  // The worker's environment, with OCR held to one thread: OpenMP reads the limit when the
  // worker loads, so it cannot be set from inside.
  std::vector<std::string> variables;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    if (!std::string_view(*variable).starts_with("OMP_THREAD_LIMIT="))
      variables.emplace_back(*variable);
  }
  variables.emplace_back("OMP_THREAD_LIMIT=1");
  std::vector<char*> environment;
  for (auto& variable : variables) environment.push_back(variable.data());
  environment.push_back(nullptr);
  pid_t child = -1;
  const int error = posix_spawnp(&child, argv[0], &actions.actions, &attributes.attributes,
                                 argv.data(), environment.data());
  if (error != 0) {
    return Status::Internal("cannot start the extraction worker '" +
                            CommandLine(options.worker_command) + "': " + std::strerror(error) +
                            "; check that it is installed next to kb-indexer");
  }
  pid = child;
  channel = std::move(parent_end);
  return Status::Ok();
}

int SandboxedExtractor::Impl::Kill() {
  int wait_status = 0;
  if (pid > 0) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);  // in case it left its process group
    while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
    }
  }
  pid = -1;
  channel.Reset();
  return wait_status;
}

std::string SandboxedExtractor::Impl::Reap() {
  // Observe the exit without reaping (WNOWAIT) so the pid, and with it the process group,
  // stays reserved until the group has been killed.
  const auto give_up = Clock::now() + kExitGrace;
  while (pid > 0 && Clock::now() < give_up) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      return DescribeExit(Kill());
    }
    std::this_thread::sleep_for(kReapPoll);
  }
  Kill();
  return "stopped answering and was killed";
}

void SandboxedExtractor::Impl::Stop() {
  if (pid <= 0) return;
  channel.Reset();  // EOF on the worker's stdin: it exits with code 0
  Reap();
}

Result<ExtractedDoc> SandboxedExtractor::Impl::Fail(const std::filesystem::path& path,
                                                    const std::string& reason) const {
  return Status::InvalidArgument("extraction of '" + path.string() + "' " + reason +
                                 "; the file was skipped");
}

SandboxedExtractor::SandboxedExtractor(SandboxOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

SandboxedExtractor::~SandboxedExtractor() { impl_->Stop(); }

Result<ExtractedDoc> SandboxedExtractor::Extract(const std::filesystem::path& path) {
  Impl& impl = *impl_;
  if (impl.pid <= 0) {
    if (Status started = impl.Start(); !started.ok()) return started;
  }
  const auto deadline = Clock::now() + impl.options.timeout;
  const std::string request =
      protocol::EncodeRequest({std::filesystem::absolute(path), impl.options.extract});
  if (!protocol::WriteFrame(impl.channel.get(), request, deadline).ok()) {
    // EPIPE or ECONNRESET: the worker is gone (or never started properly).
    return impl.Fail(path, "failed: the extraction worker " + impl.Reap());
  }
  protocol::ReadResult reply = protocol::ReadFrame(impl.channel.get(), deadline);
  switch (reply.outcome) {
    case protocol::ReadOutcome::kFrame:
      break;
    case protocol::ReadOutcome::kTimeout:
      impl.Kill();
      return impl.Fail(path, "took longer than " + Seconds(impl.options.timeout) +
                                 " (the extractor hung and was stopped)");
    case protocol::ReadOutcome::kEndOfStream:
      return impl.Fail(path, impl.Reap());
    case protocol::ReadOutcome::kError:
      impl.Reap();
      return impl.Fail(path,
                       "failed: broken reply from the extraction worker (" + reply.payload + ")");
  }
  auto result = protocol::DecodeResponse(reply.payload);
  if (!result) {
    impl.Kill();
    return impl.Fail(path, "failed: the extraction worker sent an unreadable reply");
  }
  return std::move(*result);
}

std::vector<std::string> DefaultWorkerCommand() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {"kb-extract-worker"};
  return {(self.parent_path() / "kb-extract-worker").string()};
}

}  // namespace kb::extract

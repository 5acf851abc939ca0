// Test fixtures for kb-searchd: temp dirs, running the real kb-indexer and kb-searchd binaries,
// and the in-process server on a free port. Header-only; each test binary includes it once.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "kb/analysis/analyzer.h"
#include "kb/http/server.h"
#include "kb/search/catalog.h"
#include "kb/search/searcher_pool.h"
#include "process.h"

extern char** environ;

namespace kb::test {

namespace fs = std::filesystem;

// `text` percent-encoded for a query parameter (letters, digits and '-' kept).
inline std::string EncodeUrl(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

inline void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A child process, killed (SIGTERM) and reaped when the object goes.
class Child {
 public:
  // stdout and stderr go to `log` when given.
  Child(const std::vector<std::string>& argv, const fs::path& log = {}) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!log.empty()) {
      posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                       0644);
      posix_spawn_file_actions_adddup2(&actions, 1, 2);
    }
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  }
  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      Wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Exit status (or 128 + signal).
  int Wait() {
    int status = 0;
    if (pid_ <= 0) return exit_code_;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  void Signal(int sig) {
    if (pid_ > 0) kill(pid_, sig);
  }
  // Whether the process is still running (reaps it when it ended).
  bool Running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == 0) return true;
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs the real kb-indexer; throws with its output when it fails.
inline void RunIndexer(const fs::path& db, const std::vector<fs::path>& paths,
                       const fs::path& log) {
  std::vector<std::string> argv = {KB_INDEXER, "--db", db.string(), "--progress", "log"};
  for (const auto& p : paths) argv.push_back(p.string());
  Child indexer(argv, log);
  if (indexer.Wait() != 0) throw std::runtime_error("kb-indexer failed:\n" + ReadFile(log));
}

// A TCP connection to 127.0.0.1:`port` from the local address `from` (any 127.x.y.z, so a test
// can be several clients); -1 when it cannot be made. Sends time out after 2 s.
inline int ConnectFrom(int port, const char* from) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from, &local.sin_addr);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  timeval timeout{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// A port that was free a moment ago (bound to port 0, then closed). A plain socket, because an
// httplib::Server probe keeps its SO_REUSEPORT socket open and would steal connections.
inline int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

// kb-searchd in this process, on a free port.
class InProcessServer {
 public:
  explicit InProcessServer(const fs::path& db,
                           std::chrono::milliseconds reopen_interval = std::chrono::seconds(1),
                           size_t threads = 4, http::ConnectionLimits limits = {}) {
    analysis::AnalysisConfig config;
    auto resources = analysis::LoadResources(config);
    if (!resources.ok()) throw std::runtime_error(resources.status().ToString());
    search::SearcherOptions options;
    options.db_path = db;
    options.resources = *resources;
    options.catalog =
        std::make_shared<const search::Catalog>(search::LoadCatalog(config.data_dir, stderr));
    if (options.catalog->empty()) throw std::runtime_error("cannot load the catalog");
    options.shared = std::make_shared<search::SearcherShared>();
    options.reopen_interval = reopen_interval;
    catalog_ = options.catalog;
    auto pool = search::SearcherPool::Open(options, threads);
    if (!pool.ok()) throw std::runtime_error(pool.status().ToString());
    pool_ = std::move(pool).value();
    http::ServerOptions server_options;
    server_options.port = 0;
    server_options.threads = threads;
    server_options.web_dir = fs::path(KB_SOURCE_DIR) / "web";
    server_options.access_log = false;
    server_options.connections = std::move(limits);
    server_ = std::make_unique<http::Server>(*pool_, server_options);
    auto port = server_->Bind();
    if (!port.ok()) throw std::runtime_error(port.status().ToString());
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Serve(); });
    for (int i = 0; i < 200 && !server_->running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~InProcessServer() {
    server_->Stop();
    thread_.join();
  }
  int port() const { return port_; }
  const search::Catalog& catalog() const { return *catalog_; }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    return client;
  }

 private:
  std::shared_ptr<const search::Catalog> catalog_;
  std::unique_ptr<search::SearcherPool> pool_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

struct JsonResponse {
  int status = 0;
  nlohmann::json body;
  std::string content_type;
};

inline JsonResponse GetJson(httplib::Client& client, const std::string& target) {
  auto res = client.Get(target.c_str());
  if (!res) throw std::runtime_error("no response for " + target);
  JsonResponse out;
  out.status = res->status;
  out.content_type = res->get_header_value("Content-Type");
  out.body = nlohmann::json::parse(res->body, nullptr, false);
  return out;
}

}  // namespace kb::test

// Test fixture for kb-searchd behind Debian's nginx: the shipped deploy/nginx/ files with their
// "# CHANGE" values replaced, a wrapper nginx.conf with every path in a temp folder, a
// certificate made by the openssl command line, and the real kb-indexer, kb-searchd and nginx
// as child processes on free loopback ports. Header-only; one test binary includes it.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "kb/editing/editor_accounts.h"
#include "kb/editorial/store.h"
#include "searchd_fixture.h"

namespace kb::test {

// The host name the site answers to in the test (server_name, certificate).
inline constexpr const char* kNginxServerName = "localhost";

inline const fs::path kNginxDeployDir = fs::path(KB_SOURCE_DIR) / "deploy" / "nginx";

// The first executable `name` in the usual system folders (nginx lives in /usr/sbin, which a
// user's PATH may lack) or on PATH.
inline fs::path FindProgram(const std::string& name) {
  std::vector<fs::path> dirs = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};
  if (const char* path = std::getenv("PATH")) {
    std::istringstream in(path);
    for (std::string dir; std::getline(in, dir, ':');) dirs.emplace_back(dir);
  }
  for (const auto& dir : dirs) {
    if (access((dir / name).c_str(), X_OK) == 0) return dir / name;
  }
  throw std::runtime_error(name + " is not installed; .ci/install-deps (make test) installs it");
}

// Runs argv to completion with stdin from /dev/null (openssl s_client would wait for input)
// and stdout and stderr into `log`; returns the exit status.
inline int RunTool(const std::vector<std::string>& argv, const fs::path& log) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Whether [::1]:port can be bound (containers without IPv6 cannot).
inline bool Ipv6LoopbackFree(int port) {
  const int fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_loopback;
  addr.sin6_port = htons(static_cast<uint16_t>(port));
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// Replaces every `from` in `text`; a value the shipped file no longer has is an error, so this
// test and the file cannot drift apart unnoticed.
inline void Substitute(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at == std::string::npos) {
    throw std::runtime_error("deploy/nginx/wat-weten-we-al.conf no longer contains '" + from +
                             "'; update the substitutions in tests/searchd/nginx_test.cpp");
  }
  for (; at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A free port not in `taken` (a probe may hand out the port the previous one just closed).
inline int FreePortBesides(const std::vector<int>& taken) {
  for (;;) {
    const int port = FreePort();
    if (std::find(taken.begin(), taken.end(), port) == taken.end()) return port;
  }
}

struct NginxPorts {
  int searchd = FreePort();
  int http = FreePortBesides({searchd});
  int https = FreePortBesides({searchd, http});
};

// The shipped site file with its "# CHANGE" values replaced for this test; every such line
// must have been changed.
inline std::string SiteConfigFor(const NginxPorts& ports, const fs::path& dir) {
  const std::string shipped = ReadFile(kNginxDeployDir / "wat-weten-we-al.conf");
  if (shipped.empty()) throw std::runtime_error("cannot read " + kNginxDeployDir.string());
  std::string site = shipped;
  const bool ipv6 = Ipv6LoopbackFree(ports.http) && Ipv6LoopbackFree(ports.https);
  // The certificate paths first: they contain the host name.
  Substitute(site, "/etc/letsencrypt/live/zoek.example.nl/fullchain.pem",
             (dir / "cert.pem").string());
  Substitute(site, "/etc/letsencrypt/live/zoek.example.nl/privkey.pem", (dir / "key.pem").string());
  Substitute(site, "server_name zoek.example.nl;",
             std::string("server_name ") + kNginxServerName + ";");
  Substitute(site, "server 127.0.0.1:8080;",
             "server 127.0.0.1:" + std::to_string(ports.searchd) + ";");
  Substitute(site, "root /srv/wat-weten-we-al/web;", "root " + (dir / "web").string() + ";");
  Substitute(site, "root /var/www/letsencrypt;", "root " + (dir / "acme").string() + ";");
  // Loopback only, on free ports (the test must not listen on the network).
  Substitute(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(ports.http) + ";");
  Substitute(site, "listen 443 ", "listen 127.0.0.1:" + std::to_string(ports.https) + " ");
  Substitute(site, "listen [::]:80;",
             ipv6 ? "listen [::1]:" + std::to_string(ports.http) + ";" : "# no IPv6 here");
  Substitute(site, "listen [::]:443 ",
             ipv6 ? "listen [::1]:" + std::to_string(ports.https) + " " : "# no IPv6 here ");
  const auto before = Lines(shipped);
  const auto after = Lines(site);
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
    const bool comment = before[i].find_first_not_of(' ') == before[i].find('#');
    if (!comment && before[i].find("# CHANGE") != std::string::npos && before[i] == after[i]) {
      throw std::runtime_error("line " + std::to_string(i + 1) +
                               " of wat-weten-we-al.conf is marked CHANGE but this test does "
                               "not replace it: " +
                               before[i]);
    }
  }
  return site;
}

// The http block of Debian's /etc/nginx/nginx.conf (including its TLS defaults, which the site
// must override), with every path in the test folder, around the two shipped files.
inline std::string MainConfigFor(const fs::path& dir) {
  const std::string d = dir.string();
  std::string conf =
      "# Generated by tests/searchd/nginx_test.cpp: Debian's nginx.conf, paths in " + d + ".\n";
  // Run as root (CI), the workers become nginx's default user (nobody): the test folder is
  // world-readable (0755) so they can read the web root, and nginx hands them its temp dirs.
  conf += "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d +
          "/error.log info;\nevents {\n  worker_connections 256;\n}\nhttp {\n"
          "  sendfile on;\n  tcp_nopush on;\n  types_hash_max_size 2048;\n"
          "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
          "  ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;\n  ssl_prefer_server_ciphers on;\n"
          "  access_log " +
          d + "/access.log;\n  gzip on;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    conf += std::string("  ") + temp + "_temp_path " + d + "/temp-" + temp + ";\n";
  }
  conf += "  include " + (kNginxDeployDir / "wat-weten-we-al-zones.conf").string() + ";\n";
  conf += "  include " + d + "/sites-enabled/wat-weten-we-al.conf;\n}\n";
  return conf;
}

// Binds a client socket to `source` (a loopback address such as 127.0.0.2), so nginx sees a
// different client; Linux routes all of 127/8 to the loopback interface.
inline httplib::SocketOptions FromAddress(const std::string& source) {
  return [source](socket_t sock) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &addr.sin_addr);
    if (bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      std::fprintf(stderr, "nginx_test: cannot bind a client socket to %s\n", source.c_str());
    }
  };
}

// The whole site: builds an index of four shared-corpus documents with one editor
// (editor_token), starts kb-searchd (--trusted-proxy 127.0.0.1, --public-url kPublicUrl,
// --max-failed-logins kMaxFailedLogins, no --upload-dir) and nginx on free ports, after
// `nginx -t` accepted the configuration (its status and output are kept). Throws with the
// relevant log when a step fails. The destructor stops nginx, then kb-searchd, and removes the
// folder. Not thread-safe; one per test binary.
struct NginxSite {
  static constexpr const char* kPublicUrl = "https://zoek.voorbeeld.test";
  static constexpr const char* kServerName = kNginxServerName;
  static constexpr int kMaxFailedLogins = 2;

  TempDir dir;
  NginxPorts ports;
  fs::path nginx = FindProgram("nginx");
  fs::path openssl = FindProgram("openssl");
  fs::path curl = FindProgram("curl");
  fs::path db;
  std::string editor_token;  // an editor in the index's store, for uploads
  std::unique_ptr<Child> searchd;
  std::unique_ptr<Child> proxy;
  int config_test_status = -1;
  std::string config_test_output;

  NginxSite() {
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
    fs::copy(fs::path(KB_SOURCE_DIR) / "web", dir.path() / "web", fs::copy_options::recursive);
    const fs::path docs = fs::path(KB_SHARED_DIR) / "corpus" / "docs";
    db = dir.path() / "index";
    RunIndexer(
        db,
        {docs / "vng-dsh-ses" / "Data+science+maakt+kwetsbare+inwoners+zichtbaar.pdf",
         docs / "wij-groningen" / "2. Voorbeeld Plan En Aanvraag Jeugdhulp.pdf",
         docs / "vughtparticipeert" / "antwoord-van-het-college-over-wonen-in-vught_23-01-2022.md",
         docs / "jaapjunior-md" / "20250512 Vragen en antwoorden CS Jeugd en Wmo definitief.md"},
        dir.path() / "indexer.log");
    AddEditor();
    StartSearchd();
    MakeCertificate();
    WriteFile(dir.path() / "sites-enabled" / "wat-weten-we-al.conf",
              SiteConfigFor(ports, dir.path()));
    WriteFile(dir.path() / "nginx.conf", MainConfigFor(dir.path()));
    const std::vector<std::string> base = {nginx.string(),
                                           "-p",
                                           dir.path().string(),
                                           "-c",
                                           (dir.path() / "nginx.conf").string(),
                                           "-e",
                                           (dir.path() / "error.log").string()};
    std::vector<std::string> test = base;
    test.push_back("-t");
    config_test_status = RunTool(test, dir.path() / "nginx-t.log");
    config_test_output = ReadFile(dir.path() / "nginx-t.log");
    if (config_test_status != 0) {
      throw std::runtime_error("nginx -t rejects the configuration:\n" + config_test_output);
    }
    proxy = std::make_unique<Child>(base, dir.path() / "nginx.log");
    WaitUntil([this] { return Https().Get("/").operator bool(); }, *proxy, "nginx",
              dir.path() / "error.log");
  }

  void StartSearchd() {
    searchd = std::make_unique<Child>(
        std::vector<std::string>{KB_SEARCHD, "--db", db.string(), "--listen",
                                 "127.0.0.1:" + std::to_string(ports.searchd), "--threads", "4",
                                 "--web", (dir.path() / "web").string(), "--trusted-proxy",
                                 "127.0.0.1", "--public-url", kPublicUrl, "--max-failed-logins",
                                 std::to_string(kMaxFailedLogins)},
        dir.path() / "searchd.log");
    WaitUntil(
        [this] {
          auto r = Direct().Get("/api/health");
          return r && r->status == 200;
        },
        *searchd, "kb-searchd", dir.path() / "searchd.log");
  }

  void AddEditor() {
    auto store =
        kb::editorial::EditorialStore::Open(kb::editorial::EditorialStore::DefaultPathFor(db));
    if (!store.ok()) throw std::runtime_error(store.status().ToString());
    auto token = kb::editing::EditorAccounts((*store)->connection()).AddEditor("nginx-test");
    if (!token.ok()) throw std::runtime_error(token.status().ToString());
    editor_token = *token;
  }

  void MakeCertificate() {
    const int status =
        RunTool({openssl.string(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                 std::string("/CN=") + kServerName, "-addext",
                 std::string("subjectAltName=DNS:") + kServerName + ",IP:127.0.0.1", "-keyout",
                 (dir.path() / "key.pem").string(), "-out", (dir.path() / "cert.pem").string()},
                dir.path() / "openssl.log");
    if (status != 0) {
      throw std::runtime_error("openssl req failed:\n" + ReadFile(dir.path() / "openssl.log"));
    }
  }

  // Polls `ready` for up to 20 s; throws with `log` when `child` exits or time runs out.
  static void WaitUntil(const std::function<bool()>& ready, Child& child, const std::string& what,
                        const fs::path& log) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline && child.Running()) {
      if (ready()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error(what + " did not start:\n" + ReadFile(log));
  }

  // HTTPS through nginx, verifying the test certificate, from `source`.
  httplib::Client Https(const std::string& source = "127.0.0.1") const {
    httplib::Client client("https://127.0.0.1:" + std::to_string(ports.https));
    client.set_ca_cert_path((dir.path() / "cert.pem").c_str());
    client.enable_server_certificate_verification(true);
    client.set_connection_timeout(2, 0);
    client.set_read_timeout(10, 0);
    if (source != "127.0.0.1") client.set_socket_options(FromAddress(source));
    return client;
  }
  httplib::Client Http() const {
    httplib::Client client("127.0.0.1", ports.http);
    client.set_connection_timeout(2, 0);
    return client;
  }
  httplib::Client Direct() const {
    httplib::Client client("127.0.0.1", ports.searchd);
    client.set_connection_timeout(0, 200000);
    client.set_read_timeout(10, 0);
    return client;
  }
  std::string Logs() const {
    return "\n--- nginx error.log:\n" + ReadFile(dir.path() / "error.log") + "\n--- kb-searchd:\n" +
           ReadFile(dir.path() / "searchd.log");
  }
};

}  // namespace kb::test

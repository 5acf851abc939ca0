// Test fixtures for the editors' API: a corpus folder, an index built by the real kb-indexer,
// the editorial store beside it with one editor, and the real kb-searchd binary as a child
// process (so its applier runs the real kb-indexer --pending). Header-only.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kb/editorial/store.h"
#include "searchd_fixture.h"

namespace kb::test {

using Seconds = std::chrono::duration<double>;

struct Reply {
  int status = 0;
  nlohmann::json body;
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// Credentials for one request: a Bearer token, or a session cookie with an optional CSRF header.
struct Credentials {
  std::string bearer;
  std::string cookie;  // the kb_session value
  std::string csrf;
};

inline httplib::Headers HeadersFor(const Credentials& c) {
  httplib::Headers h;
  if (!c.bearer.empty()) h.emplace("Authorization", "Bearer " + c.bearer);
  if (!c.cookie.empty()) h.emplace("Cookie", "kb_session=" + c.cookie);
  if (!c.csrf.empty()) h.emplace("X-CSRF-Token", c.csrf);
  return h;
}

inline Reply ToReply(const httplib::Result& r, const std::string& what) {
  if (!r) throw std::runtime_error("no response for " + what);
  Reply out;
  out.status = r->status;
  out.headers = r->headers;
  out.body = nlohmann::json::parse(r->body, nullptr, false);
  return out;
}

// A kb-searchd child process on a free port, with --upload-dir when given.
class Daemon {
 public:
  Daemon(const fs::path& db, const fs::path& upload_dir, const fs::path& log,
         std::vector<std::string> extra = {})
      : port_(FreePort()) {
    std::vector<std::string> argv = {KB_SEARCHD,
                                     "--db",
                                     db.string(),
                                     "--listen",
                                     "127.0.0.1:" + std::to_string(port_),
                                     "--web",
                                     (fs::path(KB_SOURCE_DIR) / "web").string()};
    if (std::find(extra.begin(), extra.end(), "--threads") == extra.end()) {
      argv.insert(argv.end(), {"--threads", "4"});
    }
    if (!upload_dir.empty()) {
      argv.push_back("--upload-dir");
      argv.push_back(upload_dir.string());
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    child_ = std::make_unique<Child>(argv, log);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto client = Client();
      client.set_connection_timeout(0, 200000);
      if (auto r = client.Get("/api/health"); r && r->status == 200) return;
      if (!child_->Running()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("kb-searchd did not start:\n" + ReadFile(log));
  }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60, 0);
    return client;
  }
  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             const Credentials& credentials = {}) const {
    auto client = Client();
    const httplib::Headers headers = HeadersFor(credentials);
    const char* type = "application/json";
    if (method == "GET") return ToReply(client.Get(path.c_str(), headers), path);
    if (method == "POST") return ToReply(client.Post(path.c_str(), headers, body, type), path);
    if (method == "PUT") return ToReply(client.Put(path.c_str(), headers, body, type), path);
    if (method == "DELETE") {
      return ToReply(client.Delete(path.c_str(), headers, body, type), path);
    }
    throw std::runtime_error("unknown method " + method);
  }
  Reply Upload(const httplib::MultipartFormDataItems& items, const Credentials& c) const {
    auto client = Client();
    return ToReply(client.Post("/api/editor/upload", HeadersFor(c), items), "upload");
  }
  int port() const { return port_; }

 private:
  int port_;
  std::unique_ptr<Child> child_;
};

// Polls `done` every 50 ms for up to `limit`; the seconds it took, or nullopt on time-out.
inline std::optional<double> WaitFor(const std::function<bool()>& done,
                                     Seconds limit = Seconds(20)) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    if (done()) return Seconds(std::chrono::steady_clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::nullopt;
}

// The editorial store beside `db`, opened in this process (WAL: kb-searchd has it open too).
inline std::unique_ptr<editorial::EditorialStore> OpenStore(const fs::path& db) {
  auto store = editorial::EditorialStore::Open(editorial::EditorialStore::DefaultPathFor(db));
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  return std::move(store).value();
}

// Waits until kb-searchd's applier has emptied the pending queue (so snapshots stay still).
inline void WaitForApplied(editorial::EditorialStore& store) {
  auto done = WaitFor([&] {
    auto pending = store.queue().Items();
    return pending.ok() && pending->empty();
  });
  if (!done) throw std::runtime_error("the pending queue did not empty within 20 s");
}

// Everything the store holds that a write could change.
inline std::string StoreSnapshot(editorial::EditorialStore& store);

// Waits until the applier is done and the store stays the same for a second (kb-indexer
// proposes duplicates after it cleared the queue).
inline void WaitForQuietStore(editorial::EditorialStore& store) {
  WaitForApplied(store);
  std::string last = StoreSnapshot(store);
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    std::string now = StoreSnapshot(store);
    if (now == last) return;
    last = std::move(now);
  }
  throw std::runtime_error("the editorial store keeps changing");
}

inline std::string StoreSnapshot(editorial::EditorialStore& store) {
  auto exported = store.backup().ExportJson();
  auto generation = store.queue().Generation();
  auto pending = store.queue().Items();
  if (!exported.ok() || !generation.ok() || !pending.ok()) throw std::runtime_error("snapshot");
  // The export's own time stamp is not the store's content.
  std::string content = *exported;
  if (auto at = content.find("\"exported\""); at != std::string::npos) {
    content.erase(at, content.find('\n', at) - at);
  }
  return content + "\ngeneration " + std::to_string(*generation) + "\npending " +
         std::to_string(pending->size());
}

}  // namespace kb::test

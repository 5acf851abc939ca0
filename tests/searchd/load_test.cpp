// kb-searchd under more connections than it has workers: every connection gets a turn, and a
// burst of connections is accepted without the kernel dropping any. Real server, real sockets,
// on an index of the sample corpus built by the real kb-indexer.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "searchd_fixture.h"

namespace {

namespace fs = std::filesystem;

constexpr size_t kWorkers = 2;
constexpr int kBurst = 300;

struct Fixture {
  kb::test::TempDir dir;
  std::unique_ptr<kb::test::InProcessServer> server;
  Fixture() {
    const fs::path db = dir.path() / "index";
    kb::test::RunIndexer(db, {fs::path(KB_SOURCE_DIR) / "corpus" / "sample"},
                         dir.path() / "indexer.log");
    // The burst comes from one address: allow it all (the per-address limit has its own test),
    // and the connections of the test before it, which may still linger after their answers.
    kb::http::ConnectionLimits limits;
    limits.max_per_address = 2 * kBurst;
    server =
        std::make_unique<kb::test::InProcessServer>(db, std::chrono::seconds(1), kWorkers, limits);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

// The kernel's count of connections dropped because a listen queue was full
// (TcpExtListenOverflows in /proc/net/netstat).
long ListenOverflows() {
  std::ifstream in("/proc/net/netstat");
  std::string names, values;
  while (std::getline(in, names) && std::getline(in, values)) {
    if (names.rfind("TcpExt:", 0) != 0) continue;
    std::istringstream n(names), v(values);
    std::string name, value;
    while (n >> name && v >> value) {
      if (name == "ListenOverflows") return std::stol(value);
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("a connection waiting for a worker is served while busy clients keep theirs alive") {
  const int port = Shared().server->port();
  // As many clients as workers, each sending requests back to back on one kept-alive
  // connection: without intervention they hold every worker until they finish.
  constexpr int kRequestsPerClient = 400;
  std::atomic<int> clients_finished{0};
  std::atomic<int> requests_done{0};
  std::atomic<int> closes_seen{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> busy;
  for (size_t i = 0; i < kWorkers; ++i) {
    busy.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      for (int r = 0; r < kRequestsPerClient; ++r) {
        auto res = client.Get("/api/search?q=jeugdhulp&facets=1");
        if (!res || res->status != 200) failed = true;
        if (res && res->get_header_value("Connection") == "close") ++closes_seen;
        ++requests_done;
      }
      ++clients_finished;
    });
  }
  // Let the busy clients take the workers first.
  while (requests_done < static_cast<int>(4 * kWorkers) && !failed) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  httplib::Client late("127.0.0.1", port);
  late.set_read_timeout(60, 0);
  auto res = late.Get("/api/health");
  const int finished_when_served = clients_finished;
  const int done_when_served = requests_done;
  for (auto& t : busy) t.join();

  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_FALSE(failed);
  INFO("busy requests done when the late connection was served: " << done_when_served);
  // Served while every busy client still had requests to send, not after one of them ended.
  CHECK(finished_when_served == 0);
  // The busy clients kept their connections: between requests they wait parked, not holding
  // a worker, so nobody had to be asked to reconnect.
  CHECK(closes_seen == 0);
  CHECK(requests_done == static_cast<int>(kWorkers) * kRequestsPerClient);
}

TEST_CASE("a burst of connections is accepted without the kernel dropping any") {
  const int port = Shared().server->port();
  constexpr int kConnections = kBurst;
  const long overflows_before = ListenOverflows();
  REQUIRE(overflows_before >= 0);

  // All connections are opened at once, before any is read from.
  std::vector<int> sockets;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  for (int i = 0; i < kConnections; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REQUIRE(fd >= 0);
    connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // EINPROGRESS
    sockets.push_back(fd);
  }
  // Each sends one request once connected and reads the whole answer.
  const std::string request = "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  int answered = 0;
  std::string first_other;  // the first answer that is not a 200, for the failure message
  for (int fd : sockets) {
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, 10000) == 1 && send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
                                       static_cast<ssize_t>(request.size())) {
      continue;
    }
    FAIL("connection " << fd << " could not send its request");
  }
  for (int fd : sockets) {
    std::string answer;
    char buf[4096];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 30000) != 1) break;
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<size_t>(n));
    }
    if (answer.rfind("HTTP/1.1 200", 0) == 0) {
      ++answered;
    } else if (first_other.empty()) {
      first_other = answer.empty() ? "(nothing)" : answer.substr(0, answer.find('\r'));
    }
    close(fd);
  }
  INFO("first other answer: " << first_other);
  CHECK(answered == kConnections);
  // A dropped handshake is retried by the client after a second; none may be dropped.
  CHECK(ListenOverflows() == overflows_before);
}

TEST_CASE("one address may hold max_per_address connections; more are answered 429") {
  Fixture& shared = Shared();  // for its index
  kb::http::ConnectionLimits limits;
  limits.max_per_address = 4;
  kb::test::InProcessServer server(shared.dir.path() / "index", std::chrono::seconds(1), kWorkers,
                                   limits);
  const auto connect_from = [&](const char* from) {
    const int fd = kb::test::ConnectFrom(server.port(), from);
    REQUIRE(fd >= 0);
    return fd;
  };
  // One request on a connection; the head of its answer (kept alive unless `close`).
  const auto ask = [](int fd, bool close_it) {
    const std::string request = std::string("GET /api/health HTTP/1.1\r\nHost: x\r\n") +
                                (close_it ? "Connection: close\r\n" : "") + "\r\n";
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string answer;
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 5000) == 1) {
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<size_t>(n));
      if (answer.find("\r\n\r\n") != std::string::npos && !close_it) break;
    }
    return answer;
  };
  std::vector<int> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(connect_from("127.0.0.2"));
    CHECK(ask(held.back(), false).rfind("HTTP/1.1 200", 0) == 0);  // admitted, kept alive
  }
  const int fifth = connect_from("127.0.0.2");
  const std::string refused = ask(fifth, true);
  close(fifth);
  INFO(refused);
  CHECK(refused.rfind("HTTP/1.1 429", 0) == 0);
  CHECK(refused.find("\"error\"") != std::string::npos);
  CHECK(refused.find("verbindingen") != std::string::npos);
  // Another address is not affected, and a closed connection frees its slot.
  const int other = connect_from("127.0.0.1");
  CHECK(ask(other, true).rfind("HTTP/1.1 200", 0) == 0);
  close(other);
  close(held.back());
  held.pop_back();
  std::string again;
  for (int attempt = 0; attempt < 50; ++attempt) {  // the slot frees when the server sees EOF
    const int fd = connect_from("127.0.0.2");
    again = ask(fd, true);
    close(fd);
    if (again.rfind("HTTP/1.1 200", 0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(again.rfind("HTTP/1.1 200", 0) == 0);
  for (int fd : held) close(fd);
}

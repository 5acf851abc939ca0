#include "kb/http/guarded_server.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kb/http/error_mapper.h"

namespace kb::http {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A kept-alive client usually sends its next request within a round trip of the answer; the
// worker waits this long for it before parking the connection (unless others wait for a worker).
constexpr milliseconds kLinger{2};
// Waits are cut into slices this long, so a slow request notices contention soon.
constexpr milliseconds kSlice{50};
constexpr size_t kBufferSize = 4096;
// After the last answer on a connection, what the client still sends (e.g. the body of an
// upload refused before it was read) is read and dropped for this long, up to kLingerBytes, so
// closing does not reset the connection before the client has read the answer.
constexpr milliseconds kLingerTime{2000};
constexpr size_t kLingerBytes = 64u << 20;
// A lingering connection no longer counts against its address (a client that opens a
// connection per request would otherwise meet the limit with its own closed requests); instead
// at most this many linger at once, and past that a finished connection closes at once.
constexpr size_t kMaxLingering = 1024;

std::string AddressOf(const sockaddr_storage& addr, int* port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    if (port != nullptr) *port = ntohs(in.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    if (port != nullptr) *port = ntohs(in6.sin6_port);
  }
  return text;
}

std::string PeerAddress(int fd, int* port = nullptr) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
  return AddressOf(addr, port);
}

// poll() for `events` for at most `wait`; true when they are there.
bool PollFor(int fd, short events, milliseconds wait) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = poll(&p, 1, static_cast<int>(std::max<milliseconds::rep>(wait.count(), 0)));
    if (r > 0) return true;
    if (r == 0 || errno != EINTR) return false;
  }
}

// One connection's bytes, for httplib's request parser and response writer. Reads are buffered
// for the whole connection (pipelined requests are kept), and every wait is bounded by the
// request's deadline (ConnectionLimits): the header deadline while the request line and headers
// arrive, then a minimum rate for the body and the answer.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int fd, const ConnectionLimits& limits, std::function<bool()> contended)
      : fd_(fd), limits_(limits), contended_(std::move(contended)) {}

  bool buffered() const { return pos_ < len_; }
  bool cut_off() const { return cut_off_; }

  // A new request starts (its first byte is there to read).
  void BeginRequest() {
    in_headers_ = true;
    header_bytes_ = 0;
    line_length_ = 0;
    lines_ = 0;
    last_ = 0;
    cut_off_ = false;
    started_ = Clock::now();
    transferred_ = 0;
  }

  bool is_readable() const override { return buffered() || WaitFor(POLLIN); }
  bool is_writable() const override { return WaitFor(POLLOUT); }

  ssize_t read(char* ptr, size_t size) override {
    if (size == 0) return 0;
    if (!buffered()) {
      if (!WaitFor(POLLIN)) return -1;
      if (size >= kBufferSize && !in_headers_) {
        const ssize_t n = Receive(ptr, size);
        if (n > 0) transferred_ += static_cast<size_t>(n);
        return n;
      }
      const ssize_t n = Receive(buffer_, kBufferSize);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buffer_ + pos_, n);
    pos_ += n;
    if (in_headers_ && !CountHeaderBytes(ptr, n)) return -1;
    if (!in_headers_) transferred_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!WaitFor(POLLOUT)) return -1;
    for (;;) {
      const ssize_t n = send(fd_, ptr, size, MSG_NOSIGNAL);
      if (n >= 0) {
        transferred_ += static_cast<size_t>(n);
        return n;
      }
      if (errno != EINTR) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = PeerAddress(fd_, &port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip = AddressOf(addr, &port);
    }
  }
  socket_t socket() const override { return fd_; }

 private:
  ssize_t Receive(char* into, size_t size) {
    for (;;) {
      const ssize_t n = recv(fd_, into, size, 0);
      if (n >= 0 || errno != EINTR) return n;
    }
  }

  // Follows the header lines in what the parser took; false (the request is cut off) when they
  // exceed max_header_bytes. The headers end at the first line "\r\n" after the request line
  // (httplib skips a bare "\n" line as invalid, so it does not end them here either).
  bool CountHeaderBytes(const char* bytes, size_t n) {
    for (size_t i = 0; i < n && in_headers_; ++i) {
      ++header_bytes_;
      if (bytes[i] == '\n') {
        if (line_length_ == 1 && last_ == '\r' && lines_ > 0) in_headers_ = false;
        ++lines_;
        line_length_ = 0;
      } else {
        ++line_length_;
      }
      last_ = bytes[i];
    }
    if (in_headers_ && header_bytes_ > limits_.max_header_bytes) return CutOff();
    if (!in_headers_) headers_done_ = Clock::now();
    return true;
  }

  bool CutOff() const {
    cut_off_ = true;
    return false;
  }

  // The moment this request must have moved on by.
  Clock::time_point Deadline() const {
    if (in_headers_) return started_ + limits_.header_time;
    const auto rate = std::max<size_t>(limits_.min_bytes_per_second, 1);
    return headers_done_ + limits_.header_time + milliseconds(transferred_ * 1000 / rate);
  }

  // Waits for `events` within the request's deadline; while the headers are incomplete after
  // slow_after and other connections wait for a worker, gives up.
  bool WaitFor(short events) const {
    for (;;) {
      const auto now = Clock::now();
      const auto deadline = Deadline();
      if (now >= deadline) return CutOff();
      if (in_headers_ && now - started_ >= limits_.slow_after && contended_()) return CutOff();
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - now);
      if (PollFor(fd_, events, std::min(left + milliseconds(1), kSlice))) return true;
    }
  }

  const int fd_;
  const ConnectionLimits& limits_;
  const std::function<bool()> contended_;
  char buffer_[kBufferSize];
  size_t pos_ = 0;
  size_t len_ = 0;
  bool in_headers_ = true;
  size_t header_bytes_ = 0;
  size_t line_length_ = 0;
  size_t lines_ = 0;
  char last_ = 0;
  mutable bool cut_off_ = false;
  Clock::time_point started_ = Clock::now();
  Clock::time_point headers_done_ = Clock::now();
  size_t transferred_ = 0;
};

}  // namespace

// An accepted connection; closing it (its last owner letting go) frees its address's slot,
// unless it gave the slot up when it began to linger.
struct GuardedServer::Connection {
  Connection(GuardedServer& s, int f, std::string a)
      : server(s), fd(f), address(std::move(a)), idle_since(Clock::now()) {}
  ~Connection() {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    if (lingering) {
      server.lingering_.fetch_sub(1, std::memory_order_relaxed);
    } else {
      server.Release(address);
    }
  }
  // Our side is done: the address's slot is free again and the connection counts among the
  // lingering ones. False (close now) when kMaxLingering already linger.
  bool StartLingering() {
    if (server.lingering_.fetch_add(1, std::memory_order_relaxed) >= kMaxLingering) {
      server.lingering_.fetch_sub(1, std::memory_order_relaxed);
      return false;
    }
    lingering = true;
    server.Release(address);
    return true;
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  GuardedServer& server;
  const int fd;
  const std::string address;
  size_t requests = 0;
  Clock::time_point idle_since;
  size_t drained = 0;  // bytes dropped while lingering
  bool lingering = false;
};

GuardedServer::GuardedServer(ConnectionLimits limits) : limits_(std::move(limits)) {}

GuardedServer::~GuardedServer() = default;

bool GuardedServer::Contended() const {
  const BoundedTaskQueue* queue = queue_.load();
  return queue != nullptr && queue->waiting() > 0;
}

bool GuardedServer::Admit(const std::string& address) {
  if (std::find(limits_.exempt_addresses.begin(), limits_.exempt_addresses.end(), address) !=
      limits_.exempt_addresses.end()) {
    return true;
  }
  std::lock_guard<std::mutex> lock(addresses_mutex_);
  size_t& open = open_by_address_[address];
  if (open >= limits_.max_per_address) return false;
  ++open;
  return true;
}

void GuardedServer::Release(const std::string& address) {
  std::lock_guard<std::mutex> lock(addresses_mutex_);
  auto it = open_by_address_.find(address);
  if (it == open_by_address_.end()) return;  // exempt: never counted
  if (--it->second == 0) open_by_address_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  std::string address = PeerAddress(sock);
  if (!Admit(address)) {
    refused_.fetch_add(1, std::memory_order_relaxed);
    const std::string body =
        ErrorJson(ErrorCodeFor(ErrorKind::kRateLimited),
                  "te veel gelijktijdige verbindingen vanaf uw adres (hoogstens " +
                      std::to_string(limits_.max_per_address) +
                      "); sluit verbindingen of probeer het zo opnieuw");
    const std::string answer =
        "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Content-Length: " +
        std::to_string(body.size()) +
        "\r\nRetry-After: 1\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + body;
    [[maybe_unused]] const ssize_t sent = send(sock, answer.data(), answer.size(), MSG_NOSIGNAL);
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return false;
  }
  Serve(std::make_shared<Connection>(*this, sock, std::move(address)));
  return true;
}

void GuardedServer::Serve(std::shared_ptr<Connection> connection) {
  ConnectionStream stream(connection->fd, limits_, [this] { return Contended(); });
  BoundedTaskQueue* queue = queue_.load();
  if (queue == nullptr) return;
  for (size_t served_here = 0;
       svr_sock_ != INVALID_SOCKET && connection->requests < keep_alive_max_count_; ++served_here) {
    // Only an empty buffer may leave this worker (nothing read is lost when the stream goes).
    if (!stream.buffered()) {
      const bool contended = Contended();
      if (!PollFor(connection->fd, POLLIN, contended ? milliseconds(0) : kLinger)) {
        // Nothing to read yet: wait for the next request without a worker.
        queue->Park(connection->fd, connection->idle_since + limits_.idle_time,
                    [this, connection](bool readable) {
                      if (readable) Serve(connection);
                    });
        return;
      }
      if (contended && served_here > 0) {
        // Its next request is there, but so are other connections: they go first.
        queue->Requeue([this, connection] { Serve(connection); });
        return;
      }
    }
    stream.BeginRequest();
    const bool last = connection->requests + 1 >= keep_alive_max_count_;
    bool closed = false;
    const bool answered = process_request(stream, last, closed, nullptr);
    ++connection->requests;
    connection->idle_since = Clock::now();
    if (stream.cut_off()) cut_off_.fetch_add(1, std::memory_order_relaxed);
    if (!answered || closed || last) {
      // Our side is done: say so (FIN), then drop what the client still sends until it closes.
      ::shutdown(connection->fd, SHUT_WR);
      if (connection->StartLingering()) Linger(std::move(connection), Clock::now() + kLingerTime);
      return;
    }
  }
}

void GuardedServer::Linger(std::shared_ptr<Connection> connection, Clock::time_point until) {
  char sink[65536];
  for (;;) {
    const ssize_t n = recv(connection->fd, sink, sizeof sink, MSG_DONTWAIT);
    if (n > 0) {
      connection->drained += static_cast<size_t>(n);
      if (connection->drained > kLingerBytes) return;  // a client that never stops: close
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && Clock::now() < until) break;
    if (n < 0 && errno == EINTR) continue;
    return;  // the client closed (or failed, or took too long): close
  }
  BoundedTaskQueue* queue = queue_.load();
  if (queue == nullptr) return;
  const int fd = connection->fd;
  queue->Park(fd, until, [this, connection, until](bool readable) {
    if (readable) Linger(connection, until);
  });
}

}  // namespace kb::http

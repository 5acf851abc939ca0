// GuardedServer: httplib's Server with the connection handling a public daemon needs.
//
// httplib 0.11 gives a connection one worker thread from accept to close and reads a request
// with a per-read timeout only, so a client that sends a header byte every few seconds, or
// nothing at all, holds a worker for as long as it likes; and requests pipelined in one write
// are read into a per-request buffer and lost. GuardedServer replaces httplib's per-connection
// loop (process_and_close_socket, virtual for this purpose) and keeps its request parsing,
// routing and response writing (process_request):
//  - a connection holds a worker only while it has a request to read or an answer to write; a
//    silent connection, or a kept-alive one between requests, is parked (BoundedTaskQueue::Park)
//    and resumes when its next request arrives;
//  - a request line and headers must arrive within ConnectionLimits::header_time and
//    max_header_bytes; while other connections wait for a worker, a request still incomplete
//    after slow_after loses its worker (the connection is closed);
//  - bodies and answers move at min_bytes_per_second or faster after header_time;
//  - at most max_per_address connections per client address (a trusted proxy is exempt; it
//    limits its own clients), more are answered 429;
//  - requests pipelined in one write are answered in order from one connection buffer;
//  - after the last answer the connection lingers (up to 2 s, parked) dropping what the client
//    still sends, so a refused upload's client reads the refusal instead of a reset.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <httplib.h>

#include "kb/http/bounded_task_queue.h"

namespace kb::http {

struct ConnectionLimits {
  std::chrono::milliseconds header_time{10'000};
  std::chrono::milliseconds slow_after{250};
  // How long a connection may stay silent before its (next) request; parked meanwhile.
  std::chrono::milliseconds idle_time{5'000};
  size_t max_header_bytes = 64 * 1024;
  size_t min_bytes_per_second = 32 * 1024;
  size_t max_per_address = 128;
  std::vector<std::string> exempt_addresses;  // e.g. the trusted reverse proxy
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits);
  ~GuardedServer() override;

  // The queue of the current listen(), from new_task_queue; for parking and contention.
  void AttachQueue(BoundedTaskQueue* queue) { queue_.store(queue); }

  // Connections refused because their address had max_per_address open already.
  uint64_t refused() const { return refused_.load(std::memory_order_relaxed); }
  // Requests cut off: headers too slow, too large, or a body or answer below the minimum rate.
  uint64_t cut_off() const { return cut_off_.load(std::memory_order_relaxed); }

 private:
  struct Connection;
  friend struct Connection;

  bool process_and_close_socket(socket_t sock) override;
  // Serves requests on `connection` until it closes or is parked.
  void Serve(std::shared_ptr<Connection> connection);
  // Reads and drops what the client still sends after our last answer, until it closes or
  // `until`; parked in between.
  void Linger(std::shared_ptr<Connection> connection, std::chrono::steady_clock::time_point until);
  bool Contended() const;
  bool Admit(const std::string& address);
  void Release(const std::string& address);

  const ConnectionLimits limits_;
  std::atomic<BoundedTaskQueue*> queue_{nullptr};
  std::mutex addresses_mutex_;
  std::map<std::string, size_t> open_by_address_;
  std::atomic<size_t> lingering_{0};  // connections in Linger (guarded_server.cpp)
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> cut_off_{0};
};

}  // namespace kb::http

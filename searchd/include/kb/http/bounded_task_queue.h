// BoundedTaskQueue: the HTTP server's worker threads, with a bounded queue of waiting
// connections, and a parking place for connections that have nothing to read.
//
// When the queue is full, enqueue() blocks the accepting thread, so excess clients wait in the
// kernel's listen backlog instead of growing memory without limit. A connection with no request
// to read (a fresh one whose client has not written yet, or a kept-alive one between requests)
// is parked: it holds a file descriptor in an epoll set, not a worker, until its next request
// arrives. Silent clients therefore cannot occupy the workers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace kb::http {

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  using Clock = std::chrono::steady_clock;
  // Called once for a parked connection: with true on a worker when it became readable, with
  // false on the parking thread when its deadline passed, it was evicted or the queue shuts down.
  using Resume = std::function<void(bool readable)>;

  BoundedTaskQueue(size_t threads, size_t max_queued, size_t max_parked = kDefaultMaxParked);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // Parks `fd` until it is readable or `deadline`. When max_parked connections are parked
  // already, the one parked longest ago is given up (its client is the slowest to speak).
  void Park(int fd, Clock::time_point deadline, Resume resume);

  // Queues a connection that was served already and has its next request waiting, behind the
  // others; never blocks (it is not a new connection, so max_queued does not hold it back).
  // Dropped (with the connection it holds) once the queue shuts down.
  void Requeue(std::function<void()> fn);

  // Accepted connections that no worker has taken yet.
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }
  size_t parked() const { return parked_count_.load(std::memory_order_relaxed); }

  static constexpr size_t kDefaultMaxParked = 4096;

 private:
  struct Parked {
    Clock::time_point deadline;
    uint64_t order;  // when it was parked, for eviction
    Resume resume;
  };

  // Queues `fn` for a worker; false once the queue shuts down (fn is not run).
  bool Submit(std::function<void()> fn);
  void Work();
  void WatchParked();
  // Takes `fd` out of the parking place; caller holds parked_mutex_.
  Resume Unpark(int fd);

  const size_t max_queued_;
  const size_t max_parked_;
  std::mutex mutex_;
  std::condition_variable has_work_;
  std::condition_variable has_room_;
  std::deque<std::function<void()>> queue_;
  std::atomic<size_t> waiting_{0};
  bool shutdown_ = false;
  std::vector<std::thread> threads_;

  std::mutex parked_mutex_;
  std::map<int, Parked> parked_;  // by file descriptor
  uint64_t parked_order_ = 0;
  std::atomic<size_t> parked_count_{0};
  bool parking_closed_ = false;
  int epoll_fd_ = -1;
  std::atomic<bool> stop_watching_{false};
  std::thread watcher_;
};

}  // namespace kb::http

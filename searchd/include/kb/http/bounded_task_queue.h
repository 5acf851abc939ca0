// BoundedTaskQueue: the HTTP server's worker threads, with a bounded queue of waiting
// connections. When the queue is full, enqueue() blocks the accepting thread, so excess clients
// wait in the kernel's listen backlog instead of growing memory without limit.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace kb::http {

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(size_t threads, size_t max_queued);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // Accepted connections that no worker has taken yet. A worker holds its connection for as
  // long as the client keeps it alive, so the server closes kept-alive connections while this
  // is above zero; otherwise a connection accepted behind busy ones waits seconds for a worker.
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

 private:
  void Work();

  const size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable has_work_;
  std::condition_variable has_room_;
  std::deque<std::function<void()>> queue_;
  std::atomic<size_t> waiting_{0};
  bool shutdown_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kb::http

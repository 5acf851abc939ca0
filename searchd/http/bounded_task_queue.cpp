#include "kb/http/bounded_task_queue.h"

#include <algorithm>

#include <sys/epoll.h>
#include <unistd.h>

namespace kb::http {

namespace {

// How often the parking thread looks for deadlines that passed.
constexpr int kParkedTickMs = 100;

}  // namespace

BoundedTaskQueue::BoundedTaskQueue(size_t threads, size_t max_queued, size_t max_parked)
    : max_queued_(std::max<size_t>(max_queued, 1)), max_parked_(std::max<size_t>(max_parked, 1)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i)
    threads_.emplace_back([this] { Work(); });
  watcher_ = std::thread([this] { WatchParked(); });
}

BoundedTaskQueue::~BoundedTaskQueue() {
  shutdown();
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

void BoundedTaskQueue::enqueue(std::function<void()> fn) { Submit(std::move(fn)); }

bool BoundedTaskQueue::Submit(std::function<void()> fn) {
  std::unique_lock<std::mutex> lock(mutex_);
  has_room_.wait(lock, [&] { return shutdown_ || queue_.size() < max_queued_; });
  if (shutdown_) return false;
  queue_.push_back(std::move(fn));
  waiting_.store(queue_.size(), std::memory_order_relaxed);
  lock.unlock();
  has_work_.notify_one();
  return true;
}

void BoundedTaskQueue::Requeue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_) return;
    queue_.push_back(std::move(fn));
    waiting_.store(queue_.size(), std::memory_order_relaxed);
  }
  has_work_.notify_one();
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_ && threads_.empty()) return;
    shutdown_ = true;
  }
  has_work_.notify_all();
  has_room_.notify_all();
  // Parked connections are closed first (the watcher gives each up), then the workers drain
  // what was accepted: those clients are waiting for an answer.
  stop_watching_.store(true);
  if (watcher_.joinable()) watcher_.join();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void BoundedTaskQueue::Park(int fd, Clock::time_point deadline, Resume resume) {
  Resume evicted;
  {
    std::lock_guard<std::mutex> lock(parked_mutex_);
    if (parking_closed_ || epoll_fd_ < 0) {
      evicted = std::move(resume);
    } else {
      if (parked_.size() >= max_parked_) {
        auto oldest = std::min_element(
            parked_.begin(), parked_.end(),
            [](const auto& a, const auto& b) { return a.second.order < b.second.order; });
        evicted = Unpark(oldest->first);
      }
      epoll_event event{};
      event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
      event.data.fd = fd;
      parked_[fd] = Parked{deadline, parked_order_++, std::move(resume)};
      if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) {
        Resume failed = Unpark(fd);
        if (!evicted)
          evicted = std::move(failed);
        else
          failed(false);  // both given up; rare enough to run under the lock
      }
      parked_count_.store(parked_.size(), std::memory_order_relaxed);
    }
  }
  if (evicted) evicted(false);
}

BoundedTaskQueue::Resume BoundedTaskQueue::Unpark(int fd) {
  auto it = parked_.find(fd);
  if (it == parked_.end()) return {};
  Resume resume = std::move(it->second.resume);
  parked_.erase(it);
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  parked_count_.store(parked_.size(), std::memory_order_relaxed);
  return resume;
}

void BoundedTaskQueue::WatchParked() {
  std::vector<epoll_event> events(64);
  while (!stop_watching_.load()) {
    const int n = epoll_fd_ < 0 ? 0
                                : epoll_wait(epoll_fd_, events.data(),
                                             static_cast<int>(events.size()), kParkedTickMs);
    std::vector<Resume> ready;
    std::vector<Resume> expired;
    {
      std::lock_guard<std::mutex> lock(parked_mutex_);
      for (int i = 0; i < n; ++i) {
        if (Resume r = Unpark(events[i].data.fd)) ready.push_back(std::move(r));
      }
      const auto now = Clock::now();
      std::vector<int> late;
      for (const auto& [fd, parked] : parked_) {
        if (parked.deadline <= now) late.push_back(fd);
      }
      for (int fd : late) expired.push_back(Unpark(fd));
    }
    for (auto& r : ready) {
      auto shared = std::make_shared<Resume>(std::move(r));
      if (!Submit([shared] { (*shared)(true); })) (*shared)(false);
    }
    for (auto& r : expired) r(false);
  }
  std::vector<Resume> left;
  {
    std::lock_guard<std::mutex> lock(parked_mutex_);
    parking_closed_ = true;
    while (!parked_.empty()) left.push_back(Unpark(parked_.begin()->first));
  }
  for (auto& r : left) r(false);
}

void BoundedTaskQueue::Work() {
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      has_work_.wait(lock, [&] { return shutdown_ || !queue_.empty(); });
      // Drain what was accepted before shutting down: those clients are waiting for an answer.
      if (queue_.empty()) return;
      fn = std::move(queue_.front());
      queue_.pop_front();
      waiting_.store(queue_.size(), std::memory_order_relaxed);
    }
    has_room_.notify_one();
    fn();
  }
}

}  // namespace kb::http

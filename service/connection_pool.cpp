#include "service/connection_pool.h"

namespace bpc::service {

ConnectionPool::ConnectionPool(const std::string& target, std::size_t size) {
  const auto writers = std::make_shared<std::mutex>();
  for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
    idle_.push_back(open_connection(target, writers));
  }
}

ConnectionPool::Lease ConnectionPool::borrow() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  std::unique_ptr<Connection> connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace bpc::service

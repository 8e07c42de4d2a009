#pragma once

// A fixed set of database connections, lent one per call: a connection is used by one thread at
// a time, and opening one per request would cost more than the request.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "service/database.h"

namespace bpc::service {

class ConnectionPool {
 public:
  // `target`: a SQLite file or a PostgreSQL URL (database.h).
  ConnectionPool(const std::string& target, std::size_t size);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.give_back(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Waits until a connection is free.
  Lease borrow();

 private:
  void give_back(std::unique_ptr<Connection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace bpc::service

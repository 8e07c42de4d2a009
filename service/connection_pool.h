#pragma once

// A fixed set of SQLite connections to one database, lent one per call: SQLite connections are
// not shared between threads, and opening one per request would cost more than the request.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "service/sqlite.h"

namespace bpc::service {

class ConnectionPool {
 public:
  ConnectionPool(const std::string& path, std::size_t size);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<SqliteConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.give_back(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SqliteConnection& operator*() const { return *connection_; }
    SqliteConnection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<SqliteConnection> connection_;
  };

  // Waits until a connection is free.
  Lease borrow();

 private:
  void give_back(std::unique_ptr<SqliteConnection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace bpc::service

#pragma once

// Moves SQLite's write-ahead log into the database file from a thread of its own, a few times a
// second, so that no request does it. Left to SQLite (wal_autocheckpoint), the commit that
// crosses 1,000 log pages runs the checkpoint itself, with its fsyncs: that request's latency is
// the p99 of every write. The store's connections turn automatic checkpoints off
// (sqlite_database.cpp) and the store runs one of these (store.cpp). A PASSIVE checkpoint waits
// for no reader and no writer; what it cannot copy now it copies on a later turn. Once the log
// passes 16 MiB, a RESTART checkpoint makes the next writes start again at its beginning (it
// waits for the readers of the moment, and this process's writers wait for it: a pause of a few
// milliseconds every few thousand writes). The file keeps its size, so writes do not grow it
// again (TRUNCATE, measured, made the p99 worse).

#include <chrono>

#include "service/connection_pool.h"
#include "service/repeating_task.h"

namespace bpc::service {

class Checkpointer {
 public:
  Checkpointer(ConnectionPool& pool, std::chrono::milliseconds interval);

 private:
  void checkpoint();

  ConnectionPool& pool_;
  RepeatingTask task_;  // last: started once the pool is known
};

}  // namespace bpc::service

#pragma once

// A Store in memory: each entity's records by id, an undo log per transaction, one lock for the
// whole store (transactions run one at a time). For tests and development; the data goes with
// the process.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

class MemoryStore final : public Store {
 public:
  MemoryStore();
  ~MemoryStore() override;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  Repository& repository(const EntityDescriptor& entity) override;
  void transaction(const std::function<void()>& work) override;
  void append_outbox(const Event& event) override;
  std::vector<Event> outbox() override;

  class Table;

 private:
  friend class Table;
  std::recursive_mutex lock_;
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables_;
  std::vector<Event> outbox_;
  // What undoes each write of the running transaction, newest last.
  std::vector<std::function<void()>> undo_;
  bool in_transaction_ = false;
};

}  // namespace bpc::runtime

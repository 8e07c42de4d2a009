#pragma once

// Which records a caller sees. A record of an entity with a `@tenant` field belongs to one tenant,
// and one with an `@owner` field to one caller: the service sets those fields from the caller when
// it creates the record, and a caller sees and changes only records holding its own tenant and
// identity. A record of an entity with a `@deletedAt` field is hidden from everyone once a delete
// sets the field, until it is restored. ScopedStore wraps the store a request works on so that the
// records a caller may not see do not exist: `get` finds nothing (404), lists and totals leave
// them out, and a reference to one names no record (409). Routes and hand-written operations use
// the scoped store, so no handler writes the conditions itself. A caller whose token names no
// tenant (or identity of the field's kind) may not touch a scoped entity (403).

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bpc/runtime/access.h"
#include "bpc/runtime/store.h"

namespace bpc::runtime {

// What the caller's claim puts in a scope field of the entity (403 when it has none).
Json claim_for(const EntityDescriptor& entity, const Principal* principal, Scope::Claim claim);

class ScopedStore final : public Store {
 public:
  struct View {
    bool deleted = false;       // deleted records are there too (to restore one)
    bool every_tenant = false;  // every tenant's and owner's records (the service's own work)
  };

  // `principal` may be null (an open operation): then scoped entities are refused (403).
  ScopedStore(Store& all, const Principal* principal, View view);
  ScopedStore(Store& all, const Principal* principal) : ScopedStore(all, principal, View{}) {}

  Repository& repository(const EntityDescriptor& entity) override;
  void transaction(const std::function<void()>& work) override { all_.transaction(work); }
  void append_outbox(const Event& event) override { all_.append_outbox(event); }
  std::vector<Event> outbox() override { return all_.outbox(); }

  // The whole store behind it, for the rules a write sets off beyond what the caller sees.
  Store& all() { return all_; }

 private:
  Store& all_;
  const Principal* principal_;
  View view_;
  std::map<std::string, std::unique_ptr<Repository>, std::less<>> repositories_;
};

}  // namespace bpc::runtime

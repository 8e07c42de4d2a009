#include "bpc/runtime/memory_store.h"

#include <algorithm>

namespace bpc::runtime {

namespace {

// The value of a field of a record; null when it has none.
const Json& field_of(const Json& record, const std::string& field) {
  static const Json none;
  const auto it = record.find(field);
  return it == record.end() ? none : *it;
}

}  // namespace

class MemoryStore::Table final : public Repository {
 public:
  Table(MemoryStore& store, const EntityDescriptor& entity) : store_(store), entity_(entity) {}

  std::optional<Json> get(const Json& id) override {
    const auto it = records_.find(id.dump());
    if (it == records_.end()) return std::nullopt;
    return it->second;
  }

  Page list(const ListQuery& query) override {
    std::vector<const Json*> matching;
    for (const auto& [key, record] : records_) {
      if (matches(query, record)) matching.push_back(&record);
    }
    const OrderKind id_kind = OrderKind::of(entity_.integer_id ? OrderKind::Kind::Number : OrderKind::Kind::Text);
    std::stable_sort(matching.begin(), matching.end(), [&](const Json* a, const Json* b) {
      for (const SortKey& key : query.order) {
        const OrderKind* kind = order_kind(key.field);
        if (kind == nullptr) continue;
        const Json& x = field_of(*a, key.field);
        const Json& y = field_of(*b, key.field);
        int order = compare_values(*kind, x, y);
        if (key.descending && !x.is_null() && !y.is_null()) order = -order;  // no value stays last
        if (order != 0) return order < 0;
      }
      return compare_values(id_kind, field_of(*a, entity_.id_field), field_of(*b, entity_.id_field)) < 0;
    });
    Page page;
    page.total = static_cast<std::int64_t>(matching.size());
    const auto first = std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(query.offset, 0)), matching.size());
    const auto last = std::min<std::size_t>(first + static_cast<std::size_t>(std::max<std::int64_t>(query.limit, 0)), matching.size());
    for (std::size_t i = first; i < last; ++i) page.items.push_back(*matching[i]);
    return page;
  }

  void insert(const Json& record) override {
    const std::string key = field_of(record, entity_.id_field).dump();
    if (records_.contains(key)) throw UniqueViolation(entity_.name, {entity_.id_field});
    check_unique(record, nullptr);
    records_[key] = record;
    store_.undo_.emplace_back([this, key] { records_.erase(key); });
  }

  void replace(const Json& record) override {
    const std::string key = field_of(record, entity_.id_field).dump();
    const auto it = records_.find(key);
    if (it == records_.end()) return insert(record);
    check_unique(record, &key);
    Json before = it->second;
    it->second = record;
    store_.undo_.emplace_back([this, key, before = std::move(before)] { records_[key] = before; });
  }

  bool remove(const Json& id) override {
    const std::string key = id.dump();
    const auto it = records_.find(key);
    if (it == records_.end()) return false;
    Json before = std::move(it->second);
    records_.erase(it);
    store_.undo_.emplace_back([this, key, before = std::move(before)] { records_[key] = before; });
    return true;
  }

  std::vector<Json> referencing(const std::string& field, bool many, const Json& id) override {
    std::vector<Json> out;
    for (const auto& [key, record] : records_) {
      const Json& value = field_of(record, field);
      const bool holds = many ? (value.is_array() && std::find(value.begin(), value.end(), id) != value.end()) : value == id;
      if (holds) out.push_back(record);
    }
    return out;
  }

  std::int64_t next_id() override {
    std::int64_t largest = 0;
    for (const auto& [key, record] : records_) {
      const Json& id = field_of(record, entity_.id_field);
      if (id.is_number_integer()) largest = std::max(largest, id.get<std::int64_t>());
    }
    return largest + 1;
  }

 private:
  const OrderKind* order_kind(const std::string& field) const {
    const auto it = entity_.order.find(field);
    return it == entity_.order.end() ? nullptr : &it->second;
  }

  bool matches(const ListQuery& query, const Json& record) const {
    for (const Condition& condition : query.where) {
      if (!meets(condition, field_of(record, condition.field), order_kind(condition.field))) return false;
    }
    if (!query.search) return true;
    return std::any_of(query.search->fields.begin(), query.search->fields.end(),
                       [&](const std::string& field) { return contains_text(field_of(record, field), query.search->text); });
  }

  // UniqueViolation when another record (not the one stored under `self`) holds the same values
  // of a unique key that has no null in it.
  void check_unique(const Json& record, const std::string* self) const {
    for (const std::vector<std::string>& key : entity_.unique) {
      if (std::any_of(key.begin(), key.end(), [&](const std::string& field) { return field_of(record, field).is_null(); })) continue;
      for (const auto& entry : records_) {
        if (self != nullptr && entry.first == *self) continue;
        const Json& other = entry.second;  // a structured binding: clang 14 cannot capture one
        if (std::all_of(key.begin(), key.end(), [&](const std::string& field) { return field_of(record, field) == field_of(other, field); })) {
          throw UniqueViolation(entity_.name, key);
        }
      }
    }
  }

  MemoryStore& store_;
  const EntityDescriptor& entity_;
  std::map<std::string, Json> records_;  // by the id's JSON text
};

MemoryStore::MemoryStore() = default;
MemoryStore::~MemoryStore() = default;

Repository& MemoryStore::repository(const EntityDescriptor& entity) {
  const std::lock_guard guard(lock_);
  auto it = tables_.find(entity.name);
  if (it == tables_.end()) it = tables_.emplace(entity.name, std::make_unique<Table>(*this, entity)).first;
  return *it->second;
}

void MemoryStore::transaction(const std::function<void()>& work) {
  const std::lock_guard guard(lock_);
  if (in_transaction_) return work();  // nested: part of the outer one
  in_transaction_ = true;
  undo_.clear();
  const std::size_t outbox_size = outbox_.size();
  try {
    work();
  } catch (...) {
    for (std::size_t i = undo_.size(); i-- > 0;) undo_[i]();  // newest first
    outbox_.resize(outbox_size);
    undo_.clear();
    in_transaction_ = false;
    throw;
  }
  undo_.clear();
  in_transaction_ = false;
}

void MemoryStore::append_outbox(const Event& event) {
  const std::lock_guard guard(lock_);
  outbox_.push_back(event);
}

std::vector<Event> MemoryStore::outbox() {
  const std::lock_guard guard(lock_);
  return outbox_;
}

}  // namespace bpc::runtime

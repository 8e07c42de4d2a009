#include "bpc/runtime/scope.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "bpc/runtime/problem.h"

namespace bpc::runtime {

namespace {

std::optional<Json> claimed(const Scope& scope, const Principal* principal) {
  if (principal == nullptr) return std::nullopt;
  const std::optional<std::string> claim = scope.claim == Scope::Claim::Tenant ? principal->tenant : std::optional(principal->subject);
  if (!claim || claim->empty()) return std::nullopt;
  if (!scope.integer) return Json(*claim);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(claim->data(), claim->data() + claim->size(), number);
  if (error != std::errc() || end != claim->data() + claim->size() || number > 9007199254740991 || number < -9007199254740991) {
    return std::nullopt;
  }
  return Json(number);
}

Json required(const EntityDescriptor& entity, const Scope& scope, const Principal* principal) {
  if (std::optional<Json> value = claimed(scope, principal)) return std::move(*value);
  throw HttpProblem(403, "Forbidden",
                    scope.claim == Scope::Claim::Tenant
                        ? entity.name + " records belong to a tenant, and the caller's token names none"
                        : entity.name + " records belong to a caller, and the caller's token names no identity they can hold");
}

const Json& field_of(const Json& record, const std::string& field) {
  static const Json none;
  const auto it = record.find(field);
  return it == record.end() ? none : *it;
}

class ScopedRepository final : public Repository {
 public:
  ScopedRepository(Repository& inner, const EntityDescriptor& entity, std::vector<Condition> scope, std::string hidden)
      : inner_(inner), entity_(entity), scope_(std::move(scope)), hidden_(std::move(hidden)) {}

  std::optional<Json> get(const Json& id) override {
    std::optional<Json> record = inner_.get(id);
    if (record && !visible(*record)) return std::nullopt;
    return record;
  }

  Page list(const ListQuery& query) override {
    ListQuery scoped = query;
    scoped.where = scope_;
    if (!hidden_.empty()) scoped.where.push_back(Condition{hidden_, Operator::Absent, nullptr});
    scoped.where.insert(scoped.where.end(), query.where.begin(), query.where.end());
    return inner_.list(scoped);
  }

  void insert(const Json& record) override {
    must_be_in_scope(record);
    inner_.insert(record);
  }

  void replace(const Json& record) override {
    must_be_in_scope(record);
    if (!get(field_of(record, entity_.id_field))) throw std::logic_error(entity_.name + ": not a record the caller sees");
    inner_.replace(record);
  }

  bool remove(const Json& id) override { return get(id) && inner_.remove(id); }

  std::vector<Json> referencing(const std::string& field, bool many, const Json& id) override {
    std::vector<Json> out = inner_.referencing(field, many, id);
    out.erase(std::remove_if(out.begin(), out.end(), [&](const Json& record) { return !visible(record); }), out.end());
    return out;
  }

  std::int64_t next_id() override { return inner_.next_id(); }

 private:
  bool in_scope(const Json& record) const {
    return std::all_of(scope_.begin(), scope_.end(), [&](const Condition& c) { return field_of(record, c.field) == c.value; });
  }

  bool visible(const Json& record) const { return in_scope(record) && (hidden_.empty() || field_of(record, hidden_).is_null()); }

  // A write of a record outside the caller's scope is a bug in the code that made it.
  void must_be_in_scope(const Json& record) const {
    if (!in_scope(record)) throw std::logic_error(entity_.name + ": a record of another tenant or owner");
  }

  Repository& inner_;
  const EntityDescriptor& entity_;
  std::vector<Condition> scope_;
  std::string hidden_;
};

}  // namespace

Json claim_for(const EntityDescriptor& entity, const Principal* principal, Scope::Claim claim) {
  for (const Scope& scope : entity.scope) {
    if (scope.claim == claim) return required(entity, scope, principal);
  }
  throw std::logic_error(entity.name + " has no such scope field");
}

ScopedStore::ScopedStore(Store& all, const Principal* principal, View view) : all_(all), principal_(principal), view_(view) {}

Repository& ScopedStore::repository(const EntityDescriptor& entity) {
  Repository& inner = all_.repository(entity);
  const std::string hidden = view_.deleted ? std::string() : entity.soft_delete;
  const bool scoped = !entity.scope.empty() && !view_.every_tenant;
  if (!scoped && hidden.empty()) return inner;
  const auto it = repositories_.find(entity.name);
  if (it != repositories_.end()) return *it->second;
  std::vector<Condition> conditions;
  if (scoped) {
    for (const Scope& scope : entity.scope) conditions.push_back(Condition{scope.field, Operator::Equal, required(entity, scope, principal_)});
  }
  auto repository = std::make_unique<ScopedRepository>(inner, entity, std::move(conditions), hidden);
  Repository& out = *repository;
  repositories_.emplace(entity.name, std::move(repository));
  return out;
}

}  // namespace bpc::runtime

#include "bpc/runtime/crud.h"

#include <algorithm>
#include <set>
#include <utility>

#include "bpc/runtime/events.h"
#include "bpc/runtime/problem.h"

namespace bpc::runtime {

namespace {

const EntityDescriptor& descriptor(const Entities& entities, const std::string& name) {
  const auto it = entities.find(name);
  if (it == entities.end()) throw std::logic_error("unknown entity " + name);
  return *it->second;
}

// Who refers to records of each entity.
struct Referrer {
  const EntityDescriptor* source;
  const Reference* reference;
};

std::map<std::string, std::vector<Referrer>, std::less<>> referrers(const Entities& entities) {
  std::map<std::string, std::vector<Referrer>, std::less<>> out;
  for (const auto& [name, source] : entities) {
    for (const Reference& reference : source->references) out[reference.target].push_back({source, &reference});
  }
  return out;
}

}  // namespace

void check_references(Store& store, const Entities& entities, const std::vector<Reference>& references, const Json& record) {
  for (const Reference& reference : references) {
    const auto it = record.find(reference.field);
    if (it == record.end() || it->is_null()) continue;
    Repository& target = store.repository(descriptor(entities, reference.target));
    const std::vector<Json> ids = it->is_array() ? std::vector<Json>(it->begin(), it->end()) : std::vector<Json>{*it};
    for (const Json& id : ids) {
      if (target.get(id)) continue;
      const std::string detail = reference.field + ": no " + reference.target + " has the id " + id.dump();
      throw conflict(detail, {{reference.field, detail}});
    }
  }
}

Json get_or_not_found(Repository& repository, const EntityDescriptor& entity, const Json& id) {
  std::optional<Json> record = repository.get(id);
  if (!record) throw not_found(entity.name + " " + id.dump());
  return std::move(*record);
}

void writing(const std::function<void()>& work) {
  try {
    work();
  } catch (const UniqueViolation& violation) {
    const std::vector<std::string>& fields = violation.fields();
    std::string names;
    for (const std::string& field : fields) names += (names.empty() ? "" : ", ") + field;
    const std::string detail = fields.size() == 1 ? names + ": another " + violation.entity() + " already has this value"
                                                  : names + ": another " + violation.entity() + " already has these values together";
    FieldErrors errors;
    for (const std::string& field : fields) errors.push_back({field, detail});
    throw conflict(detail, std::move(errors));
  }
}

std::vector<Removed> delete_record(Store& store, Store& everything, const Entities& entities, const EntityDescriptor& entity,
                                   const Json& id) {
  std::vector<Removed> removed{{&entity, get_or_not_found(store.repository(entity), entity, id)}};
  const auto to = referrers(entities);
  const auto key = [](const EntityDescriptor& e, const Json& record) { return e.name + '\0' + record.at(e.id_field).dump(); };
  std::set<std::string> removing{key(entity, removed[0].record)};
  const auto referring_to = [&](const Removed& current) -> const std::vector<Referrer>& {
    static const std::vector<Referrer> none;
    const auto it = to.find(current.entity->name);
    return it == to.end() ? none : it->second;
  };
  for (std::size_t next = 0; next < removed.size(); ++next) {
    const Removed current = removed[next];
    for (const Referrer& referrer : referring_to(current)) {
      if (referrer.reference->on_delete != OnDelete::Cascade || referrer.reference->many) continue;
      for (Json& record : everything.repository(*referrer.source).referencing(referrer.reference->field, false, current.record.at(current.entity->id_field))) {
        if (removing.insert(key(*referrer.source, record)).second) removed.push_back({referrer.source, std::move(record)});
      }
    }
  }
  for (const Removed& current : removed) {
    for (const Referrer& referrer : referring_to(current)) {
      if (referrer.reference->on_delete != OnDelete::Restrict) continue;
      const Json& current_id = current.record.at(current.entity->id_field);
      for (const Json& record : everything.repository(*referrer.source).referencing(referrer.reference->field, referrer.reference->many, current_id)) {
        if (removing.contains(key(*referrer.source, record))) continue;
        throw conflict(referrer.source->name + " " + record.at(referrer.source->id_field).dump() + " refers to this " +
                       current.entity->name + " through " + referrer.reference->field);
      }
    }
  }
  for (const Removed& current : removed) everything.repository(*current.entity).remove(current.record.at(current.entity->id_field));
  for (const Removed& current : removed) {
    for (const Referrer& referrer : referring_to(current)) {
      const Reference& reference = *referrer.reference;
      if (reference.on_delete == OnDelete::Restrict || (reference.on_delete == OnDelete::Cascade && !reference.many)) continue;
      Repository& sources = everything.repository(*referrer.source);
      const Json& current_id = current.record.at(current.entity->id_field);
      for (Json record : sources.referencing(reference.field, reference.many, current_id)) {
        Json& value = record[reference.field];
        if (value.is_array()) {
          value.erase(std::remove(value.begin(), value.end(), current_id), value.end());
        } else {
          value = nullptr;
        }
        touch(*referrer.source, record);
        sources.replace(record);
      }
    }
  }
  return removed;
}

void touch(const EntityDescriptor& entity, Json& record) {
  if (entity.touched.empty()) return;
  const std::string now = now_datetime();
  for (const std::string& field : entity.touched) record[field] = now;
}

Json present(const EntityDescriptor& entity, const Json& record) {
  if (entity.secret.empty()) return record;
  Json out = record;
  for (const std::string& field : entity.secret) out.erase(field);
  return out;
}

}  // namespace bpc::runtime

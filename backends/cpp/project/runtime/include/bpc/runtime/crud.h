#pragma once

// The record operations every resource shares: referential integrity on writes (a reference must
// name an existing record: 409) and on deletes (`@onDelete`: restrict answers 409 unless the
// referring record goes too, cascade deletes the referring records, setNull clears the
// reference), unique violations as 409 naming the fields, `@updatedAt` fields, and the response
// form of a record (without its `@secret` fields).

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

using Entities = std::map<std::string, const EntityDescriptor*, std::less<>>;

// 409 when one of the `references` (an entity's, or a trigger's arguments') of `record` names no
// existing record.
void check_references(Store& store, const Entities& entities, const std::vector<Reference>& references, const Json& record);

// The record with this id, or 404 naming it.
Json get_or_not_found(Repository& repository, const EntityDescriptor& entity, const Json& id);

// Runs a write, turning a unique violation into 409 naming the fields.
void writing(const std::function<void()>& work);

struct Removed {
  const EntityDescriptor* entity;
  Json record;
};

// Deletes a record and applies every `@onDelete` rule of the references to it, as one operation:
// first the records the delete removes (the addressed one, and by cascade every record whose
// reference to a removed one cascades, recursively); then a restrict reference from any record
// that is not itself removed refuses the whole delete (409); then the records are removed and the
// references of the others cleared (setNull, and the ids in lists). Returns every removed record,
// the addressed one first. The addressed record must be one the caller sees in `store`; the rules
// reach every record of `everything`, whoever's.
std::vector<Removed> delete_record(Store& store, Store& everything, const Entities& entities, const EntityDescriptor& entity,
                                   const Json& id);

// The record with its `@updatedAt` fields set to the current time.
void touch(const EntityDescriptor& entity, Json& record);

// The record as responses show it: without its `@secret` fields.
Json present(const EntityDescriptor& entity, const Json& record);

}  // namespace bpc::runtime

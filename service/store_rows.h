#pragma once

// Reads the store's .cpp files share (tenant_store.cpp, job_store.cpp); not for the API.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/database.h"
#include "service/errors.h"
#include "service/store.h"

namespace bpc::service {

std::optional<Version> load_version(Connection& connection, const std::string& tenant, const std::string& blueprint,
                                    std::int64_t number);
// The one integer `sql` selects, with `tenant` bound as ?1.
std::int64_t count(Connection& connection, const char* sql, const std::string& tenant);
Tier tier_of(Connection& connection, const std::string& tenant);
ApiError quota_exceeded(const std::string& what, std::int64_t limit);
// The strings of a column holding a JSON list of them (webhooks' event types, jobs' targets);
// anything else in it is skipped.
std::vector<std::string> string_list(const std::string& json_text);

}  // namespace bpc::service

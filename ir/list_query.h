#pragma once

// The query of a list route (`GET /patients`): which fields of an entity filter it, by equality,
// by one of several enum values or by a range, which sort it and which its text search matches,
// and what the query parameters are called. The desugar-resources pass declares them as the list
// operation's parameters and every backend serves them; both take the rules and names from here,
// so they cannot drift apart.
//
//   ?status=open&status=held   an indexed enum field: records with any of the values
//   ?city=Oslo                 any other indexed field (`@index`, `@unique`): equality
//   ?price[gte]=10&price[lt]=20  an indexed number, date or datetime field: a range
//   ?sort=-price,name          sort keys (the id and indexed scalar or enum fields), `-` descends
//   ?q=smith                   `@searchable` text fields contain the text, ignoring case
//
// It also says which list relations get a route of their own.

#include <cstdint>
#include <string>
#include <string_view>

#include "ir/ir.h"

namespace bpc::ir {

inline constexpr std::string_view kLimitParameter = "limit";
inline constexpr std::string_view kOffsetParameter = "offset";
inline constexpr std::string_view kSortParameter = "sort";
inline constexpr std::string_view kSearchParameter = "q";

// The bounds of a range filter: `gte`, `gt`, `lte`, `lt`.
enum class RangeBound : std::uint8_t { AtLeast, Above, AtMost, Below };
inline constexpr RangeBound kRangeBounds[] = {RangeBound::AtLeast, RangeBound::Above, RangeBound::AtMost,
                                              RangeBound::Below};
std::string_view range_bound_name(RangeBound bound);
// `price[gte]`.
std::string range_parameter(std::string_view field, RangeBound bound);

// How an entity field takes part in its entity's list routes.
struct ListRole {
  bool filter = false;      // `?field=value`: indexed or unique (alone or in a key), not the id, not @secret
  bool any_of = false;      // the filter takes several values (an enum): `?f=a&f=b`
  bool range = false;       // `field[gte]`...: a filter on a number, date or datetime
  bool sort_key = false;    // `sort=field`: the id, or a filter that is not a reference
  bool searchable = false;  // `q` matches it
};
ListRole list_role(const Module& module, FieldId field);

// Relation routes (`GET /customers/{id}/orders`): the entity whose records a list relation field
// holds (`orders: list<Order> @inverse(customer)`, or an owned `tags: list<Tag>`); none for other
// fields. An API serves the route when it serves the field's entity with `get` and lists the
// related entity.
EntityId related_list(const Module& module, FieldId field);
bool has_relation_route(const Module& module, FieldId field);

}  // namespace bpc::ir

#pragma once

// How blueprint names become parts of URLs, shared by the lowering (default operation routes)
// and the desugaring of resources (collection paths).

#include <string>
#include <string_view>

namespace bpc::ir {

// `searchPatients` -> `search-patients`, `snake_case` -> `snake-case`.
std::string kebab_case(std::string_view name);
// English plural of a lower-case word: `patient` -> `patients`, `category` -> `categories`,
// `address` -> `addresses`.
std::string plural(std::string word);

}  // namespace bpc::ir

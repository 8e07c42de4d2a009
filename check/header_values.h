#pragma once

// The spellings the blueprint header's properties accept: a semantic version, language tags, an
// SPDX license expression and a contact in npm's person format.

#include <optional>
#include <string>
#include <string_view>

namespace bpc::lowering {

// `1.4.0`, `2.0.0-rc.1`, `1.0.0+build.5`: three numbers, then an optional `-` pre-release and
// `+` build part of letters, digits, `.` and `-`.
bool is_semantic_version(std::string_view text);

// `en`, `ar`, `pt-BR`, `zh_Hant_TW`: two or three lower-case letters, then subtags of two to
// eight letters or digits, each after `-` or `_`.
bool is_language_tag(std::string_view text);

// An SPDX license expression (`MIT`, `Apache-2.0 OR MIT`, `GPL-2.0-or-later WITH
// Classpath-exception-2.0`, `(MIT AND BSD-3-Clause)`, `LicenseRef-Internal`): identifiers of
// letters, digits, `.`, `-` and a trailing `+`, joined by AND, OR and WITH, in balanced
// parentheses. The identifiers are not checked against the SPDX list, which grows.
bool is_spdx_expression(std::string_view text);

struct Contact {
  std::string name;
  std::string email;
  std::string url;
};

// `Clinic Team <team@clinic.example> (https://clinic.example/support)` (npm's person format):
// a name, an e-mail address in `<>` and a URL in `()`, each optional but one required; a bare
// e-mail address or http(s) URL also works. Returns the parts, or sets `problem` and returns
// nullopt.
std::optional<Contact> parse_contact(std::string_view text, std::string& problem);

}  // namespace bpc::lowering

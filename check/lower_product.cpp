// Phase 5: the blueprint header, intents and target blocks. Their bodies are property blocks
// (`name value, value...`); each kind of block accepts a fixed set of properties.

#include <algorithm>
#include <set>

#include "check/header_values.h"
#include "frontend/literals/string_literal.h"
#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

struct Property {
  std::string_view name;
  Lowerer::Site name_site;
  std::vector<Lowerer::Site> values;
};

std::vector<Property> properties_of(const Lowerer& lowerer, Lowerer::Site declaration) {
  const Tree& t = lowerer.tree(declaration.file);
  std::vector<Property> result;
  const NodeId block = t.child(declaration.node, NodeKind::PropertyBlock);
  for (NodeId node : t.children_of_kind(block, NodeKind::Property)) {
    auto child = t.children(node).begin();
    Property property{t.text(*child), {declaration.file, *child}, {}};
    for (++child; child != t.children(node).end(); ++child) {
      property.values.push_back({declaration.file, *child});
    }
    result.push_back(std::move(property));
  }
  return result;
}

}  // namespace

void Lowerer::lower_product() {
  // One value that must be a string, or one of a set of names.
  // Reports and returns false when the property is not one string.
  const auto single_string = [&](const Property& property, std::string& out) {
    auto value = property.values.size() == 1 ? lower_value(property.values[0]) : std::nullopt;
    if (!value || value->kind != ir::Value::Kind::String) {
      (void)report<DiagnosticKind::InvalidPropertyValue>(property.name_site, property.name, "one string");
      return false;
    }
    out = value->text;
    return true;
  };
  const auto single_name = [&](const Property& property, std::initializer_list<std::string_view> allowed,
                               std::string& out) {
    auto value = property.values.size() == 1 ? lower_value(property.values[0]) : std::nullopt;
    if (!value || value->kind != ir::Value::Kind::Name) {
      (void)report<DiagnosticKind::InvalidPropertyValue>(property.name_site, property.name,
                                                         fmt::format("one of: {}", fmt::join(allowed, ", ")));
      return;
    }
    if (std::find(allowed.begin(), allowed.end(), value->text) == allowed.end()) {
      (void)report_unknown(fmt::format("unknown {}", property.name), value->text, property.values[0], {allowed.begin(), allowed.end()});
      return;
    }
    out = value->text;
  };
  const auto check_properties = [&](const std::vector<Property>& properties,
                                    std::initializer_list<std::string_view> known, std::string_view owner) {
    std::set<std::string_view> seen;
    std::vector<const Property*> valid;
    for (const Property& property : properties) {
      if (std::find(known.begin(), known.end(), property.name) == known.end()) {
        (void)report_unknown(fmt::format("{} has no property", owner), property.name, property.name_site,
                             {known.begin(), known.end()});
        continue;
      }
      if (!seen.insert(property.name).second) {
        (void)report<DiagnosticKind::DuplicateMember>(property.name_site, "property", property.name, owner);
        continue;
      }
      valid.push_back(&property);
    }
    return valid;
  };

  // The header: from a root file; imported files' headers are ignored.
  std::vector<Site> root_headers;
  for (const Site& site : header_sites_) {
    if (program_.files[site.file].is_root) root_headers.push_back(site);
  }
  if (root_headers.empty()) {
    for (std::uint32_t file = 0; file < program_.files.size(); ++file) {
      if (!program_.files[file].is_root) continue;
      (void)diagnostics_.report<DiagnosticKind::MissingHeader>(
                                SourceSpan{tree(file).tokens().file(), 0, 0}, program_.files[file].path)
          .note("start the blueprint with `blueprint Name { version \"1.0.0\" }`");
      break;
    }
  }
  for (std::size_t i = 1; i < root_headers.size(); ++i) {
    (void)report<DiagnosticKind::DuplicateDeclaration>(Site{root_headers[i].file, name_node(root_headers[i])},
                 "blueprint")
        .label(span(Site{root_headers[0].file, name_node(root_headers[0])}), "first header")
        .note("a blueprint has one header; imported files' headers are ignored, but root files "
              "each count");
  }
  if (!root_headers.empty()) {
    const Site site = root_headers.front();
    ir::Header& header = module_.header;
    header.name = std::string(name_of(site));
    header.doc = doc(site);
    header.location = location(site);
    const auto properties = properties_of(*this, site);
    for (const Property* property : check_properties(
             properties, {"version", "domain", "platform", "locales", "description", "license", "contact"},
             "the blueprint header")) {
      if (property->name == "version") {
        single_string(*property, header.version);
        if (!header.version.empty() && !is_semantic_version(header.version)) {
          (void)report<DiagnosticKind::InvalidVersion>(property->values[0], header.version);
        }
      } else if (property->name == "domain") {
        single_string(*property, header.domain);
      } else if (property->name == "description") {
        single_string(*property, header.description);
      } else if (property->name == "license") {
        single_string(*property, header.license);
        if (!header.license.empty() && !is_spdx_expression(header.license)) {
          (void)report<DiagnosticKind::InvalidLicense>(property->values[0], quote_string_literal(header.license))
              .note("the OpenAPI documents give it as the license's SPDX identifier");
          header.license.clear();
        }
      } else if (property->name == "contact") {
        std::string text;
        if (!single_string(*property, text)) continue;  // it has no string to read a contact from
        std::string problem;
        if (const auto contact = parse_contact(text, problem)) {
          header.contact_name = contact->name;
          header.contact_email = contact->email;
          header.contact_url = contact->url;
        } else {
          (void)report<DiagnosticKind::InvalidContact>(property->values[0], quote_string_literal(text), problem)
              .note("write it as \"Name <email> (url)\", each part optional");
        }
      } else if (property->name == "platform") {
        single_name(*property, {"web", "mobile", "desktop", "api", "fullstack"}, header.platform);
      } else if (property->name == "locales") {
        std::vector<ir::Value> locales;
        for (const Site& value_site : property->values) {
          auto value = lower_value(value_site);
          if (!value) continue;
          if (value->kind == ir::Value::Kind::List) {
            locales.insert(locales.end(), value->items.begin(), value->items.end());
          } else {
            locales.push_back(*value);
          }
        }
        for (const ir::Value& value : locales) {
          if ((value.kind == ir::Value::Kind::Name || value.kind == ir::Value::Kind::String) &&
              is_language_tag(value.text)) {
            header.locales.push_back(value.text);
          } else {
            (void)report<DiagnosticKind::InvalidLocale>(property->name_site);
          }
        }
      }
    }
  }

  // Intents.
  for (const Site& site : intent_sites_) {
    const Tree& t = tree(site.file);
    ir::Intent intent;
    intent.kind = std::string(name_of(site));
    intent.title = string_value(Site{site.file, t.child(site.node, NodeKind::StringLiteral)});
    intent.doc = doc(site);
    intent.location = location(site);
    const std::string_view kinds[] = {"feature", "page", "component", "integration"};
    if (std::find(std::begin(kinds), std::end(kinds), intent.kind) == std::end(kinds)) {
      (void)report_unknown("unknown intent kind", intent.kind, Site{site.file, name_node(site)}, {std::begin(kinds), std::end(kinds)});
    }
    const NodeId priority = t.child(site.node, NodeKind::Priority);
    if (!priority.is_none()) {
      const Site priority_site{site.file, t.child(priority, NodeKind::Name)};
      intent.priority = std::string(t.text(priority_site.node));
      const std::string_view priorities[] = {"low", "medium", "high", "critical"};
      if (std::find(std::begin(priorities), std::end(priorities), intent.priority) == std::end(priorities)) {
        (void)report_unknown("unknown priority", intent.priority, priority_site, {std::begin(priorities), std::end(priorities)});
      }
    }
    const auto properties = properties_of(*this, site);
    for (const Property* property : check_properties(properties, {"description", "uses"},
                                                     fmt::format("intent \"{}\"", intent.title))) {
      if (property->name == "description") {
        single_string(*property, intent.description);
        continue;
      }
      for (const Site& value_site : property->values) {
        auto value = lower_value(value_site);
        if (!value || value->kind != ir::Value::Kind::Name) {
          (void)report<DiagnosticKind::InvalidPropertyValue>(value_site, property->name,
                                                             "the names of declarations: `uses ClinicApi, Booking`");
          continue;
        }
        if (const std::size_t dot = value->text.find('.'); dot != std::string::npos) {
          // `Api.operation`
          const std::string api_name = value->text.substr(0, dot);
          const std::string operation_name = value->text.substr(dot + 1);
          // Indexed by index_intent_use, which knows where each half of the name is.
          const Symbol* api = resolve_unindexed(api_name, value_site, {SymbolKind::Api}, "API");
          if (api == nullptr) continue;
          std::vector<std::string_view> names;
          bool found = false;
          for (ir::OperationId operation : module_.apis[api->index].operations) {
            names.push_back(module_.operations[operation.index].name);
            found |= module_.operations[operation.index].name == operation_name;
          }
          if (!found) {
            (void)report_unknown(fmt::format("API `{}` has no operation", api_name), operation_name,
                                 value_site, names);
            continue;
          }
          index_intent_use(value_site, value->text);
          intent.uses.push_back(value->text);
          continue;
        }
        if (find(value->text) == nullptr) {
          (void)report_unknown("unknown declaration", value->text, value_site,
                               names_of_kind({SymbolKind::Alias, SymbolKind::Enum, SymbolKind::Struct,
                                              SymbolKind::Entity, SymbolKind::Event, SymbolKind::Role,
                                              SymbolKind::Policy, SymbolKind::Workflow, SymbolKind::Api}));
          continue;
        }
        index_intent_use(value_site, value->text);
        intent.uses.push_back(value->text);
      }
    }
    module_.intents.push_back(std::move(intent));
  }

  // Targets: the backend's name; its options are validated by the backend.
  std::map<std::string_view, Site> seen_targets;
  for (const Site& site : target_sites_) {
    ir::Target target;
    target.name = std::string(name_of(site));
    target.doc = doc(site);
    target.location = location(site);
    const Site name_site{site.file, name_node(site)};
    if (const std::vector<std::string>* known = options_.known_targets;
        known != nullptr && std::find(known->begin(), known->end(), target.name) == known->end()) {
      (void)report_unknown("unknown target", target.name, name_site, {known->begin(), known->end()});
      continue;
    }
    if (const auto [it, inserted] = seen_targets.emplace(name_of(site), site); !inserted) {
      (void)report<DiagnosticKind::DuplicateMember>(name_site, "target", target.name, "this blueprint")
          .label(span(it->second), "first here");
      continue;
    }
    for (const Property& property : properties_of(*this, site)) {
      std::vector<ir::Value> values;
      for (const Site& value_site : property.values) {
        if (auto value = lower_value(value_site)) values.push_back(std::move(*value));
      }
      ir::Value option;
      if (values.size() == 1) {
        option = std::move(values[0]);
      } else {
        option.kind = ir::Value::Kind::List;
        option.items = std::move(values);
      }
      target.options.emplace_back(std::string(property.name), std::move(option));
    }
    module_.targets.push_back(std::move(target));
  }
}

}  // namespace bpc::lowering

#include "cli/rename_hints.h"

namespace bpc::cli {

// `Old=New` (an entity) or `Owner.old=new` (a field of an entity, a value of an enum); the error
// text when the hint is malformed.
std::string add_rename(const std::string& hint, backends::service::RenameHints& renames) {
  const std::size_t equals = hint.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == hint.size()) {
    return "expected Old=New or Owner.old=new, found `" + hint + "`";
  }
  const std::string from = hint.substr(0, equals);
  const std::string to = hint.substr(equals + 1);
  const std::size_t dot = from.find('.');
  if (dot == std::string::npos) {
    renames.entities[from] = to;
  } else if (dot == 0 || dot + 1 == from.size() || to.find('.') != std::string::npos) {
    return "expected Owner.old=new, found `" + hint + "`";
  } else {
    renames.members[from.substr(0, dot)][from.substr(dot + 1)] = to;
  }
  return {};
}


void MigrationFlags::add_to(CLI::App& command) {
  command.add_flag("--allow-data-loss", allow_data_loss,
                   "Drop removed tables and columns and convert changed column types instead of refusing");
  command
      .add_option("--rename", renames,
                  "A rename the versions cannot show: Old=New (an entity), Entity.old=new (a field), Enum.old=new (an enum "
                  "value); names as in the old version on the left. Repeatable")
      ->check(CLI::Validator(
          [](std::string& value) {
            backends::service::RenameHints ignored;
            return add_rename(value, ignored);
          },
          "RENAME"));
}

backends::service::MigrationOptions MigrationFlags::options() const {
  backends::service::MigrationOptions out;
  out.allow_data_loss = allow_data_loss;
  for (const std::string& hint : renames) add_rename(hint, out.renames);
  return out;
}

}  // namespace bpc::cli

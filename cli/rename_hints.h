#pragma once

// `--rename` hints of `bpc migrate` and `bpc build --migrate-from`: renames two versions of a
// blueprint cannot show (backends/service_model/migration.h).

#include <string>

#include <CLI/CLI.hpp>

#include "backends/service_model/migration.h"

namespace bpc::cli {

// Adds `hint` to `renames`; the error text when it is malformed, else empty.
std::string add_rename(const std::string& hint, backends::service::RenameHints& renames);

struct MigrationFlags {
  std::vector<std::string> renames;
  bool allow_data_loss = false;

  void add_to(CLI::App& command);
  backends::service::MigrationOptions options() const;
};

}  // namespace bpc::cli

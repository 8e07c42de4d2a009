// Prints a hand-built sample module for the schema test (tests/ir/schema_test.py) and for
// people: `bpc_ir_json_sample [--small] [--text]` writes the JSON form, or with --text the text
// dump, of the full sample module or, with --small, of the small clinic.

#include <iostream>
#include <string_view>

#include "ir/json.h"
#include "ir/printer.h"
#include "sample_module.h"

int main(int argc, char** argv) {
  bool small = false;
  bool text = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--small") {
      small = true;
    } else if (arg == "--text") {
      text = true;
    } else {
      std::cerr << "usage: bpc_ir_json_sample [--small] [--text]\n";
      return 2;
    }
  }
  const bpc::ir::Module module =
      small ? bpc::ir::testing::make_small_module() : bpc::ir::testing::make_sample_module();
  if (text) {
    bpc::ir::print_module(std::cout, module);
  } else {
    std::cout << bpc::ir::module_to_json(module);
  }
  return 0;
}

// Prints the JSON Schema of the IR's JSON form, made from ir/describe.h (ir/json_schema.h):
//   build/tests/ir/bpc_ir_schema > ir/ir-schema.json
#include <iostream>

#include "ir/json_schema.h"

int main() {
  std::cout << bpc::ir::ir_json_schema();
  return 0;
}

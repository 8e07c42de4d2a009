#include "cli/exit_without_teardown.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace bpc::cli {

void exit_without_teardown(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

}  // namespace bpc::cli

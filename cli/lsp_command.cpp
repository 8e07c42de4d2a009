// `bpc lsp`: runs the language server (lsp/server.h) over standard input and output until the
// client says `exit` or closes the input. `--log FILE` notes failures and framing errors there;
// nothing but protocol messages is ever written to standard output.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "driver/file_system.h"
#include "lsp/server.h"

namespace bpc::cli {

CommandRunner add_lsp_command(CLI::App& app) {
  struct Options {
    std::string log;
    bool stdio = true;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("lsp", "Run the language server (LSP over standard input and output)");
  command->add_flag("--stdio", options->stdio, "Speak over standard input and output (the default and only transport)");
  command->add_option("--log", options->log, "Append a log of failures to this file");
  return [options] {
    std::FILE* log = nullptr;
    if (!options->log.empty()) {
      log = std::fopen(options->log.c_str(), "a");
      if (log == nullptr) {
        std::fprintf(stderr, "bpc lsp: cannot open the log file %s\n", options->log.c_str());
        return kExitUsage;
      }
    }
    const driver::DiskFileSystem disk;
    lsp::Server server(stdin, stdout, disk, lsp::ServerOptions{log});
    const int code = server.run();
    // The reader thread may still be blocked reading an input the client keeps open, holding
    // stdin's lock, so neither joining it nor flushing every stream (exit, fflush(nullptr)) would
    // return: flush what was written and end at once.
    std::fflush(stdout);
    if (log != nullptr) std::fclose(log);
    std::_Exit(code);
  };
}

}  // namespace bpc::cli

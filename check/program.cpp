#include "check/program.h"

namespace bpc::lowering {

void release_syntax(Program& program) {
  for (ProgramFile& file : program.files) {
    file.parsed.tree.reset();
    file.parsed.tokens.reset();
  }
}

Program single_file_program(SourceManager& sources, std::string path, std::string text,
                            DiagnosticEngine& diagnostics) {
  const FileId file = sources.add(path, std::move(text));
  Program program;
  program.files.push_back(ProgramFile{std::move(path), parse_file(sources, file, diagnostics), true});
  return program;
}

}  // namespace bpc::lowering

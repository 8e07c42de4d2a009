// bpc_antlr_parse: the reference parser generated from grammar/Blueprint.g4.
//
// Usage: bpc_antlr_parse [-v] FILE...
// Prints one line per file, `accept<TAB>path` or `reject<TAB>path`. A file is rejected when it is
// not valid UTF-8, contains a NUL byte, or when the ANTLR lexer or parser reports any error (the
// default error strategy recovers and keeps parsing; every error is counted). With -v the errors
// are printed to stderr. Exit status: 0 when every file was processed, 2 on a usage or I/O error.
//
// Note: antlr4::ANTLRInputStream (C++ runtime 4.9) silently drops a UTF-8 byte-order mark at the
// very start of the input, so a leading BOM is accepted here although no lexer rule matches it;
// the corpus has no BOM files. A BOM anywhere else is a token recognition error.
//
// This is a test tool for tests/conformance/ only; it is never linked into bpc.

#include <cstddef>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "antlr4-runtime.h"
#include "BlueprintLexer.h"
#include "BlueprintParser.h"

namespace {

// Counts (and optionally prints) every syntax error reported by the lexer or the parser.
class CountingErrorListener : public antlr4::BaseErrorListener {
public:
  CountingErrorListener(std::string path, bool verbose) : path_(std::move(path)), verbose_(verbose) {}

  void syntaxError(antlr4::Recognizer*, antlr4::Token*, size_t line, size_t charPositionInLine,
                   const std::string& msg, std::exception_ptr) override {
    ++count_;
    if (verbose_) {
      std::cerr << path_ << ":" << line << ":" << (charPositionInLine + 1) << ": " << msg << "\n";
    }
  }

  std::size_t count() const { return count_; }

private:
  std::string path_;
  bool verbose_;
  std::size_t count_ = 0;
};

// Strict UTF-8 validation: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned int cp = 0;
    unsigned int min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2; cp = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3; cp = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4; cp = c & 0x07; min = 0x10000;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = p[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  out = ss.str();
  return true;
}

// Returns true when the file is accepted by the grammar.
bool parseSource(const std::string& path, const std::string& text, bool verbose) {
  if (text.find('\0') != std::string::npos) {
    if (verbose) std::cerr << path << ": contains a NUL byte\n";
    return false;
  }
  if (!isValidUtf8(text)) {
    if (verbose) std::cerr << path << ": not valid UTF-8\n";
    return false;
  }

  CountingErrorListener listener(path, verbose);
  antlr4::ANTLRInputStream input(text);
  BlueprintLexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  BlueprintParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  parser.file();
  return listener.count() == 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-v" || arg == "--verbose") {
      verbose = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: bpc_antlr_parse [-v] FILE...\n";
      return 0;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: bpc_antlr_parse [-v] FILE...\n";
    return 2;
  }

  int status = 0;
  for (const auto& path : files) {
    std::string text;
    if (!readFile(path, text)) {
      std::cerr << "bpc_antlr_parse: cannot read " << path << "\n";
      status = 2;
      continue;
    }
    bool accepted = false;
    try {
      accepted = parseSource(path, text, verbose);
    } catch (const std::exception& e) {
      std::cerr << path << ": exception: " << e.what() << "\n";
      accepted = false;
    }
    std::cout << (accepted ? "accept" : "reject") << '\t' << path << '\n';
  }
  std::cout.flush();
  return status;
}

// kb-extract-worker: serves extraction requests from kb-indexer's SandboxedExtractor on
// stdin/stdout. Not meant to be run by hand; --version prints the version.
#include <cstdio>
#include <string_view>

#include "kb/core/command_line.h"
#include "kb/extract/sandboxed_extractor.h"

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::printf("kb-extract-worker %s\n", std::string(kb::kVersion).c_str());
    return 0;
  }
  if (argc > 1) {
    std::fprintf(stderr,
                 "kb-extract-worker: takes no arguments; kb-indexer starts it (--version prints "
                 "the version)\n");
    return kb::kExitUsage;
  }
  return kb::extract::RunExtractWorker();
}

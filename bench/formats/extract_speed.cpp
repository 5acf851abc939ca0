// kb-bench-extract: ExtractFile's speed on a folder of files, per file, as a TSV line each:
//   file  format  pages  ocr_pages  seconds (the best of --repeat runs)
// bench/formats/run.sh runs it beside Debian's reference tools on the same files.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include <CLI/CLI.hpp>

#include "kb/extract/extractor.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  CLI::App app{"kb-bench-extract: ExtractFile's time per file (best of --repeat)"};
  std::vector<std::string> files;
  int repeat = 3;
  std::string ocr = "auto";
  app.add_option("files", files, "Files to extract")->required();
  app.add_option("--repeat", repeat, "Runs per file; the fastest counts")
      ->check(CLI::Range(1, 100));
  app.add_option("--ocr", ocr, "auto, force or off")
      ->check(CLI::IsMember({"auto", "force", "off"}));
  CLI11_PARSE(app, argc, argv);
  kb::extract::ExtractOptions options;
  options.ocr = *kb::extract::ParseOcrMode(ocr);
  for (const std::string& file : files) {
    double best = 1e300;
    std::size_t pages = 0;
    std::size_t ocr_pages = 0;
    std::string format = "failed";
    for (int run = 0; run < repeat; ++run) {
      const auto start = std::chrono::steady_clock::now();
      auto doc = kb::extract::ExtractFile(file, options);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best = std::min(best, seconds);
      if (doc.ok()) {
        pages = doc->pages.size();
        ocr_pages = doc->ocr_pages.size();
        format = doc->format;
      }
    }
    std::printf("%s\t%s\t%zu\t%zu\t%.6f\n", fs::path(file).filename().c_str(), format.c_str(),
                pages, ocr_pages, best);
  }
  return 0;
}

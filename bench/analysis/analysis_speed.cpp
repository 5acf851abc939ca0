// kb-bench-analysis: the analysis pipeline's speed against Xapian's own TermGenerator on the laws
// of ../shared/corpus (Markdown, ~2.9 MB), one thread. Each round builds a fresh Analyzer (so its
// word cache starts cold), indexes every text twice (cold, then warm: the cache full, as deep into
// a corpus) and then runs TermGenerator (dutch, STEM_SOME) on the same texts; the ratios are taken
// within a round, so a busy machine moves them less than the absolute figures.
//
//   kb-bench-analysis [--laws DIR] [--rounds 5]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "kb/analysis/analyzer.h"
#include "kb/core/schema.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb-bench-analysis: analysis speed against Xapian's TermGenerator"};
  std::string laws = std::string(KB_SHARED_DIR) + "/corpus/docs/laws-markdown";
  int rounds = 5;
  app.add_option("--laws", laws, "Folder of texts to index")->check(CLI::ExistingDirectory);
  app.add_option("--rounds", rounds, "Rounds (medians are reported)")->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(laws)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
    bytes += texts.back().size();
  }
  auto resources = kb::analysis::LoadResources(kb::analysis::AnalysisConfig{});
  if (!resources.ok()) {
    std::fprintf(stderr, "kb-bench-analysis: %s\n", resources.status().ToString().c_str());
    return 1;
  }
  auto mb_per_s = [&](auto&& index_one) {
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) index_one(text);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<double>(bytes) / 1e6 / s;
  };
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(std::string(kb::schema::kStemmerName)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

  std::vector<double> cold, warm, xapian, cold_ratio, warm_ratio;
  for (int round = 0; round < rounds; ++round) {
    kb::analysis::Analyzer analyzer(*resources);
    auto ours = [&](const std::string& text) {
      Xapian::Document doc;
      Xapian::termpos pos = 0;
      analyzer.IndexText(text, doc, pos);
    };
    cold.push_back(mb_per_s(ours));
    warm.push_back(mb_per_s(ours));
    xapian.push_back(mb_per_s([&](const std::string& text) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text);
    }));
    cold_ratio.push_back(cold.back() / xapian.back());
    warm_ratio.push_back(warm.back() / xapian.back());
  }
  std::printf(
      "| texts | MB | rounds | ours cold MB/s | ours warm MB/s | TermGenerator MB/s | "
      "cold / TermGenerator | warm / TermGenerator |\n|---|---|---|---|---|---|---|---|\n");
  std::printf("| %zu | %.2f | %d | %.2f | %.2f | %.2f | %.2f | %.2f |\n", texts.size(), bytes / 1e6,
              rounds, Median(cold), Median(warm), Median(xapian), Median(cold_ratio),
              Median(warm_ratio));
  return 0;
}

// kb-bench-duplicates: the cost of the near-duplicate proposals kb-indexer makes after a run
// (kb::index::FindDuplicates), on an existing index. A full run proposes for every document it
// indexed; this takes every k-th document (--sample N of them, spread over the index), times
// FindDuplicates on them and extrapolates to the whole index, so a 1M-document index can be
// measured in minutes. It also prints the band terms' document frequencies, which set the cost:
// each document compares its signature with every document sharing one of its bands.
//
//   kb-bench-duplicates --db INDEX [--sample 2000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/index/duplicate_finder.h"

namespace {

// Band terms by document frequency (powers of two), and the band visits a full run makes:
// sum over bands of df * (df - 1), as FindDuplicates walks the postings of each band of each
// document (before merging a document's candidates).
void PrintBands(const Xapian::Database& db) {
  std::map<int, std::size_t> by_power;
  std::size_t bands = 0, visits = 0;
  const std::string prefix(kb::schema::kPrefixDuplicateBand);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::size_t df = t.get_termfreq();
    int power = 0;
    while ((std::size_t{2} << power) <= df) ++power;
    ++by_power[power];
    ++bands;
    if (df <= kb::index::kMaxBandPostings) visits += df * (df - 1);
  }
  std::printf("band terms: %zu; postings visited by a full run: %zu (%.1f per document)\n", bands,
              visits, static_cast<double>(visits) / std::max(1u, db.get_doccount()));
  std::printf("bands on more than %u documents are skipped\n", kb::index::kMaxBandPostings);
  for (const auto& [power, n] : by_power) {
    std::printf("  df %zu-%zu: %zu\n", std::size_t{1} << power, (std::size_t{2} << power) - 1, n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb-bench-duplicates: the cost of kb-indexer's near-duplicate proposals"};
  std::string db_path;
  unsigned sample = 2000;
  app.add_option("--db", db_path, "Index built by kb-indexer")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--sample", sample, "Documents to propose for, spread over the index")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  try {
    const Xapian::Database db(db_path);
    const Xapian::doccount docs = db.get_doccount();
    if (docs == 0) {
      std::fprintf(stderr, "kb-bench-duplicates: %s holds no documents; index a corpus first\n",
                   db_path.c_str());
      return 1;
    }
    PrintBands(db);

    std::vector<std::string> ids;
    const Xapian::docid last = db.get_lastdocid();
    const Xapian::docid step = std::max<Xapian::docid>(1, last / std::min(sample, docs));
    for (Xapian::docid id = 1; id <= last && ids.size() < sample; id += step) {
      try {
        ids.push_back(kb::DocumentIdForPath(db.get_document(id).get_value(kb::schema::kSlotPath)));
      } catch (const Xapian::DocNotFoundError&) {
      }
    }
    const auto start = std::chrono::steady_clock::now();
    auto pairs = kb::index::FindDuplicates(db, ids);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!pairs.ok()) {
      std::fprintf(stderr, "kb-bench-duplicates: %s\n", pairs.status().ToString().c_str());
      return 1;
    }
    std::printf(
        "documents %zu of %u: %.2f s, %.3f ms per document, %zu pairs; whole index ~%.0f s\n",
        ids.size(), docs, s, 1e3 * s / static_cast<double>(ids.size()), pairs->size(),
        s / static_cast<double>(ids.size()) * docs);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "kb-bench-duplicates: cannot read %s: %s\n", db_path.c_str(),
                 e.get_description().c_str());
    return 1;
  }
  return 0;
}

// The indexer's time-left estimate (kb/index/progress.h), on the sizes of the real corpus's files
// (../shared/corpus/docs) taken largest first, as kb-indexer takes them, with a known cost per
// file and per megabyte.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "kb/index/progress.h"

using kb::index::RemainingTime;

namespace {

std::vector<std::uint64_t> CorpusSizesLargestFirst() {
  std::vector<std::uint64_t> sizes;
  const auto docs = std::filesystem::path(KB_SHARED_DIR) / "corpus" / "docs";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(docs)) {
    if (entry.is_regular_file()) sizes.push_back(entry.file_size());
  }
  std::sort(sizes.begin(), sizes.end(), std::greater<>());
  return sizes;
}

struct Check {
  double estimate;
  double truth;
  double per_file_rate;  // what a files/s rate would have said
};

// Feeds the first `fraction` of the files to an estimator, with `seconds(bytes)` the cost of one
// file, and asks for the rest.
Check At(double fraction, const std::vector<std::uint64_t>& sizes,
         const std::function<double(std::uint64_t)>& seconds) {
  RemainingTime remaining;
  const std::size_t done = static_cast<std::size_t>(fraction * sizes.size());
  double t = 0;
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < done; ++i) {
    t += seconds(sizes[i]);
    bytes += sizes[i];
    remaining.Observe(t, i + 1, bytes);
  }
  double truth = 0;
  std::uint64_t bytes_left = 0;
  for (std::size_t i = done; i < sizes.size(); ++i) {
    truth += seconds(sizes[i]);
    bytes_left += sizes[i];
  }
  const std::size_t files_left = sizes.size() - done;
  return {remaining.Estimate(files_left, bytes_left), truth, t / done * files_left};
}

}  // namespace

TEST_CASE("the estimate separates the cost per file from the cost per byte") {
  const auto sizes = CorpusSizesLargestFirst();
  REQUIRE(sizes.size() > 200);
  REQUIRE(sizes.front() > 20 * sizes[sizes.size() / 2]);  // largest first matters here
  // 30 ms per file (start-up, writing) and 0.4 s per MB (extraction, analysis).
  const auto cost = [](std::uint64_t b) { return 0.030 + 0.4 * static_cast<double>(b) / 1e6; };
  for (const double fraction : {0.05, 0.2, 0.5, 0.8}) {
    INFO("after " << fraction * 100 << "% of the files");
    const Check c = At(fraction, sizes, cost);
    CHECK(c.estimate == Approx(c.truth).epsilon(0.01));
    // A rate in files/s is far off while the large files go first.
    CHECK(c.per_file_rate > 1.5 * c.truth);
  }
}

TEST_CASE("time that only depends on bytes is estimated from bytes") {
  const auto sizes = CorpusSizesLargestFirst();
  const Check c =
      At(0.1, sizes, [](std::uint64_t b) { return 0.4 * static_cast<double>(b) / 1e6; });
  CHECK(c.estimate == Approx(c.truth).epsilon(0.01));
}

TEST_CASE("files of one size: files and bytes tell the same") {
  const std::vector<std::uint64_t> sizes(1000, 10'000);
  const Check c = At(0.25, sizes, [](std::uint64_t) { return 0.005; });
  CHECK(c.estimate == Approx(0.005 * 750).epsilon(1e-9));
  CHECK(c.estimate == Approx(c.truth).epsilon(1e-9));
}

TEST_CASE("no estimate before the first file; none needed after the last") {
  RemainingTime remaining;
  CHECK(remaining.Estimate(100, 1'000'000) < 0);
  remaining.Observe(2.0, 10, 0);  // empty files
  CHECK(remaining.Estimate(5, 0) == Approx(1.0));
  remaining.Observe(4.0, 20, 5'000'000);
  CHECK(remaining.Estimate(0, 0) == Approx(0.0).margin(1e-9));
}

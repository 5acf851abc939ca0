// Helpers shared by the analysis tests: where the reference data is, and a temporary data
// directory for variants of corpus/ (e.g. the held-out stemmer overrides).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include "kb/analysis/analyzer.h"

namespace kb::analysis::testing {

inline std::filesystem::path RefData() { return std::filesystem::path(KB_SHARED_DIR) / "refdata"; }

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// FNV-1a: a stable hash for deterministic train/held-out splits.
inline std::uint64_t StableHash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// A temporary directory removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("kb-analysis-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::shared_ptr<const AnalysisResources> LoadDefaultResources() {
  auto resources = LoadResources(AnalysisConfig{});
  if (!resources.ok()) throw std::runtime_error(resources.status().ToString());
  return std::move(resources).value();
}

}  // namespace kb::analysis::testing

// Shared test helpers for the extraction tests: the corpus manifest and temporary files.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace kb::extract::testing {

inline std::filesystem::path CorpusDir() { return std::filesystem::path(KB_SHARED_DIR) / "corpus"; }

struct ManifestRow {
  std::string file;      // relative to CorpusDir(), e.g. "docs/jaapjunior/x.pdf"
  std::string format;    // pdf, markdown, text
  int pages = -1;        // PDFs only
  std::string language;  // "nl", "fy (West Frisian)"
};

// Rows of corpus/MANIFEST.tsv (columns: file source_repo source_path commit bytes sha256 format
// pages text_encoding language social_domain).
inline std::vector<ManifestRow> ReadManifest() {
  std::ifstream in(CorpusDir() / "MANIFEST.tsv");
  std::vector<ManifestRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, '\t')) cells.push_back(cell);
    if (cells.size() < 10) continue;
    ManifestRow row;
    row.file = cells[0];
    row.format = cells[6];
    row.pages = cells[7] == "-" ? -1 : std::stoi(cells[7]);
    row.language = cells[9];
    rows.push_back(std::move(row));
  }
  return rows;
}

// A directory under the system temp dir, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kb-extract-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path Write(const std::string& name, std::string_view bytes) const {
    const auto file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

 private:
  std::filesystem::path path_;
};

inline bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace kb::extract::testing

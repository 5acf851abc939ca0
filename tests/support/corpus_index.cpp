#include "corpus_index.h"

#include <stdexcept>
#include <string>

#include "process.h"

namespace kb::test {

namespace fs = std::filesystem;

namespace {

// The fixture's folder: the index as `db`, its store as `db.editorial.sqlite`, and the file
// `complete` once the run succeeded.
const fs::path kFixture = KB_CORPUS_INDEX_DIR;

}  // namespace

fs::path CorpusDocsDir() {
  return fs::weakly_canonical(fs::path(KB_SHARED_DIR) / "corpus" / "docs");
}

void CopyCorpusIndex(const fs::path& db) {
  if (!fs::exists(kFixture / "complete")) {
    auto run = Run(
        {KB_CORPUS_INDEXER, "--db", db.string(), "--progress", "log", CorpusDocsDir().string()});
    if (run.exit_code != 0) throw std::runtime_error("kb-indexer failed:\n" + run.err);
    return;
  }
  // "db" and everything beside it that starts with "db" (the store and its journal files).
  // Tests that serve the fixture in place (feeds_parse, citation_interop, shard_netns) open its
  // store, whose WAL file comes and goes with them: one that vanished before its copy is skipped.
  const std::string name = db.filename().string();
  for (const auto& entry : fs::directory_iterator(kFixture)) {
    const std::string source = entry.path().filename().string();
    if (source.rfind("db", 0) != 0) continue;
    std::error_code error;
    fs::copy(entry.path(), db.parent_path() / (name + source.substr(2)),
             fs::copy_options::recursive, error);
    if (error && fs::exists(entry.path())) {
      throw fs::filesystem_error("cannot copy the corpus index", entry.path(), db, error);
    }
  }
}

}  // namespace kb::test

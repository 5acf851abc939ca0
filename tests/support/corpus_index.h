// The corpus index: ../shared/corpus/docs indexed once per ctest run by the real kb-indexer
// (the corpus_index fixture, tests/corpus_index.sh), for the tests that need the whole corpus
// indexed as a plain run leaves it. Indexing it under the sanitizers took a minute per test.
#pragma once

#include <filesystem>

namespace kb::test {

// The folder of ../shared/corpus/docs as the fixture passed it to kb-indexer.
std::filesystem::path CorpusDocsDir();

// Puts a private copy of the corpus index at `db` (with its editorial store beside it, where
// kb-indexer keeps it), for the test to read or change. Without the fixture (a test binary run
// by hand) it indexes the corpus into `db` itself. Throws with the reason when it cannot.
void CopyCorpusIndex(const std::filesystem::path& db);

}  // namespace kb::test

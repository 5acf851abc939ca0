// One indexing run: walk the roots, skip what is unchanged, extract and build the rest on worker
// threads (each with its own extraction worker process and Analyzer), write from one thread,
// remove documents whose files are gone, commit in batches.
//
// Threads: `threads` builder threads; the calling thread owns the IndexWriter and the progress
// reporter. Stopping (the `stop` flag, e.g. set from a SIGINT handler) finishes the files in
// flight, commits them and returns with `interrupted` set; a rerun completes the work.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kb/analysis/analyzer.h"
#include "kb/core/status.h"

namespace kb::index {

struct RunOptions {
  std::filesystem::path db;                  // required
  std::vector<std::filesystem::path> roots;  // required: files and folders
  unsigned threads = 0;                      // 0: one per core
  std::vector<std::string> worker_command;   // required: argv of kb-extract-worker
  std::chrono::milliseconds extract_timeout{60000};
  analysis::AnalysisConfig analysis;
  std::size_t commit_every = 500;           // documents per commit
  std::FILE* log = stderr;                  // failures, progress and warnings
  bool interactive = false;                 // progress bar instead of log lines
  const std::atomic<bool>* stop = nullptr;  // optional
};

struct FileFailure {
  std::string path;
  std::string reason;
};

struct RunSummary {
  std::size_t indexed = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t failed = 0;
  std::size_t pages = 0;         // pages of the documents indexed in this run
  std::uint64_t text_bytes = 0;  // bytes of extracted text indexed in this run
  double seconds = 0;
  bool interrupted = false;
  std::vector<FileFailure> failures;

  // "indexed 12, unchanged 3, removed 1, failed 2 in 1.3 s (340 pages, 2.1 MB of text)"
  std::string Line() const;
};

// Errors are about the index itself (cannot open, locked, cannot commit); a file that cannot be
// read is a failure in the summary, never an error.
Result<RunSummary> RunIndexing(const RunOptions& options);

}  // namespace kb::index

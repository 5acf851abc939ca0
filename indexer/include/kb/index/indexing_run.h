// One indexing run: walk the roots, skip what is unchanged, extract and build the rest on worker
// threads (each with its own extraction worker process and Analyzer), write from one thread,
// remove documents whose files are gone, commit in batches.
//
// Editors (issue 7; the coordination is described in kb/editorial/store.h). The run opens the
// editorial store, loads every document's edits and applies them as it builds. While it runs, the
// writer thread checks the store's generation every `pending_poll` (default 250 ms): when it
// changed, it reloads the edits and takes the pending queue; each queued path is built again
// (even when unchanged; ahead of the remaining walk), a path that no longer exists is removed, a
// path under no root (an upload) is indexed too; after the commit that holds them the entries are
// cleared. The queue is taken one last time before the run finishes. With `pending_only` the run
// does only that: no walk, no removal of other documents.
// After the last commit, every document indexed in the run is compared with its near-duplicate
// candidates (kb/index/duplicate_finder.h) and the pairs are proposed to the store.
//
// Threads: `threads` builder threads; the calling thread owns the IndexWriter, the store calls and
// the progress reporter. Stopping (the `stop` flag, e.g. set from a SIGINT handler) finishes the
// files in flight, commits them and returns with `interrupted` set; a rerun completes the work.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kb/analysis/analyzer.h"
#include "kb/core/status.h"
#include "kb/extract/extractor.h"

namespace kb::index {

struct RunOptions {
  std::filesystem::path db;                  // required
  std::vector<std::filesystem::path> roots;  // required unless pending_only: files and folders
  std::filesystem::path editorial;           // the store; empty: EditorialStore::DefaultPathFor(db)
  bool pending_only = false;                 // only the queued paths (kb-indexer --pending)
  std::chrono::milliseconds pending_poll{250};  // how often the store's generation is checked
  // A full run finding the index locked waits this long for the writer to finish (usually a
  // `--pending` run kb-searchd started, done in a second or two); a pending_only run never waits.
  std::chrono::milliseconds lock_wait{30000};
  unsigned threads = 0;                     // 0: one per core
  std::vector<std::string> worker_command;  // required: argv of kb-extract-worker
  std::chrono::milliseconds extract_timeout{60000};
  extract::OcrMode ocr = extract::OcrMode::kAuto;  // kb-indexer --ocr
  // OCR text by content hash and page; empty: "<db>.ocr-cache" beside the index folder.
  std::filesystem::path ocr_cache;
  analysis::AnalysisConfig analysis;
  std::size_t commit_every = 500;  // documents per commit
  // Shard `shard` of `shards` (kb-indexer --shard I/N): only the files whose document id
  // ShardOfDocument assigns to it; the others are left to the other shards (and removed from
  // this one, should it hold them).
  unsigned shard = 0;
  unsigned shards = 1;
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
  std::size_t attachments = 0;  // e-mail attachments indexed as documents of their own
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t failed = 0;
  std::size_t queued = 0;        // pending paths (edits, uploads) built or removed in this run
  std::size_t duplicates = 0;    // near-duplicate pairs proposed
  std::size_t pages = 0;         // pages of the documents indexed in this run
  std::uint64_t text_bytes = 0;  // bytes of extracted text indexed in this run
  double seconds = 0;
  bool interrupted = false;
  // pending_only: another kb-indexer holds the index's write lock and takes the queue itself;
  // this run did nothing (not an error: the single-writer design of kb/editorial/store.h).
  bool index_busy = false;
  std::vector<FileFailure> failures;

  // "indexed 12, unchanged 3, removed 1, failed 2, queued 1, duplicates 2 in 1.3 s (340 pages,
  // 2.1 MB of text)"
  std::string Line() const;
};

// Errors are about the index or the store (cannot open, cannot commit; Unavailable when another
// process holds the index's write lock); a file that cannot be read is a failure in the summary,
// never an error.
Result<RunSummary> RunIndexing(const RunOptions& options);

}  // namespace kb::index

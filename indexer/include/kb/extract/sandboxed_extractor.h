// SandboxedExtractor: ExtractFile in a separate worker process, so a PDF that crashes or hangs
// Poppler costs one file, never the indexing run.
//
// The worker is a long-lived child process (the given command, e.g. "kb-indexer --extract-worker")
// that reads requests on stdin and writes results on stdout. When it crashes or exceeds the time
// limit it is killed, the file is reported as failed with the reason, and a new worker is started
// for the next file. Not thread-safe: one SandboxedExtractor per indexing thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kb/core/status.h"
#include "kb/extract/extracted_doc.h"
#include "kb/extract/extractor.h"

namespace kb::extract {

struct SandboxOptions {
  std::vector<std::string> worker_command;  // argv of the worker; required
  std::chrono::milliseconds timeout{60000}; // per file
  ExtractOptions extract;
};

class SandboxedExtractor {
 public:
  explicit SandboxedExtractor(SandboxOptions options);
  ~SandboxedExtractor();  // stops the worker
  SandboxedExtractor(const SandboxedExtractor&) = delete;
  SandboxedExtractor& operator=(const SandboxedExtractor&) = delete;

  // As ExtractFile; additionally InvalidArgument "extraction crashed (signal N)" or
  // "extraction took longer than T s", and Internal when no worker can be started.
  Result<ExtractedDoc> Extract(const std::filesystem::path& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The worker's main loop: serves requests on stdin/stdout until EOF. Returns the exit code.
int RunExtractWorker(const ExtractOptions& options);

}  // namespace kb::extract

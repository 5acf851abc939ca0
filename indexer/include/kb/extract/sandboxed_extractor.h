// SandboxedExtractor: ExtractFile in a separate worker process, so a PDF that crashes or hangs
// Poppler costs one file, never the indexing run.
//
// The worker is a long-lived child process (normally the `kb-extract-worker` binary installed
// next to `kb-indexer`; see DefaultWorkerCommand) that reads requests on stdin and writes results
// on stdout, one length-prefixed frame each. When it crashes, exceeds the time limit or answers
// nonsense it is killed with its whole process group and reaped, the file is reported as failed
// with the reason, and a new worker is started for the next file. SIGPIPE is never raised in the
// calling process. Not thread-safe: one SandboxedExtractor per indexing thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kb/core/status.h"
#include "kb/extract/extracted_doc.h"
#include "kb/extract/extractor.h"

namespace kb::extract {

struct SandboxOptions {
  std::vector<std::string> worker_command;   // argv of the worker; required (PATH is searched)
  std::chrono::milliseconds timeout{60000};  // per file, from sending the request to the reply
  ExtractOptions extract;                    // sent with every request
};

class SandboxedExtractor {
 public:
  // Does not start the worker yet: that happens on the first Extract.
  explicit SandboxedExtractor(SandboxOptions options);
  ~SandboxedExtractor();  // closes the worker's stdin, waits up to 1 s, then kills it
  SandboxedExtractor(const SandboxedExtractor&) = delete;
  SandboxedExtractor& operator=(const SandboxedExtractor&) = delete;

  // As ExtractFile (the same errors, passed through); additionally InvalidArgument naming the
  // file when the worker crashed ("... crashed (signal 11, Segmentation fault); the file was
  // skipped"), took longer than the timeout ("... took longer than 60 s ...") or replied
  // garbage. Internal when no worker can be started (missing binary, empty command).
  Result<ExtractedDoc> Extract(const std::filesystem::path& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// {"<directory of the running executable>/kb-extract-worker"}: where the build and an install
// put the worker next to kb-indexer. Falls back to {"kb-extract-worker"} (searched in PATH).
std::vector<std::string> DefaultWorkerCommand();

// The address space a worker may use (RLIMIT_AS): a PDF that makes Poppler allocate more fails
// alone (std::bad_alloc, reported as that file's failure) instead of taking the machine's memory.
// Measured: the corpus's largest PDFs need under 400 MB; a hostile 50 MB text-operator PDF took
// 543 MB.
inline constexpr std::uint64_t kWorkerAddressSpaceBytes = std::uint64_t{2} << 30;

// Whether the worker sets that limit: not when built with AddressSanitizer (KB_SANITIZE, the
// fuzzers), whose shadow memory reserves terabytes of address space at start-up, so that under
// any RLIMIT_AS every later allocation would fail. Such builds are for finding bugs, not for
// untrusted corpora.
#if defined(__SANITIZE_ADDRESS__)  // GCC
inline constexpr bool kWorkerLimitsAddressSpace = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang
inline constexpr bool kWorkerLimitsAddressSpace = false;
#else
inline constexpr bool kWorkerLimitsAddressSpace = true;
#endif
#else
inline constexpr bool kWorkerLimitsAddressSpace = true;
#endif

// The worker's main loop: serves requests on stdin/stdout until stdin reaches EOF. Returns the
// process exit code (0 on EOF, 1 on a broken channel). `options` caps the limits a request may
// ask for. Whatever libraries print on stdout is redirected to stderr. First limits its own
// address space to kWorkerAddressSpaceBytes (when kWorkerLimitsAddressSpace).
int RunExtractWorker(const ExtractOptions& options = {});

}  // namespace kb::extract

// kb-indexer: indexes folders of Dutch documents (PDF, text, Markdown, Word, OpenDocument,
// PowerPoint, EPUB, web pages, RTF) into a Xapian index.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "kb/core/command_line.h"

#include "kb/extract/extractor.h"
#include "kb/index/folder_watch.h"
#include "kb/index/indexing_run.h"

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_stop{false};  // set by the signal handler only
std::atomic<int> g_stop_signal{0};

extern "C" void OnStopSignal(int signal) {
  g_stop_signal.store(signal);
  g_stop.store(true);
  // A second Ctrl-C stops at once; the index stays at its last commit.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

fs::path DefaultWorker() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return (ec ? fs::path(".") : self.parent_path()) / "kb-extract-worker";
}

// One run, its summary line on stdout; the exit code (0, 2, 130 or 143).
int RunOnce(const kb::index::RunOptions& options, const std::string& db) {
  auto summary = kb::index::RunIndexing(options);
  if (summary.ok() && summary->index_busy) {
    // The single-writer design (kb/editorial/store.h): the running indexer takes the queue.
    std::fprintf(stderr,
                 "kb-indexer: the index '%s' is being written by a running kb-indexer, which "
                 "applies the queued edits; nothing to do\n",
                 db.c_str());
    return 0;
  }
  if (!summary.ok()) {
    std::fprintf(stderr, "kb-indexer: %s\n", summary.status().message().c_str());
    return 2;
  }
  std::fprintf(stdout, "%s\n", summary->Line().c_str());
  // The shells' convention: 128 + the signal's number.
  if (summary->interrupted) return g_stop_signal.load() == SIGTERM ? 128 + SIGTERM : 128 + SIGINT;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "kb-indexer: indexeert PDF, tekst, Markdown, Word, OpenDocument, PowerPoint, EPUB, "
      "webpagina's "
      "en RTF in een Xapian-index"};
  kb::index::RunOptions options;
  std::vector<std::string> roots;
  std::string db;
  std::string worker = DefaultWorker().string();
  std::string progress = "auto";
  std::string shard;
  double timeout_s = 60;
  std::string data_dir = options.analysis.data_dir.string();
  std::string editorial;
  app.add_option("--db", db, "Index folder (created when missing)")->required();
  app.add_option("paths", roots, "Files and folders to index (not with --pending)");
  app.add_option("--editorial", editorial,
                 "The editors' store (default: <db>.editorial.sqlite beside the index folder)");
  app.add_flag("--pending", options.pending_only,
               "Only (re)index the paths the editors queued (edits, uploads), then exit");
  app.add_option("--threads", options.threads, "Builder threads (default: one per core)");
  app.add_option("--timeout", timeout_s, "Seconds one file may take to extract (default 60)");
  app.add_option("--data", data_dir, "Folder with themes.toml, gazetteer.tsv, synonyms")
      ->check(CLI::ExistingDirectory);
  app.add_option("--worker", worker, "Path of kb-extract-worker")->check(CLI::ExistingFile);
  app.add_option("--progress", progress, "auto, bar or log")
      ->check(CLI::IsMember({"auto", "bar", "log"}));
  bool watch = false;
  int watch_quiet_ms = 1000;
  app.add_flag("--watch", watch,
               "After the run, keep watching the folders and index what changes (new, changed, "
               "moved and deleted files) within seconds, until SIGTERM or Ctrl-C");
  app.add_option("--watch-quiet", watch_quiet_ms,
                 "Milliseconds without further change before a watched change is indexed "
                 "(default 1000)")
      ->check(CLI::Range(50, 600000));
  std::string ocr = "auto";
  app.add_option("--ocr", ocr,
                 "OCR of PDF pages without text: auto (scans, the default), force (every such "
                 "page) or off")
      ->check(CLI::IsMember({"auto", "force", "off"}));
  app.add_option("--ocr-cache", options.ocr_cache,
                 "Folder of OCR text kept by content hash (default: <db>.ocr-cache beside the "
                 "index folder)");
  int nice = 10;
  app.add_option("--nice", nice,
                 "CPU priority of the run and its extraction workers, 0-19 (default 10: searches "
                 "on the same machine go first)")
      ->check(CLI::Range(0, 19));
  app.add_option("--shard", shard,
                 "I/N: write shard I (0 to N-1) of an index split into N shards, served each by "
                 "xapian-tcpsrv and searched together by kb-searchd --shard; the files of the "
                 "other shards are left out (each file's shard is fixed by its path)");
  kb::AddVersionFlag(app, "kb-indexer");
  kb::AddConfigFile(app, "kb-indexer");
  app.footer(
      "Exit codes: 0 done (files that could not be read are reported, not fatal), 2 a wrong "
      "command line or an index that cannot be written, 130 stopped by SIGINT (Ctrl-C), 143 "
      "stopped by SIGTERM; a stopped run has committed the work in flight.");
  if (auto exit_code = kb::ParseCommandLine(app, argc, argv)) return *exit_code;
  // Indexing is a batch job and kb-searchd answers people: on a busy machine the searches get
  // the CPU first. Set before any thread or worker starts, so all of them inherit it (Linux
  // keeps the nice value per thread). Processes in another session or cgroup compete by group;
  // a systemd unit should give kb-indexer a lower CPUWeight.
  if (nice > 0 && setpriority(PRIO_PROCESS, 0, nice) != 0) {
    std::fprintf(stderr, "kb-indexer: cannot lower the CPU priority (--nice %d): %s; continuing\n",
                 nice, std::strerror(errno));
  }

  if (watch && options.pending_only) {
    std::fprintf(stderr, "kb-indexer: --watch watches folders; it cannot go with --pending\n");
    return 2;
  }
  if (options.pending_only != roots.empty()) {
    std::fprintf(stderr, options.pending_only
                             ? "kb-indexer: --pending takes no paths; it indexes the queued ones\n"
                             : "kb-indexer: give the files and folders to index, or --pending\n");
    return 2;
  }
  if (!shard.empty()) {
    unsigned index = 0, count = 0;
    char slash = 0, rest = 0;
    if (std::sscanf(shard.c_str(), "%u %c %u %c", &index, &slash, &count, &rest) != 3 ||
        slash != '/' || count < 1 || count > 1024 || index >= count) {
      std::fprintf(stderr,
                   "kb-indexer: --shard '%s' is not I/N with 0 <= I < N <= 1024, e.g. 0/3 for "
                   "the first of three shards\n",
                   shard.c_str());
      return 2;
    }
    options.shard = index;
    options.shards = count;
  }
  options.db = db;
  options.editorial = editorial;
  for (const auto& r : roots) options.roots.emplace_back(r);
  if (!fs::exists(worker)) {
    std::fprintf(stderr,
                 "kb-indexer: the extraction worker '%s' does not exist; build it (make build) or "
                 "give its path with --worker\n",
                 worker.c_str());
    return 2;
  }
  options.worker_command = {worker};
  options.extract_timeout = std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
  options.analysis.data_dir = data_dir;
  options.ocr = *kb::extract::ParseOcrMode(ocr);
  options.interactive = progress == "bar" || (progress == "auto" && ::isatty(STDERR_FILENO));
  options.stop = &g_stop;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  std::signal(SIGPIPE, SIG_IGN);

  if (!watch) return RunOnce(options, db);
  // --watch: the folders are watched before each run, so what changes during a run starts the
  // next one; each run is incremental, and releases the index between runs (kb-searchd's
  // `kb-indexer --pending` after an editor's save takes it meanwhile).
  kb::index::FolderWatch folders;
  const std::vector<fs::path> excluded = {options.db, fs::path(db + ".ocr-cache"),
                                          options.ocr_cache};
  while (true) {
    if (auto st = folders.WatchTrees(options.roots, excluded); !st.ok()) {
      std::fprintf(stderr, "kb-indexer: --watch: %s\n", st.message().c_str());
      return 2;
    }
    const int code = RunOnce(options, db);
    if (code != 0) return code;
    std::fflush(stdout);
    if (!folders.WaitForChange(std::chrono::milliseconds(watch_quiet_ms), &g_stop)) break;
  }
  return g_stop_signal.load() == SIGTERM ? 128 + SIGTERM : 128 + SIGINT;
}

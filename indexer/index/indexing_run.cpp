#include "kb/index/indexing_run.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/extract/sandboxed_extractor.h"
#include "kb/index/corpus_walker.h"
#include "kb/index/document_builder.h"
#include "kb/core/fnv_hash.h"
#include "kb/index/index_writer.h"
#include "kb/index/progress.h"

namespace fs = std::filesystem;

namespace kb::index {

std::string RunSummary::Line() const {
  char buf[240];
  std::snprintf(buf, sizeof buf,
                "indexed %zu, unchanged %zu, removed %zu, failed %zu in %.1f s (%zu pages, %.1f MB "
                "of text)%s",
                indexed, unchanged, removed, failed, seconds, pages, text_bytes / 1e6,
                interrupted ? " (interrupted)" : "");
  return buf;
}

namespace {

// What a builder thread hands to the writer thread for one file.
struct FileOutcome {
  enum class Kind { kBuilt, kSameContent, kFailed } kind = Kind::kFailed;
  const CorpusFile* file = nullptr;
  std::optional<BuiltDocument> built;
  Xapian::docid known_docid = 0;  // kSameContent
  std::string reason;             // kFailed
  bool remember =
      true;  // kFailed: the file itself is bad (not our setup); skip it until it changes
};

// Bounded queue from builder threads to the writer thread.
class OutcomeQueue {
 public:
  explicit OutcomeQueue(std::size_t capacity) : capacity_(capacity) {}
  void Push(FileOutcome outcome) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(outcome));
    not_empty_.notify_one();
  }
  // Empty optional when all producers are done and the queue is drained.
  std::optional<FileOutcome> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || producers_ == 0; });
    if (items_.empty()) return std::nullopt;
    FileOutcome out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return out;
  }
  void SetProducers(std::size_t n) { producers_ = n; }
  void ProducerDone() {
    std::lock_guard lock(mutex_);
    --producers_;
    not_empty_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<FileOutcome> items_;
  std::size_t capacity_;
  std::size_t producers_ = 0;
};

// The file's content hash (Fnv1a64) as 16 hex digits; empty on a read error.
std::string HashFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  Fnv1a64 hash;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    hash.Update(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return {};
  return hash.HexDigest();
}

bool IsUnder(const std::string& path, const std::vector<std::string>& roots) {
  for (const auto& root : roots) {
    if (path == root) return true;
    if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
        (root.back() == '/' || path[root.size()] == '/')) {
      return true;
    }
  }
  return false;
}

struct SharedResources {
  std::shared_ptr<const analysis::AnalysisResources> analysis;
  analysis::ThemeTagger themes;
  analysis::RegionTagger regions;
};

Result<SharedResources> LoadShared(const analysis::AnalysisConfig& config) {
  auto resources = analysis::LoadResources(config);
  if (!resources.ok()) return resources.status();
  auto themes = analysis::ThemeTagger::Load(config.data_dir / "themes.toml");
  if (!themes.ok()) return themes.status();
  auto regions = analysis::RegionTagger::Load(config.data_dir / "gazetteer.tsv");
  if (!regions.ok()) return regions.status();
  return SharedResources{std::move(resources).value(), std::move(themes).value(),
                         std::move(regions).value()};
}

void BuilderThread(const RunOptions& options, const SharedResources& shared,
                   const std::vector<const CorpusFile*>& todo,
                   const std::map<std::string, KnownDocument>& known,
                   std::atomic<std::size_t>& next, OutcomeQueue& queue) {
  extract::SandboxOptions sandbox_options;
  sandbox_options.worker_command = options.worker_command;
  sandbox_options.timeout = options.extract_timeout;
  extract::SandboxedExtractor extractor(std::move(sandbox_options));
  DocumentBuilder builder(analysis::Analyzer(shared.analysis), shared.themes, shared.regions);
  for (;;) {
    if (options.stop && options.stop->load()) break;
    const std::size_t i = next.fetch_add(1);
    if (i >= todo.size()) break;
    const CorpusFile& file = *todo[i];
    FileOutcome outcome;
    outcome.file = &file;
    const std::string hash = HashFile(file.path);
    if (hash.empty()) {
      outcome.reason = "cannot read the file; check its permissions";
      queue.Push(std::move(outcome));
      continue;
    }
    if (auto k = known.find(file.path.string());
        k != known.end() && k->second.content_hash == hash) {
      outcome.kind = FileOutcome::Kind::kSameContent;
      outcome.known_docid = k->second.docid;
      queue.Push(std::move(outcome));
      continue;
    }
    auto extracted = extractor.Extract(file.path);
    if (!extracted.ok()) {
      outcome.reason = extracted.status().message();
      outcome.remember = extracted.status().kind() == ErrorKind::kInvalidArgument;
      queue.Push(std::move(outcome));
      continue;
    }
    outcome.kind = FileOutcome::Kind::kBuilt;
    outcome.built = builder.Build(*extracted, file, hash);
    queue.Push(std::move(outcome));
  }
  queue.ProducerDone();
}

}  // namespace

Result<RunSummary> RunIndexing(const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  auto opened = IndexWriter::Open(options.db);
  if (!opened.ok()) return opened.status();
  IndexWriter& writer = **opened;

  auto fail = [&](ProgressReporter* progress, std::string path, std::string reason) {
    const std::string line = "kb-indexer: " + path + ": " + reason;
    if (progress) {
      progress->Message(line);
    } else {
      std::fprintf(options.log, "%s\n", line.c_str());
    }
    summary.failures.push_back({std::move(path), std::move(reason)});
    ++summary.failed;
  };

  const WalkResult walk = WalkCorpus(options.roots);
  for (const auto& issue : walk.issues) fail(nullptr, issue.path.string(), issue.reason);

  auto known_or = writer.KnownDocuments();
  if (!known_or.ok()) return known_or.status();
  const auto& known = *known_or;
  auto failures = writer.KnownFailures();

  // Decide per file: unchanged, known failure, or to do.
  std::vector<const CorpusFile*> todo;
  std::map<std::string, bool> seen;
  for (const auto& file : walk.files) {
    const std::string path = file.path.string();
    seen[path] = true;
    const std::string signature = file.Signature();
    if (auto k = known.find(path); k != known.end() && k->second.signature == signature) {
      ++summary.unchanged;
      continue;
    }
    if (auto f = failures.find(path); f != failures.end() && f->second.signature == signature) {
      fail(nullptr, path, f->second.reason + " (unchanged since the last run)");
      continue;
    }
    todo.push_back(&file);
  }

  // Largest first: a big PDF started last would otherwise leave one core idle at the end.
  std::stable_sort(todo.begin(), todo.end(),
                   [](const CorpusFile* a, const CorpusFile* b) { return a->size > b->size; });

  // Files that are gone, under the roots of this run only.
  std::vector<std::string> roots;
  for (const auto& r : options.roots) roots.push_back(fs::absolute(r).lexically_normal().string());
  for (const auto& [path, k] : known) {
    if (!seen.count(path) && IsUnder(path, roots)) {
      if (Status st = writer.Remove(k.docid); !st.ok()) return st;
      ++summary.removed;
    }
  }
  for (const auto& [path, f] : failures) {
    if (!seen.count(path) && IsUnder(path, roots)) {
      if (Status st = writer.ForgetFailure(path); !st.ok()) return st;
    }
  }

  // The analysis data takes a moment to load; an unchanged corpus does not need it.
  Result<SharedResources> shared =
      todo.empty() ? Result<SharedResources>(SharedResources{}) : LoadShared(options.analysis);
  if (!shared.ok()) return shared.status();
  if (!todo.empty()) {
    analysis::Analyzer analyzer(shared->analysis);
    if (Status st = writer.InstallSynonyms(analyzer); !st.ok()) return st;
  }

  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, todo.size()));
  OutcomeQueue queue(64);
  queue.SetProducers(threads);
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> builders;
  for (unsigned t = 0; t < threads; ++t) {
    builders.emplace_back(BuilderThread, std::cref(options), std::cref(*shared), std::cref(todo),
                          std::cref(known), std::ref(next), std::ref(queue));
  }

  ProgressReporter progress(options.log, options.interactive, todo.size());
  Status write_status;
  auto last_commit = std::chrono::steady_clock::now();
  while (auto outcome = queue.Pop()) {
    const std::string path = outcome->file->path.string();
    if (!write_status.ok()) continue;  // drain so builder threads can finish
    switch (outcome->kind) {
      case FileOutcome::Kind::kBuilt:
        write_status = writer.Upsert(*outcome->built);
        if (failures.count(path)) (void)writer.ForgetFailure(path);
        ++summary.indexed;
        summary.pages += outcome->built->stored.pages.size();
        for (const auto& page : outcome->built->stored.pages) summary.text_bytes += page.size();
        break;
      case FileOutcome::Kind::kSameContent:
        write_status = writer.UpdateSignature(outcome->known_docid, outcome->file->Signature());
        ++summary.unchanged;
        break;
      case FileOutcome::Kind::kFailed:
        fail(&progress, path, outcome->reason);
        // A failure while stopping may be the stop itself (the signal reached the extraction
        // worker); remember only failures of an undisturbed run, so a rerun retries the file.
        if (outcome->remember && !(options.stop && options.stop->load())) {
          write_status = writer.RecordFailure(path, {outcome->file->Signature(), outcome->reason});
        }
        break;
    }
    progress.Advance(outcome->file->size, outcome->file->path.filename().string());
    const auto now = std::chrono::steady_clock::now();
    if (write_status.ok() && (writer.pending() >= options.commit_every ||
                              now - last_commit > std::chrono::seconds(10))) {
      write_status = writer.Commit();
      last_commit = now;
    }
  }
  for (auto& t : builders) t.join();
  progress.Finish();
  if (!write_status.ok()) return write_status;
  if (Status st = writer.Commit(); !st.ok()) return st;
  summary.interrupted = options.stop && options.stop->load();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace kb::index

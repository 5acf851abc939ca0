#include "kb/index/indexing_run.h"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <exception>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/utc_time.h"
#include "kb/editorial/store.h"
#include "kb/extract/sandboxed_extractor.h"
#include "kb/index/corpus_walker.h"
#include "kb/index/document_builder.h"
#include "kb/index/duplicate_finder.h"
#include "kb/index/index_writer.h"
#include "kb/index/progress.h"
#include "run_queues.h"

namespace fs = std::filesystem;

namespace kb::index {

std::string RunSummary::Line() const {
  char buf[260];
  const std::string with_attachments =
      attachments > 0 ? " (with " + std::to_string(attachments) + " attachments)" : "";
  std::snprintf(
      buf, sizeof buf,
      "indexed %zu%s, unchanged %zu, removed %zu, failed %zu, queued %zu, duplicates %zu in "
      "%.1f s (%zu pages, %.1f MB of text)%s",
      indexed, with_attachments.c_str(), unchanged, removed, failed, queued, duplicates, seconds,
      pages, text_bytes / 1e6, interrupted ? " (interrupted)" : "");
  return buf;
}

namespace {

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

// The analysis data, loaded while the builders already extract their first files.
using SharedFuture = std::shared_future<std::shared_ptr<const Result<SharedResources>>>;

std::filesystem::path OcrCacheFor(const RunOptions& options) {
  if (!options.ocr_cache.empty()) return options.ocr_cache;
  const std::filesystem::path db = options.db.lexically_normal();
  const std::filesystem::path name =
      db.has_filename() ? db.filename() : db.parent_path().filename();
  return (db.has_filename() ? db.parent_path() : db.parent_path().parent_path()) /
         (name.string() + ".ocr-cache");
}

// A builder thread: takes work until the queue closes. It never drops a file it took, so every
// item taken produces exactly one outcome (the writer counts on it).
void BuilderThread(const RunOptions& options, SharedFuture shared,
                   const std::map<std::string, KnownDocument>& known, const EditsSnapshot& edits,
                   WorkQueue& work, OutcomeQueue& outcomes) {
  extract::SandboxOptions sandbox_options;
  sandbox_options.worker_command = options.worker_command;
  sandbox_options.timeout = options.extract_timeout;
  sandbox_options.extract.ocr = options.ocr;
  sandbox_options.extract.ocr_cache = OcrCacheFor(options);
  extract::SandboxedExtractor extractor(std::move(sandbox_options));
  std::optional<DocumentBuilder> builder;  // once the analysis data is there
  while (auto item = work.Pop()) {
    FileOutcome outcome;
    outcome.item = std::move(*item);
    const CorpusFile& file = outcome.item.file;
    const std::string hash = HashFile(file.path);
    if (hash.empty()) {
      outcome.reason = "cannot read the file; check its permissions";
      outcomes.Push(std::move(outcome));
      continue;
    }
    if (auto k = known.find(file.path.string());
        !outcome.item.force && k != known.end() && k->second.content_hash == hash) {
      outcome.kind = FileOutcome::Kind::kSameContent;
      outcome.known_docid = k->second.docid;
      outcomes.Push(std::move(outcome));
      continue;
    }
    auto extracted = extractor.Extract(file.path);
    if (!extracted.ok()) {
      outcome.reason = extracted.status().message();
      outcome.remember = extracted.status().kind() == ErrorKind::kInvalidArgument;
      outcomes.Push(std::move(outcome));
      continue;
    }
    if (!builder) {
      const Result<SharedResources>& loaded = *shared.get();
      if (!loaded.ok()) {
        outcome.reason = loaded.status().message();
        outcome.remember = false;  // our setup failed, not the file
        outcomes.Push(std::move(outcome));
        continue;
      }
      builder.emplace(analysis::Analyzer(loaded->analysis), loaded->themes, loaded->regions);
    }
    const auto current = edits.Get();
    const auto edits_of = [&current](const std::string& id) -> const editorial::DocumentEdits* {
      const auto e = current->find(id);
      return e == current->end() ? nullptr : &e->second;
    };
    // Whatever one document does to the builder fails that document, never the run. Not
    // remembered as the file's fault: a fixed kb-indexer retries it without the file changing.
    try {
      outcome.built =
          builder->Build(*extracted, file, hash, edits_of,
                         fs::absolute(options.db).lexically_normal() / schema::kAttachmentsFolder);
      outcome.kind = FileOutcome::Kind::kBuilt;
    } catch (const Xapian::Error& error) {
      outcome.reason = "cannot build the document: " + error.get_description();
      outcome.remember = false;
    } catch (const std::exception& error) {
      outcome.reason = std::string("cannot build the document: ") + error.what();
      outcome.remember = false;
    }
    outcomes.Push(std::move(outcome));
  }
}

// A queued path as a CorpusFile; nullopt when it is no longer a readable regular file.
std::optional<CorpusFile> StatFile(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  WalkResult walk = WalkCorpus({fs::path(path)});
  if (walk.files.empty()) return std::nullopt;
  return std::move(walk.files.front());
}

// The state of one run, driven by the writer (calling) thread.
class IndexingRun {
 public:
  IndexingRun(const RunOptions& options, IndexWriter& writer, editorial::EditorialStore& store)
      : options_(options), writer_(writer), store_(store), outcomes_(64) {}
  ~IndexingRun() { JoinBuilders(); }

  Result<RunSummary> Execute();

 private:
  void Fail(std::string path, std::string reason);
  Status Plan(std::vector<const CorpusFile*>& todo);
  Status StartBuilders(std::size_t expected_items);
  Status AwaitShared();
  Status TakePending();
  Status Handle(FileOutcome outcome);
  Status WriteBuilt(const std::string& path, BuiltDocument& built);
  void FinishQueued(const std::string& path, const std::string& failure);
  Status Commit();
  Status WriteLoop();
  Status CommitAndPoll();
  Status ProposeDuplicates();
  void JoinBuilders();
  bool Stopping() const { return options_.stop && options_.stop->load(); }
  // The status file kb-searchd reads (schema::IndexerStatusPathFor).
  void WriteStatus(std::string_view state);
  static constexpr std::chrono::seconds kStatusInterval{1};
  std::chrono::steady_clock::time_point last_status_;
  std::string started_at_ = UtcNowIso8601();

  const RunOptions& options_;
  IndexWriter& writer_;
  editorial::EditorialStore& store_;
  RunSummary summary_;
  WalkResult walk_;
  std::map<std::string, KnownDocument> known_;
  std::map<std::string, KnownFailure> failures_;
  SharedFuture shared_;
  bool synonyms_installed_ = false;
  EditsSnapshot edits_;
  WorkQueue work_;
  OutcomeQueue outcomes_;
  std::vector<std::thread> builders_;
  std::unique_ptr<ProgressReporter> progress_;
  std::size_t submitted_ = 0;
  std::size_t received_ = 0;
  std::int64_t seen_generation_ = -1;
  std::chrono::steady_clock::time_point last_commit_;
  std::chrono::steady_clock::time_point last_poll_;
  // Queued paths being built: the store's item and how many builds of the path are in flight.
  std::map<std::string, std::pair<editorial::PendingItem, int>> pending_in_flight_;
  std::vector<editorial::PendingItem> pending_done_;  // cleared in the store after the next commit
  std::vector<editorial::PendingFailure> pending_failed_;  // likewise, reported as failed
  std::vector<std::string> indexed_ids_;                   // for the duplicate proposals
  // Documents an earlier run committed but never compared (it was stopped or killed first).
  std::vector<std::string> awaiting_ids_;
};

void IndexingRun::Fail(std::string path, std::string reason) {
  const std::string line = "kb-indexer: " + path + ": " + reason;
  if (progress_) {
    progress_->Message(line);
  } else {
    std::fprintf(options_.log, "%s\n", line.c_str());
  }
  summary_.failures.push_back({std::move(path), std::move(reason)});
  ++summary_.failed;
}

// Decides per walked file: unchanged, known failure, or to do; removes documents whose files are
// gone under this run's roots.
Status IndexingRun::Plan(std::vector<const CorpusFile*>& todo) {
  walk_ = WalkCorpus(options_.roots);
  for (const auto& issue : walk_.issues) Fail(issue.path.string(), issue.reason);
  std::map<std::string, bool> seen;
  for (const auto& file : walk_.files) {
    const std::string path = file.path.string();
    if (options_.shards > 1 &&
        ShardOfDocument(DocumentIdForPath(path), options_.shards) != options_.shard) {
      continue;  // another shard's
    }
    seen[path] = true;
    const std::string signature = file.Signature();
    if (auto k = known_.find(path); k != known_.end() && k->second.signature == signature) {
      ++summary_.unchanged;
      continue;
    }
    if (auto f = failures_.find(path); f != failures_.end() && f->second.signature == signature) {
      Fail(path, f->second.reason + " (unchanged since the last run)");
      continue;
    }
    todo.push_back(&file);
  }
  // Largest first: a big PDF started last would otherwise leave one core idle at the end.
  std::stable_sort(todo.begin(), todo.end(),
                   [](const CorpusFile* a, const CorpusFile* b) { return a->size > b->size; });

  std::vector<std::string> roots;
  for (const auto& r : options_.roots) roots.push_back(fs::absolute(r).lexically_normal().string());
  for (const auto& [path, k] : known_) {
    if (!seen.count(path) && IsUnder(path, roots)) {
      if (Status st = writer_.Remove(k.docid); !st.ok()) return st;
      ++summary_.removed;
    }
  }
  for (const auto& [path, f] : failures_) {
    if (!seen.count(path) && IsUnder(path, roots)) {
      if (Status st = writer_.ForgetFailure(path); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

// The analysis data takes a moment to load (the lexicon): it loads in the background while the
// builders hash and extract their first files. A run with nothing to build does not load it.
Status IndexingRun::StartBuilders(std::size_t expected_items) {
  if (shared_.valid()) return Status::Ok();
  shared_ = std::async(std::launch::async, [config = options_.analysis] {
              return std::make_shared<const Result<SharedResources>>(LoadShared(config));
            }).share();
  unsigned threads =
      options_.threads ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, expected_items));
  for (unsigned t = 0; t < threads; ++t) {
    builders_.emplace_back(BuilderThread, std::cref(options_), shared_, std::cref(known_),
                           std::cref(edits_), std::ref(work_), std::ref(outcomes_));
  }
  return Status::Ok();
}

// Before the first outcome is written: the analysis data has loaded, and the index carries its
// synonyms (the query side reads them from there).
Status IndexingRun::AwaitShared() {
  if (synonyms_installed_ || !shared_.valid()) return Status::Ok();
  const Result<SharedResources>& loaded = *shared_.get();
  if (!loaded.ok()) return loaded.status();
  analysis::Analyzer analyzer(loaded->analysis);
  if (Status st = writer_.InstallSynonyms(analyzer); !st.ok()) return st;
  synonyms_installed_ = true;
  return Status::Ok();
}

// When the store changed: reload the edits and queue every pending path not yet in flight with
// its current generation.
Status IndexingRun::TakePending() {
  auto generation = store_.queue().Generation();
  if (!generation.ok()) return generation.status();
  if (*generation == seen_generation_) return Status::Ok();
  auto pending = store_.queue().Items();
  if (!pending.ok()) return pending.status();
  auto all_edits = store_.edits().AllEdits();
  if (!all_edits.ok()) return all_edits.status();
  seen_generation_ = *generation;
  edits_.Set(std::move(all_edits).value());
  std::vector<CorpusFile> files;
  for (const auto& item : *pending) {
    auto in_flight = pending_in_flight_.find(item.path);
    if (in_flight != pending_in_flight_.end() &&
        in_flight->second.first.generation == item.generation) {
      continue;
    }
    ++summary_.queued;
    if (auto file = StatFile(item.path)) {
      files.push_back(std::move(*file));
      auto& entry = pending_in_flight_[item.path];
      entry.first = item;
      ++entry.second;
      continue;
    }
    // Gone (deleted, or moved away): the document goes too.
    const std::string id_term = std::string(schema::kPrefixId) + DocumentIdForPath(item.path);
    if (Status st = writer_.RemoveByTerm(id_term); !st.ok()) return st;
    ++summary_.removed;
    pending_done_.push_back(item);
  }
  if (files.empty()) return Status::Ok();
  if (Status st = StartBuilders(files.size()); !st.ok()) return st;
  if (progress_) {
    std::uint64_t bytes = 0;
    for (const auto& file : files) bytes += file.size;
    progress_->Grow(files.size(), bytes);
  }
  for (auto& file : files) {
    work_.PushFront(WorkItem{std::move(file), /*force=*/true});
    ++submitted_;
  }
  return Status::Ok();
}

Status IndexingRun::Handle(FileOutcome outcome) {
  ++received_;
  if (Status st = AwaitShared(); !st.ok()) return st;
  const CorpusFile& file = outcome.item.file;
  const std::string path = file.path.string();
  Status status;
  std::string failure;  // why this file is not in the index, when it is not
  switch (outcome.kind) {
    case FileOutcome::Kind::kBuilt:
      status = WriteBuilt(path, *outcome.built);
      // The writer refused this document alone (InvalidArgument): it fails, the run goes on.
      if (!status.ok() && status.kind() == ErrorKind::kInvalidArgument) {
        failure = status.message();
        status = Status::Ok();
      }
      break;
    case FileOutcome::Kind::kSameContent:
      status = writer_.UpdateSignature(outcome.known_docid, file.Signature());
      ++summary_.unchanged;
      break;
    case FileOutcome::Kind::kFailed:
      failure = outcome.reason;
      // A failure while stopping may be the stop itself (the signal reached the extraction
      // worker); remember only failures of an undisturbed run, so a rerun retries the file.
      if (outcome.remember && !Stopping()) {
        status = writer_.RecordFailure(path, {file.Signature(), outcome.reason});
      }
      break;
  }
  if (!failure.empty()) Fail(path, failure);
  if (outcome.item.force) FinishQueued(path, failure);
  progress_->Advance(file.size, file.path.filename().string());
  if (std::chrono::steady_clock::now() - last_status_ >= kStatusInterval) WriteStatus("running");
  return status;
}

void IndexingRun::WriteStatus(std::string_view state) {
  last_status_ = std::chrono::steady_clock::now();
  const nlohmann::json status = {{"state", state},
                                 {"pid", static_cast<long>(::getpid())},
                                 {"started", started_at_},
                                 {"finished", state == "running" ? "" : UtcNowIso8601()},
                                 {"files_done", progress_ ? progress_->done() : 0},
                                 {"files_total", progress_ ? progress_->total() : 0},
                                 {"indexed", summary_.indexed},
                                 {"failed", summary_.failed},
                                 {"removed", summary_.removed}};
  // Best effort, atomically: kb-searchd reads either the last status or the one before.
  const std::string path = schema::IndexerStatusPathFor(options_.db.string());
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << status.dump();
    if (!out) return;
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
}

// Upserts a built document and marks it for the near-duplicate step in the same batch.
// InvalidArgument when the writer refuses the document (nothing written).
Status IndexingRun::WriteBuilt(const std::string& path, BuiltDocument& built) {
  if (Status st = writer_.Upsert(built); !st.ok()) return st;
  if (failures_.count(path)) (void)writer_.ForgetFailure(path);
  ++summary_.indexed;
  summary_.attachments += built.attachments.size();
  std::vector<const BuiltDocument*> all{&built};
  for (const BuiltDocument& attachment : built.attachments) all.push_back(&attachment);
  for (const BuiltDocument* d : all) {
    if (Status st = writer_.MarkAwaitingComparison(d->stored.id); !st.ok()) return st;
    summary_.pages += d->stored.pages.size();
    for (const auto& page : d->stored.pages) summary_.text_bytes += page.size();
    indexed_ids_.push_back(d->stored.id);
  }
  return Status::Ok();
}

// A queued path's last build in flight is done: its entry is cleared after the next commit, as
// failed (with the reason, for the editors) when the file could not be indexed, so an entry that
// cannot be applied never blocks the queue.
void IndexingRun::FinishQueued(const std::string& path, const std::string& failure) {
  auto p = pending_in_flight_.find(path);
  if (p == pending_in_flight_.end() || --p->second.second > 0) return;
  if (failure.empty()) {
    pending_done_.push_back(p->second.first);
  } else {
    pending_failed_.push_back({p->second.first, failure});
  }
  pending_in_flight_.erase(p);
}

// Commits, then tells the store which queued paths that commit holds.
Status IndexingRun::Commit() {
  if (Status st = writer_.Commit(); !st.ok()) return st;
  if (!pending_done_.empty()) {
    if (Status st = store_.queue().Clear(pending_done_); !st.ok()) return st;
    pending_done_.clear();
  }
  if (!pending_failed_.empty()) {
    if (Status st = store_.queue().Fail(pending_failed_); !st.ok()) return st;
    pending_failed_.clear();
  }
  return Status::Ok();
}

// Compares this run's documents, and those an earlier run committed but never compared, with
// the index; once the pairs are in the store their marks are cleared and committed.
Status IndexingRun::ProposeDuplicates() {
  std::vector<std::string> ids = indexed_ids_;
  ids.insert(ids.end(), awaiting_ids_.begin(), awaiting_ids_.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return Status::Ok();
  // After the last progress line, so a long phase (minutes at a million documents) says so.
  std::fprintf(options_.log, "near-duplicates: comparing %zu documents with the index\n",
               ids.size());
  if (!awaiting_ids_.empty()) {
    std::fprintf(options_.log,
                 "near-duplicates: %zu of them from an earlier run that stopped before comparing\n",
                 awaiting_ids_.size());
  }
  std::fflush(options_.log);
  const auto start = std::chrono::steady_clock::now();
  auto pairs = FindDuplicates(writer_.database(), ids);
  if (!pairs.ok()) return pairs.status();
  std::fprintf(options_.log, "near-duplicates: %zu pairs proposed in %.1f s\n", pairs->size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  std::vector<editorial::DuplicateCandidate> candidates;
  for (const auto& pair : *pairs) {
    editorial::DuplicateCandidate c;
    c.a = pair.a;
    c.b = pair.b;
    c.similarity = pair.similarity;
    candidates.push_back(std::move(c));
  }
  // One transaction: a full run of a large corpus proposes thousands of pairs.
  if (Status st = store_.duplicates().ProposeAll(candidates); !st.ok()) return st;
  summary_.duplicates = pairs->size();
  if (Status st = writer_.ClearAwaitingComparison(ids); !st.ok()) return st;
  return writer_.Commit();
}

void IndexingRun::JoinBuilders() {
  work_.Close();
  for (auto& t : builders_) t.join();
  builders_.clear();
}

Result<RunSummary> IndexingRun::Execute() {
  const auto start = std::chrono::steady_clock::now();
  auto known = writer_.KnownDocuments();
  if (!known.ok()) return known.status();
  known_ = std::move(known).value();
  failures_ = writer_.KnownFailures();
  // A --pending run stays quick (kb-searchd waits for it); the next full run takes the backlog.
  if (!options_.pending_only) {
    auto awaiting = writer_.AwaitingComparison();
    if (!awaiting.ok()) return awaiting.status();
    awaiting_ids_ = std::move(awaiting).value();
  }

  std::vector<const CorpusFile*> todo;
  if (!options_.pending_only) {
    if (Status st = Plan(todo); !st.ok()) return st;
  }
  if (!todo.empty()) {
    if (Status st = StartBuilders(todo.size()); !st.ok()) return st;
  }
  std::uint64_t todo_bytes = 0;
  for (const CorpusFile* file : todo) todo_bytes += file->size;
  progress_ = std::make_unique<ProgressReporter>(options_.log, options_.interactive, todo.size(),
                                                 todo_bytes);
  WriteStatus("running");
  // The edits must be loaded before the first file is built.
  if (Status st = TakePending(); !st.ok()) return st;
  for (const CorpusFile* file : todo) work_.Push(WorkItem{*file, /*force=*/false});
  submitted_ += todo.size();

  const Status write_status = WriteLoop();
  JoinBuilders();
  progress_->Finish();
  if (!write_status.ok()) return write_status;
  if (!options_.pending_only && !Stopping()) {
    // Every walked file was read or is unchanged since a run that gave it its passages.
    if (Status st = writer_.MarkPassagesComplete(); !st.ok()) return st;
  }
  if (Status st = Commit(); !st.ok()) return st;
  if (!Stopping()) {
    if (Status st = ProposeDuplicates(); !st.ok()) return st;
  }
  summary_.interrupted = Stopping();
  summary_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WriteStatus(summary_.interrupted ? "stopped" : "finished");
  return summary_;
}

// Writes outcomes until every submitted file has one and the store has nothing new. After an
// error it only drains what is in flight, then returns the error.
Status IndexingRun::WriteLoop() {
  Status write_status;
  last_commit_ = last_poll_ = std::chrono::steady_clock::now();
  for (;;) {
    if (Stopping()) submitted_ -= work_.DropAll();
    if (received_ == submitted_) {
      // The queue one last time: an edit saved during the run is applied by this run.
      if (!write_status.ok() || Stopping()) return write_status;
      write_status = TakePending();
      if (received_ == submitted_) return write_status;
    }
    if (auto outcome = outcomes_.PopFor(options_.pending_poll)) {
      if (write_status.ok()) {
        write_status = Handle(std::move(*outcome));
      } else {
        ++received_;  // draining after an error
      }
    }
    if (write_status.ok()) write_status = CommitAndPoll();
    if (!write_status.ok()) submitted_ -= work_.DropAll();
  }
}

// Commits when a batch is full, every 10 s, and as soon as queued edits are built (so a save
// shows within seconds); checks the store every pending_poll.
Status IndexingRun::CommitAndPoll() {
  const auto now = std::chrono::steady_clock::now();
  const bool edits_ready =
      (!pending_done_.empty() || !pending_failed_.empty()) && pending_in_flight_.empty();
  if (edits_ready || writer_.pending() >= options_.commit_every ||
      now - last_commit_ > std::chrono::seconds(10)) {
    if (Status st = Commit(); !st.ok()) return st;
    last_commit_ = now;
  }
  if (!Stopping() && now - last_poll_ >= options_.pending_poll) {
    last_poll_ = now;
    return TakePending();
  }
  return Status::Ok();
}

// Opens the index; a full run finding it locked waits up to lock_wait for the other writer.
Result<std::unique_ptr<IndexWriter>> OpenWriter(const RunOptions& options) {
  auto opened = IndexWriter::Open(options.db);
  const auto give_up = std::chrono::steady_clock::now() + options.lock_wait;
  while (!options.pending_only && !opened.ok() &&
         opened.status().kind() == ErrorKind::kUnavailable &&
         std::chrono::steady_clock::now() < give_up && !(options.stop && options.stop->load())) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    opened = IndexWriter::Open(options.db);
  }
  return opened;
}

}  // namespace

Result<RunSummary> RunIndexing(const RunOptions& options) {
  auto opened = OpenWriter(options);
  if (!opened.ok() && options.pending_only && opened.status().kind() == ErrorKind::kUnavailable) {
    RunSummary busy;
    busy.index_busy = true;
    return busy;
  }
  if (!opened.ok()) return opened.status();
  const fs::path store_path = options.editorial.empty()
                                  ? editorial::EditorialStore::DefaultPathFor(options.db)
                                  : options.editorial;
  auto store = editorial::EditorialStore::Open(store_path);
  if (!store.ok()) return store.status();
  IndexingRun run(options, **opened, **store);
  return run.Execute();
}

}  // namespace kb::index

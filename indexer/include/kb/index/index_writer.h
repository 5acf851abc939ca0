// IndexWriter: the one writer of a Xapian index (Xapian allows one writer per database; a second
// kb-indexer gets Unavailable, not a corrupt index).
//
// Upserts are replace_document() on the document's unique id term, so re-indexing a file never
// duplicates it.
//
// The document's passages go to the passage index (schema::kPassagesFolder inside the index
// folder), replacing the ones with its parent term. A thread of its own writes them
// (PassageWriter). The passage index is committed just before the document index, so a run
// killed in between leaves the documents as they were (and re-indexes them) while their passages
// may already be new, never the other way round.
//
// A message's attachments (BuiltDocument::attachments) are replaced with it: the ones it no
// longer has go (documents, passages, copies); the others come with their copies of the bytes,
// written at once into the index folder (schema::kAttachmentsFolder). Removing the message
// removes them.
//
// Changes become visible to readers at Commit(); a run killed between commits leaves the last
// committed state, which Xapian guarantees opens. Not thread-safe: owned and used by the
// indexing run's writer thread only.
//
// Size limits (schema::kMaxTermBytes, schema::kMaxMetadataKeyBytes). When Xapian refuses a
// document (a term too long) it also discards every change made since the last commit, so a
// refusal would silently lose the documents of the whole batch. Upsert therefore checks the
// document first and refuses it alone, before Xapian sees it. Metadata keys built from paths are
// bounded as the schema describes (kMetaFailurePrefix).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "kb/core/status.h"
#include "kb/index/document_builder.h"

namespace kb::index {

class PassageWriter;

// What the index already knows about a source file.
struct KnownDocument {
  Xapian::docid docid = 0;
  std::string signature;
  std::string content_hash;
};

// A file that could not be indexed, remembered so an unchanged bad file is not retried each run.
struct KnownFailure {
  std::string signature;
  std::string reason;
};

class IndexWriter {
 public:
  // Opens or creates the index at `dir` and stamps the schema. Unavailable when another process
  // holds the write lock; InvalidArgument when the index has another schema or stemmer.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::filesystem::path& dir);
  ~IndexWriter();

  // Every indexed document, by absolute source path. Until a run has given every document its
  // passages (MarkPassagesComplete), their signatures and hashes are left out, so the run
  // re-reads every file.
  Result<std::map<std::string, KnownDocument>> KnownDocuments() const;
  // Every remembered failure, by absolute source path.
  std::map<std::string, KnownFailure> KnownFailures() const;

  // InvalidArgument, naming the file and the term, for a document with a term longer than
  // schema::kMaxTermBytes (the index and the batch are untouched: fail that document, go on).
  // Internal when Xapian fails otherwise; Xapian has then discarded the uncommitted changes, so
  // the run must stop rather than count them as done.
  // The document's passages (and its attachments') are taken, for the passage writer's thread.
  Status Upsert(BuiltDocument& doc);
  // A file whose bytes did not change (same hash) but whose signature did: store the new one.
  Status UpdateSignature(Xapian::docid docid, const std::string& signature);
  Status Remove(Xapian::docid docid);
  // Removes the document with this unique id term, if there is one.
  Status RemoveByTerm(const std::string& id_term);
  // Any path, however long (see schema::kMetaFailurePrefix for how long ones are keyed).
  Status RecordFailure(const std::string& path, const KnownFailure& failure);
  Status ForgetFailure(const std::string& path);

  // Near-duplicate bookkeeping (schema::kMetaAwaitingComparisonPrefix): a document id marked in
  // the batch of its Upsert stays marked, across runs, until its comparison is cleared.
  Status MarkAwaitingComparison(const std::string& id);
  Result<std::vector<std::string>> AwaitingComparison() const;  // sorted
  Status ClearAwaitingComparison(const std::vector<std::string>& ids);

  // Replaces the index's synonym table with the analysis's synonyms (query-time expansion).
  Status InstallSynonyms(analysis::Analyzer& analyzer);

  // A run that went through every file records that every document has its passages (committed
  // with the next Commit).
  Status MarkPassagesComplete();

  // Makes all changes durable and visible; records the time in kb.last_update.
  Status Commit();
  // Changes since the last commit.
  size_t pending() const { return pending_; }
  Xapian::doccount document_count() const;
  // The index as this writer sees it (uncommitted changes included), for reading on the writer's
  // thread only.
  const Xapian::Database& database() const { return db_; }

 private:
  IndexWriter(Xapian::WritableDatabase db, Xapian::WritableDatabase passages);
  // The parent term of the passages of the document with this unique id term.
  static std::string ParentTerm(const std::string& id_term);
  // Replaces one document and its passages (Xapian errors are the caller's).
  void Write(BuiltDocument& doc);
  // Removes the attachments of the document with this unique id term, but those with an id
  // term in `kept`: their documents, their passages and the index's copies of their files
  // (Xapian errors are the caller's).
  void RemoveAttachmentsOf(const std::string& id_term, const std::set<std::string>& kept = {});
  Xapian::WritableDatabase db_;
  std::unique_ptr<PassageWriter> passages_;  // its own thread
  size_t pending_ = 0;
};

}  // namespace kb::index

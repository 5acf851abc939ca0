#include "kb/index/index_writer.h"

#include <chrono>
#include <ctime>
#include <exception>
#include <fstream>
#include <set>

#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/utc_time.h"
#include "passage_writer.h"

namespace kb::index {

namespace {

// Failures are keyed by their path when it fits in a key, else by its hash with the path in the
// value (schema::kMetaFailurePrefix).
bool PathFitsInKey(const std::string& path) {
  return schema::kMetaFailurePrefix.size() + path.size() <= schema::kMaxMetadataKeyBytes;
}

std::string FailureKey(const std::string& path) {
  if (PathFitsInKey(path)) return std::string(schema::kMetaFailurePrefix) + path;
  Fnv1a64 hash;
  hash.Update(path);
  return std::string(schema::kMetaFailureHashedPrefix) + hash.HexDigest();
}

std::string FailureValue(const std::string& path, const KnownFailure& failure) {
  std::string value = failure.signature + "\t" + failure.reason;
  if (!PathFitsInKey(path)) value.insert(0, path + '\0');
  return value;
}

KnownFailure ParseFailure(std::string_view value) {
  const auto tab = value.find('\t');
  return KnownFailure{std::string(value.substr(0, tab)),
                      tab == std::string_view::npos ? "" : std::string(value.substr(tab + 1))};
}

// The document's unique id term (schema::kPrefixId), or "" when it has none.
std::string IdTermOf(const Xapian::Document& doc) {
  auto term = doc.termlist_begin();
  term.skip_to(std::string(schema::kPrefixId));
  if (term == doc.termlist_end() || (*term).rfind(schema::kPrefixId, 0) != 0) return {};
  return *term;
}

Status FromXapian(const Xapian::Error& e, std::string_view what) {
  return Status::Internal(std::string(what) + ": " + e.get_description());
}

}  // namespace

IndexWriter::IndexWriter(Xapian::WritableDatabase db, Xapian::WritableDatabase passages)
    : db_(std::move(db)), passages_(std::make_unique<PassageWriter>(std::move(passages))) {}

IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::filesystem::path& dir) {
  try {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return Status::InvalidArgument("cannot create index folder '" + dir.string() +
                                     "': " + ec.message() + "; choose another --db");
    }
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::WritableDatabase passages((dir / schema::kPassagesFolder).string(),
                                      Xapian::DB_CREATE_OR_OPEN);
    std::unique_ptr<IndexWriter> writer(new IndexWriter(std::move(db), std::move(passages)));
    if (Status st = schema::StampIndex(writer->db_); !st.ok()) return st;
    return writer;
  } catch (const Xapian::DatabaseLockError&) {
    return Status::Unavailable("another process is writing to the index '" + dir.string() +
                               "' (is a kb-indexer still running?); wait for it to finish and "
                               "run again");
  } catch (const Xapian::Error& e) {
    return Status::InvalidArgument("cannot open index '" + dir.string() +
                                   "': " + e.get_description() +
                                   "; if it is damaged, delete the folder and index again");
  }
}

Result<std::map<std::string, KnownDocument>> IndexWriter::KnownDocuments() const {
  std::map<std::string, KnownDocument> known;
  try {
    // An attachment is its message's: it comes and goes with it, never as a file of its own.
    std::set<Xapian::docid> attachments;
    const std::string container(schema::kPrefixContainer);
    for (auto t = db_.allterms_begin(container); t != db_.allterms_end(container); ++t) {
      attachments.insert(db_.postlist_begin(*t), db_.postlist_end(*t));
    }
    // Value streams are read in docid order; join the three slots on docid.
    for (auto it = db_.valuestream_begin(schema::kSlotPath);
         it != db_.valuestream_end(schema::kSlotPath); ++it) {
      if (!attachments.count(it.get_docid())) known[*it].docid = it.get_docid();
    }
    if (db_.get_metadata(std::string(schema::kMetaPassagesVersion)) != schema::kPassagesVersion) {
      return known;  // no signatures: every file is read again, for its passages
    }
    std::map<Xapian::docid, KnownDocument*> by_docid;
    for (auto& [path, k] : known) by_docid[k.docid] = &k;
    for (auto it = db_.valuestream_begin(schema::kSlotSignature);
         it != db_.valuestream_end(schema::kSlotSignature); ++it) {
      if (auto f = by_docid.find(it.get_docid()); f != by_docid.end()) f->second->signature = *it;
    }
    for (auto it = db_.valuestream_begin(schema::kSlotContentHash);
         it != db_.valuestream_end(schema::kSlotContentHash); ++it) {
      if (auto f = by_docid.find(it.get_docid()); f != by_docid.end())
        f->second->content_hash = *it;
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot read the index's document list");
  }
  return known;
}

std::map<std::string, KnownFailure> IndexWriter::KnownFailures() const {
  std::map<std::string, KnownFailure> failures;
  const std::string prefix(schema::kMetaFailurePrefix);
  for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
    failures[(*it).substr(prefix.size())] = ParseFailure(db_.get_metadata(*it));
  }
  const std::string hashed(schema::kMetaFailureHashedPrefix);
  for (auto it = db_.metadata_keys_begin(hashed); it != db_.metadata_keys_end(hashed); ++it) {
    const std::string value = db_.get_metadata(*it);
    const auto nul = value.find('\0');
    if (nul == std::string::npos) continue;  // not ours: never written without the path
    failures[value.substr(0, nul)] = ParseFailure(std::string_view(value).substr(nul + 1));
  }
  return failures;
}

Status IndexWriter::Upsert(BuiltDocument& doc) {
  std::vector<const BuiltDocument*> all{&doc};
  for (const BuiltDocument& attachment : doc.attachments) all.push_back(&attachment);
  for (const BuiltDocument* d : all) {
    for (auto t = d->document.termlist_begin(); t != d->document.termlist_end(); ++t) {
      if ((*t).size() > schema::kMaxTermBytes) {
        return Status::InvalidArgument(
            "cannot index " + d->stored.path + ": the term '" + (*t).substr(0, 40) + "...' has " +
            std::to_string((*t).size()) + " bytes, Xapian allows " +
            std::to_string(schema::kMaxTermBytes) + "; please report this as a kb-indexer bug");
      }
    }
  }
  try {
    // Attachments the message still has are replaced (keeping when they entered the index);
    // the others go.
    std::set<std::string> kept;
    for (const BuiltDocument& attachment : doc.attachments) kept.insert(attachment.id_term);
    RemoveAttachmentsOf(doc.id_term, kept);
    Write(doc);
    for (BuiltDocument& attachment : doc.attachments) {
      // Without its copy an attachment is still found; only its file cannot be opened.
      std::error_code ignored;
      const std::filesystem::path copy = attachment.stored.path;
      std::filesystem::create_directories(copy.parent_path(), ignored);
      std::ofstream(copy, std::ios::binary | std::ios::trunc)
          .write(attachment.copy_bytes.data(),
                 static_cast<std::streamsize>(attachment.copy_bytes.size()));
      Write(attachment);
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot write document " + doc.stored.path);
  } catch (const std::exception& e) {  // e.g. out of memory: Xapian discarded the batch too
    return Status::Internal("cannot write document " + doc.stored.path + ": " + e.what());
  }
  return Status::Ok();
}

void IndexWriter::Write(BuiltDocument& doc) {
  // The document keeps the time it first entered the index across every replacement.
  std::string added;
  if (auto p = db_.postlist_begin(doc.id_term); p != db_.postlist_end(doc.id_term)) {
    added = db_.get_document(*p).get_value(schema::kSlotAdded);
  }
  if (added.empty()) added = UtcNowIso8601();
  Xapian::Document document = doc.document;  // a handle: the caller's document gains the value
  document.add_value(schema::kSlotAdded, added);
  // Moved, never shared: a Xapian::Document handle belongs to one thread at a time.
  passages_->Replace(ParentTerm(doc.id_term), std::move(doc.passages));
  doc.passages.clear();
  db_.replace_document(doc.id_term, document);
  ++pending_;
}

void IndexWriter::RemoveAttachmentsOf(const std::string& id_term,
                                      const std::set<std::string>& kept) {
  const std::string container =
      std::string(schema::kPrefixContainer) + id_term.substr(schema::kPrefixId.size());
  const std::vector<Xapian::docid> attachments(db_.postlist_begin(container),
                                               db_.postlist_end(container));
  std::filesystem::path folder;
  for (const Xapian::docid docid : attachments) {
    const Xapian::Document attachment = db_.get_document(docid);
    const std::string attachment_id = IdTermOf(attachment);
    if (kept.count(attachment_id)) continue;
    const std::filesystem::path copy = attachment.get_value(schema::kSlotPath);
    std::error_code ignored;
    std::filesystem::remove(copy, ignored);
    std::filesystem::remove(copy.parent_path(), ignored);  // <n>/, now empty
    folder = copy.parent_path().parent_path();
    if (!attachment_id.empty()) passages_->Replace(ParentTerm(attachment_id), {});
    db_.delete_document(docid);
    ++pending_;
  }
  std::error_code ignored;
  if (!folder.empty()) std::filesystem::remove(folder, ignored);  // only when none is left
}

Status IndexWriter::UpdateSignature(Xapian::docid docid, const std::string& signature) {
  try {
    Xapian::Document d = db_.get_document(docid);
    d.add_value(schema::kSlotSignature, signature);
    db_.replace_document(docid, d);
    ++pending_;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot update document " + std::to_string(docid));
  }
  return Status::Ok();
}

std::string IndexWriter::ParentTerm(const std::string& id_term) {
  return std::string(schema::kPrefixParent) + id_term.substr(schema::kPrefixId.size());
}

Status IndexWriter::Remove(Xapian::docid docid) {
  try {
    const std::string id_term = IdTermOf(db_.get_document(docid));
    if (!id_term.empty()) {
      passages_->Replace(ParentTerm(id_term), {});
      RemoveAttachmentsOf(id_term);
    }
    db_.delete_document(docid);
    ++pending_;
  } catch (const Xapian::DocNotFoundError&) {
    // Already gone: removing is idempotent.
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot remove document " + std::to_string(docid));
  }
  return Status::Ok();
}

Status IndexWriter::RemoveByTerm(const std::string& id_term) {
  try {
    passages_->Replace(ParentTerm(id_term), {});
    RemoveAttachmentsOf(id_term);
    db_.delete_document(id_term);
    ++pending_;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot remove document " + id_term);
  }
  return Status::Ok();
}

Status IndexWriter::RecordFailure(const std::string& path, const KnownFailure& failure) {
  try {
    db_.set_metadata(FailureKey(path), FailureValue(path, failure));
    ++pending_;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot record failure for " + path);
  }
  return Status::Ok();
}

Status IndexWriter::ForgetFailure(const std::string& path) {
  try {
    db_.set_metadata(FailureKey(path), "");
    ++pending_;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot clear failure for " + path);
  }
  return Status::Ok();
}

Status IndexWriter::MarkAwaitingComparison(const std::string& id) {
  try {
    // A non-empty value: Xapian deletes a key set to "". Not counted in pending_: the mark
    // rides along with its document, and batches are counted in documents.
    db_.set_metadata(std::string(schema::kMetaAwaitingComparisonPrefix) + id, "1");
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot mark document " + id + " for the near-duplicate step");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> IndexWriter::AwaitingComparison() const {
  std::vector<std::string> ids;
  const std::string prefix(schema::kMetaAwaitingComparisonPrefix);
  try {
    for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
      ids.push_back((*it).substr(prefix.size()));
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot read which documents await the near-duplicate step");
  }
  return ids;
}

Status IndexWriter::ClearAwaitingComparison(const std::vector<std::string>& ids) {
  try {
    for (const auto& id : ids) {
      db_.set_metadata(std::string(schema::kMetaAwaitingComparisonPrefix) + id, "");
    }
    pending_ += ids.size();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot clear the near-duplicate step's marks");
  }
  return Status::Ok();
}

Status IndexWriter::InstallSynonyms(analysis::Analyzer& analyzer) {
  Status st = analyzer.WriteSynonyms(db_);
  if (st.ok()) ++pending_;
  return st;
}

Status IndexWriter::MarkPassagesComplete() {
  try {
    db_.set_metadata(std::string(schema::kMetaPassagesVersion),
                     std::string(schema::kPassagesVersion));
    ++pending_;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot record the passage index's version");
  }
  return Status::Ok();
}

Status IndexWriter::Commit() {
  // The passages first: a run killed in between leaves documents with newer passages, never
  // the other way round; a passage index that failed leaves the document index uncommitted.
  if (Status st = passages_->Commit(); !st.ok()) return st;
  try {
    db_.set_metadata(std::string(schema::kMetaLastUpdate), UtcNowIso8601());
    db_.commit();
    pending_ = 0;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot commit the index");
  }
  return Status::Ok();
}

Xapian::doccount IndexWriter::document_count() const { return db_.get_doccount(); }

}  // namespace kb::index

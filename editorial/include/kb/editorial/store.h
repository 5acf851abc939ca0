// EditorialStore: the editors' decisions, in one SQLite file beside the index (libsqlite3).
//
// The store is the source of truth for everything an editor decides; the corpus files are never
// modified and the Xapian index is derived data. kb-indexer reads the store every time it builds
// a document and applies the edits (so a full re-index, even into an empty directory, loses
// nothing); kb-searchd writes the store when an editor saves.
//
// Single writer of the index. Xapian allows one writer per database, and kb-indexer is that
// writer, always: kb-searchd never opens the index for writing. A save in kb-searchd is one SQLite
// transaction that records the edit, appends the audit entry and puts the document's source path
// in the pending queue with a new generation number. Then
//   - a running kb-indexer (it holds the Xapian write lock) takes the pending queue between
//     batches, at least once a second, re-indexes those files with the edits applied, commits,
//     and clears the entries up to the generation it saw (an entry saved meanwhile stays);
//   - otherwise kb-searchd starts `kb-indexer --db DB --pending`, which does the same and exits;
//     when that finds the lock taken (a full run just started) it exits 0 and leaves the queue to
//     the running indexer. kb-searchd retries while the queue is not empty.
// kb-searchd's readers reopen the index on its next commit, so a save is visible in seconds.
//
// Concurrency: SQLite in WAL mode with a busy timeout, so kb-indexer and kb-searchd can both have
// the file open. One EditorialStore object is safe to share between threads (it serialises its
// own connection).
//
// The default location is "<index dir>.editorial.sqlite" (beside, not inside, the index folder,
// so deleting the index to rebuild it keeps every edit).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"

namespace kb::editorial {

// One document's override. An unset optional keeps the machine's value; a set one replaces it
// (an empty date clears the date).
struct Override {
  std::optional<std::string> title;         // never set to empty
  std::optional<std::string> date;          // "YYYY-MM-DD", "YYYY-MM", "YYYY" or ""
  std::optional<std::string> kind;          // one of schema::kKinds
  std::optional<std::string> organisation;  // publishing organisation or author
  std::vector<std::string> themes_added;    // theme slugs
  std::vector<std::string> themes_removed;
  std::vector<std::string> themes_confirmed;  // machine tags an editor confirmed
  std::vector<std::string> gemeenten_added;   // CBS codes, e.g. "GM0106"
  std::vector<std::string> gemeenten_removed;
  std::vector<std::string> gemeenten_confirmed;
  std::vector<std::string> provincies_added;  // provincie names, e.g. "Drenthe"
  std::vector<std::string> provincies_removed;
  bool hidden = false;

  bool empty() const;
  // The JSON shape the HTTP API and the export use: unset optionals are left out, every list
  // and "hidden" are always present.
  std::string ToJson() const;
  // Strict: an unknown key, a wrong type, an empty title, a date that is not "", YYYY, YYYY-MM
  // or a real YYYY-MM-DD, a kind outside schema::kKinds, a theme slug that is not [a-z0-9_-]+,
  // a gemeente that is not "GM" + 4 digits, or an item both added and removed is
  // InvalidArgument with a Dutch message naming the field as `veld "<name>"`. null means absent.
  // Whether a slug or code exists is the caller's check (it knows the taxonomy).
  static Result<Override> FromJson(std::string_view json);
};

// Whether `date` is "", "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day (year from
// 1000): the shape Override::date accepts.
bool IsValidDate(std::string_view date);

// A merge: `duplicate` disappears from results, `kept` shows "ook gepubliceerd als" with it.
// The duplicate's title, format and path are a snapshot taken at merge time.
struct Merge {
  std::string kept;
  std::string duplicate;
  std::string duplicate_title;
  std::string duplicate_format;
  std::string duplicate_path;
  std::string editor;
  std::string time;  // ISO 8601 UTC
};

// Everything kb-indexer applies to one document.
struct DocumentEdits {
  Override override;
  std::optional<Merge> merged_into;  // set when this document is a merged duplicate
  std::vector<Merge> merged_here;    // duplicates merged into this document
  bool empty() const { return override.empty() && !merged_into && merged_here.empty(); }
};

struct Note {
  std::int64_t id = 0;
  std::string doc_id;
  std::string editor;
  std::string time;
  std::string text;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string time;    // ISO 8601 UTC
  std::string editor;  // or "kb-admin" for command-line imports
  std::string action;  // "override", "merge", "unmerge", "note", "reject-duplicate",
                       // "upload", "editor-add", "editor-remove", "import", "index-failed"
  std::string doc_id;  // empty when not about one document
  std::string before;  // JSON, "" when nothing was there
  std::string after;   // JSON
};

// A pair proposed by kb-indexer's near-duplicate detection (a < b, ids sorted).
struct DuplicateCandidate {
  std::string a;
  std::string b;
  double similarity = 0;  // estimated Jaccard of the shingle sets, [0, 1]
  std::string status;     // "proposed", "merged", "rejected"
  std::string time;
};

struct PendingItem {
  std::string path;         // absolute source path to (re)index
  std::int64_t generation;  // increases with every enqueue
};

// A queued path kb-indexer could not index (the file cannot be read or extracted, or its
// document could not be built), and why.
struct PendingFailure {
  PendingItem item;
  std::string reason;
};

struct EditorInfo {
  std::string name;
  std::string created;
  bool active = true;
};

struct Session {
  std::string token;  // only returned by CreateSession; the store keeps its hash
  std::string editor;
  std::string csrf;     // the value the page must send back in X-CSRF-Token
  std::string expires;  // ISO 8601 UTC
};

class EditorialStore {
 public:
  // Opens or creates the store (and its tables) at `file`. Unavailable when the file is locked
  // past the busy timeout; InvalidArgument when the file is not an editorial store.
  static Result<std::unique_ptr<EditorialStore>> Open(const std::filesystem::path& file);
  // "<index dir>.editorial.sqlite"
  static std::filesystem::path DefaultPathFor(const std::filesystem::path& index_dir);

  ~EditorialStore();
  EditorialStore(const EditorialStore&) = delete;
  EditorialStore& operator=(const EditorialStore&) = delete;

  // --- Editors and sessions. Tokens are random (32 bytes, hex) and stored only as SHA-256.
  // Returns the new editor's token, which is shown once. InvalidArgument when an active editor
  // has the name or it is not 1-64 ASCII letters, digits, '.', '-', '_'. Adding a removed
  // editor's name again reactivates it with a new token (the old one stays invalid).
  // Audited as "editor-add" by "kb-admin" (without the token).
  Result<std::string> AddEditor(std::string_view name);
  // Deactivates the editor (its token stops working) and ends its sessions; NotFound when no
  // active editor has the name.
  Status RemoveEditor(std::string_view name);
  Result<std::vector<EditorInfo>> Editors() const;  // by name, removed ones with active=false
  // The active editor owning `token`, or nullopt. Constant-time comparison of hashes.
  Result<std::optional<std::string>> EditorForToken(std::string_view token) const;
  // A new session (random token and CSRF value, 32 bytes hex each); NotFound when the editor is
  // not active, InvalidArgument when ttl_seconds <= 0. Sweeps expired sessions.
  Result<Session> CreateSession(std::string_view editor, std::int64_t ttl_seconds);
  // The session, or nullopt when unknown, expired or its editor was removed.
  Result<std::optional<Session>> FindSession(std::string_view session_token) const;
  Status EndSession(std::string_view session_token);

  // --- Overrides. SaveOverride replaces the document's whole override, audits before/after
  // under `editor` (action "override"; "" for no override), and enqueues `path` for
  // re-indexing, in one transaction. Saving an empty override removes it (the machine's values
  // return). InvalidArgument for an empty doc_id or editor.
  Result<Override> GetOverride(std::string_view doc_id) const;
  Status SaveOverride(std::string_view doc_id, std::string_view path, const Override& value,
                      std::string_view editor);
  // All edits of every document that has any, by document id (kb-indexer loads this once per
  // run and again when the pending queue changes).
  Result<std::map<std::string, DocumentEdits>> AllEdits() const;
  Result<DocumentEdits> EditsFor(std::string_view doc_id) const;

  // --- Merges. Merge enqueues both documents' paths. kept_path is the kept document's source.
  // merge.editor and merge.time are ignored (the store records `editor` and now). The pair's
  // duplicate candidate becomes "merged"; the audit gets a "merge" entry under each document.
  // InvalidArgument (naming "duplicate" or "kept") for the same id twice, a duplicate already
  // merged, a kept document that is itself merged, or a duplicate that has merged duplicates.
  Status SaveMerge(const Merge& merge, std::string_view kept_path, std::string_view editor);
  // Undoes a merge, enqueues both paths and marks the pair "rejected" (an editor has judged it);
  // NotFound when `duplicate_id` is not merged.
  Status Unmerge(std::string_view duplicate_id, std::string_view editor);
  Result<std::vector<Merge>> Merges() const;

  // --- Notes. InvalidArgument (field "text") for an empty note; audited as "note".
  Status AddNote(std::string_view doc_id, std::string_view text, std::string_view editor);
  Result<std::vector<Note>> Notes(std::string_view doc_id) const;  // oldest first

  // --- Duplicate candidates (written by kb-indexer, decided by editors). Proposing a pair that
  // was already decided (merged or rejected) changes nothing.
  Status ProposeDuplicate(std::string_view a, std::string_view b, double similarity);
  // Many proposals in one transaction (one disk sync instead of one per pair); uses each
  // candidate's a, b and similarity. All or nothing.
  Status ProposeDuplicates(const std::vector<DuplicateCandidate>& candidates);
  Status RejectDuplicate(std::string_view a, std::string_view b, std::string_view editor);
  // Highest similarity first; status "" lists all.
  Result<std::vector<DuplicateCandidate>> DuplicateCandidates(std::string_view status) const;

  // --- The pending queue (see the header comment). One entry per path: enqueueing a queued
  // path again gives it the new generation.
  Status Enqueue(std::string_view path);
  Result<std::vector<PendingItem>> Pending() const;  // oldest generation first
  // Removes each item whose generation is still the one given (a newer enqueue stays).
  Status ClearPending(const std::vector<PendingItem>& done);
  // Removes each failed item as ClearPending does, so it never blocks the queue, and audits it as
  // "index-failed" by "kb-indexer" under the path's document id with {"path", "reason"} as
  // `after`: the editors see why their edit or upload is not in the index. Saving again retries.
  Status FailPending(const std::vector<PendingFailure>& failed);
  // Changes whenever any edit, merge, enqueue or import is written (cheap: for polling).
  Result<std::int64_t> Generation() const;

  // --- Audit log, newest first. doc_id "" lists all.
  Result<std::vector<AuditEntry>> Audit(std::string_view doc_id, std::size_t limit) const;
  // For changes that are not overrides/merges/notes (uploads, command-line actions).
  Status AppendAudit(const AuditEntry& entry);

  // --- Backup and review: a readable, pretty-printed JSON file with editors (names and token
  // hashes), overrides, merges, notes, duplicate decisions and the audit log. Import merges it
  // into this store (same document id: the file wins) and audits the import.
  // Import is all or nothing: the file is checked first and InvalidArgument names the entry and
  // field (e.g. "overrides[2].override: veld \"date\" ..."). It enqueues the paths of the
  // overrides and merges it brings, and doubles no note or audit entry already present, so an
  // export -> import into an empty store -> export round trip gives equal data apart from
  // "exported" and the import's own audit entry.
  Result<std::string> ExportJson() const;
  Status ImportJson(std::string_view json, std::string_view editor);

 private:
  struct Impl;
  explicit EditorialStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::editorial

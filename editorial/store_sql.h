// The schema of the editors' store file, and every SQL statement of kb_editorial, so the schema
// and its uses can be read together (the editor accounts' statements are kb_editing's).
// Statements are string literals: the Database caches them by address.
#pragma once

namespace kb::editorial::sql {

// "KBED": marks the file as an editorial store, so opening some other SQLite file is refused.
inline constexpr int kApplicationId = 0x4B424544;
// Bump with a migration in store_schema.cpp whenever a table changes.
inline constexpr int kSchemaVersion = 1;

inline constexpr const char* kCreateSchema = R"(
CREATE TABLE editors (
  name TEXT PRIMARY KEY,
  token_sha256 TEXT NOT NULL,
  created TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY,
  editor TEXT NOT NULL,
  csrf TEXT NOT NULL,
  expires_unix INTEGER NOT NULL
);
CREATE TABLE overrides (
  doc_id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  json TEXT NOT NULL,
  editor TEXT NOT NULL,
  time TEXT NOT NULL
);
CREATE TABLE merges (
  duplicate TEXT PRIMARY KEY,
  kept TEXT NOT NULL,
  kept_path TEXT NOT NULL,
  duplicate_title TEXT NOT NULL,
  duplicate_format TEXT NOT NULL,
  duplicate_path TEXT NOT NULL,
  editor TEXT NOT NULL,
  time TEXT NOT NULL
);
CREATE INDEX merges_kept ON merges(kept);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  editor TEXT NOT NULL,
  time TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX notes_doc ON notes(doc_id);
CREATE TABLE duplicates (
  a TEXT NOT NULL,
  b TEXT NOT NULL,
  similarity REAL NOT NULL,
  status TEXT NOT NULL,
  time TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE TABLE pending (
  path TEXT PRIMARY KEY,
  generation INTEGER NOT NULL
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  editor TEXT NOT NULL,
  action TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL
);
CREATE INDEX audit_doc ON audit(doc_id);
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('generation', 0);
)";

// --- Schema checks
inline constexpr const char* kApplicationIdGet = "PRAGMA application_id";
inline constexpr const char* kUserVersionGet = "PRAGMA user_version";
inline constexpr const char* kJournalModeGet = "PRAGMA journal_mode";
inline constexpr const char* kTableCount = "SELECT count(*) FROM sqlite_schema";

// --- Generation
inline constexpr const char* kGenerationBump =
    "UPDATE counters SET value = value + 1 WHERE name = 'generation' RETURNING value";
inline constexpr const char* kGenerationGet =
    "SELECT value FROM counters WHERE name = 'generation'";

// --- Overrides
inline constexpr const char* kOverrideGet = "SELECT json FROM overrides WHERE doc_id = ?1";
inline constexpr const char* kOverrideUpsert =
    "INSERT INTO overrides (doc_id, path, json, editor, time) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(doc_id) DO UPDATE SET path = ?2, json = ?3, editor = ?4, time = ?5";
inline constexpr const char* kOverrideDelete = "DELETE FROM overrides WHERE doc_id = ?1";
inline constexpr const char* kOverridesAll =
    "SELECT doc_id, path, json, editor, time FROM overrides ORDER BY doc_id";

// --- Merges
inline constexpr const char* kMergeGet =
    "SELECT kept, duplicate, duplicate_title, duplicate_format, duplicate_path, editor, time, "
    "kept_path FROM merges WHERE duplicate = ?1";
inline constexpr const char* kMergesAll =
    "SELECT kept, duplicate, duplicate_title, duplicate_format, duplicate_path, editor, time, "
    "kept_path FROM merges ORDER BY kept, duplicate";
inline constexpr const char* kMergesFor =
    "SELECT kept, duplicate, duplicate_title, duplicate_format, duplicate_path, editor, time, "
    "kept_path FROM merges WHERE kept = ?1 OR duplicate = ?1 ORDER BY duplicate";
inline constexpr const char* kMergeKeptCount = "SELECT count(*) FROM merges WHERE kept = ?1";
inline constexpr const char* kMergeUpsert =
    "INSERT INTO merges (kept, duplicate, duplicate_title, duplicate_format, duplicate_path, "
    "editor, time, kept_path) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(duplicate) DO UPDATE SET kept = ?1, duplicate_title = ?3, "
    "duplicate_format = ?4, duplicate_path = ?5, editor = ?6, time = ?7, kept_path = ?8";
inline constexpr const char* kMergeDelete = "DELETE FROM merges WHERE duplicate = ?1";

// --- Notes
inline constexpr const char* kNoteInsert =
    "INSERT INTO notes (doc_id, editor, time, text) VALUES (?1, ?2, ?3, ?4)";
inline constexpr const char* kNoteExists =
    "SELECT count(*) FROM notes WHERE doc_id = ?1 AND editor = ?2 AND time = ?3 AND text = ?4";
inline constexpr const char* kNotesFor =
    "SELECT id, doc_id, editor, time, text FROM notes WHERE doc_id = ?1 ORDER BY id";
inline constexpr const char* kNotesAll =
    "SELECT id, doc_id, editor, time, text FROM notes ORDER BY id";

// --- Duplicate candidates
inline constexpr const char* kDuplicatePropose =
    "INSERT INTO duplicates (a, b, similarity, status, time) VALUES (?1, ?2, ?3, 'proposed', ?4) "
    "ON CONFLICT(a, b) DO UPDATE SET similarity = ?3 WHERE status = 'proposed'";
inline constexpr const char* kDuplicateDecide =
    "INSERT INTO duplicates (a, b, similarity, status, time) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(a, b) DO UPDATE SET status = ?4, time = ?5";
inline constexpr const char* kDuplicateUpsert =
    "INSERT INTO duplicates (a, b, similarity, status, time) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(a, b) DO UPDATE SET similarity = ?3, status = ?4, time = ?5";
inline constexpr const char* kDuplicatesAll =
    "SELECT a, b, similarity, status, time FROM duplicates ORDER BY similarity DESC, a, b";
inline constexpr const char* kDuplicatesWithStatus =
    "SELECT a, b, similarity, status, time FROM duplicates WHERE status = ?1 "
    "ORDER BY similarity DESC, a, b";

// --- Pending queue
inline constexpr const char* kPendingUpsert =
    "INSERT INTO pending (path, generation) VALUES (?1, ?2) "
    "ON CONFLICT(path) DO UPDATE SET generation = ?2";
inline constexpr const char* kPendingAll =
    "SELECT path, generation FROM pending ORDER BY generation";
inline constexpr const char* kPendingDelete =
    "DELETE FROM pending WHERE path = ?1 AND generation = ?2";

// --- Backup: the editors' rows travel as they are (kb_editing's EditorAccounts owns them)
inline constexpr const char* kEditorsExport =
    "SELECT name, created, active, token_sha256 FROM editors ORDER BY name";
inline constexpr const char* kEditorsRestore =
    "INSERT INTO editors (name, token_sha256, created, active) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(name) DO UPDATE SET token_sha256 = ?2, created = ?3, active = ?4";

// --- Audit
inline constexpr const char* kAuditInsert =
    "INSERT INTO audit (time, editor, action, doc_id, before, after) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr const char* kAuditExists =
    "SELECT count(*) FROM audit WHERE time = ?1 AND editor = ?2 AND action = ?3 AND doc_id = ?4 "
    "AND before = ?5 AND after = ?6";
inline constexpr const char* kAuditAll =
    "SELECT id, time, editor, action, doc_id, before, after FROM audit ORDER BY id DESC LIMIT ?1";
inline constexpr const char* kAuditOldestFirst =
    "SELECT id, time, editor, action, doc_id, before, after FROM audit ORDER BY id";
inline constexpr const char* kAuditFor =
    "SELECT id, time, editor, action, doc_id, before, after FROM audit WHERE doc_id = ?1 "
    "ORDER BY id DESC LIMIT ?2";

}  // namespace kb::editorial::sql

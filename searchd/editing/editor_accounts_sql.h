// The SQL of the editor accounts (private to kb_editing). The tables `editors` and `sessions`
// are created with the rest of the store file by kb_editorial (one schema, one version); the
// backup (kb/editorial/backup.h) copies the editors' rows as they are.
#pragma once

namespace kb::editing::sql {

inline constexpr const char* kEditorGet = "SELECT active FROM editors WHERE name = ?1";
inline constexpr const char* kEditorUpsert =
    "INSERT INTO editors (name, token_sha256, created, active) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(name) DO UPDATE SET token_sha256 = ?2, created = ?3, active = ?4";
inline constexpr const char* kEditorDeactivate =
    "UPDATE editors SET active = 0 WHERE name = ?1 AND active = 1";
inline constexpr const char* kEditorsList =
    "SELECT name, created, active FROM editors ORDER BY name";
inline constexpr const char* kEditorsActiveHashes =
    "SELECT name, token_sha256 FROM editors WHERE active = 1";
inline constexpr const char* kSessionInsert =
    "INSERT INTO sessions (token_sha256, editor, csrf, expires_unix) VALUES (?1, ?2, ?3, ?4)";
inline constexpr const char* kSessionGet =
    "SELECT s.token_sha256, s.editor, s.csrf, s.expires_unix FROM sessions s "
    "JOIN editors e ON e.name = s.editor AND e.active = 1 "
    "WHERE s.token_sha256 = ?1 AND s.expires_unix > ?2";
inline constexpr const char* kSessionDelete = "DELETE FROM sessions WHERE token_sha256 = ?1";
inline constexpr const char* kSessionsDeleteEditor = "DELETE FROM sessions WHERE editor = ?1";
inline constexpr const char* kSessionsDeleteExpired =
    "DELETE FROM sessions WHERE expires_unix <= ?1";

}  // namespace kb::editing::sql

// EditorialStore: opening the file and handing out its parts.
#include "kb/editorial/store.h"

namespace kb::editorial {

Result<std::unique_ptr<EditorialStore>> EditorialStore::Open(const std::filesystem::path& file) {
  auto connection = Connection::Open(file);
  if (!connection.ok()) return connection.status();
  return std::unique_ptr<EditorialStore>(new EditorialStore(std::move(*connection)));
}

std::filesystem::path EditorialStore::DefaultPathFor(const std::filesystem::path& index_dir) {
  std::filesystem::path dir = index_dir.lexically_normal();
  // "build/index/" has an empty file name; the store goes beside the folder, not inside it.
  if (dir.filename().empty()) dir = dir.parent_path();
  dir += ".editorial.sqlite";
  return dir;
}

EditorialStore::EditorialStore(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)),
      edits_(*connection_),
      notes_(*connection_),
      duplicates_(*connection_),
      queue_(*connection_),
      audit_(*connection_),
      backup_(*connection_) {}

}  // namespace kb::editorial

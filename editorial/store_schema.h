// Creating and checking the editorial store's tables when a store is opened.
#pragma once

#include "kb/core/status.h"
#include "kb/editorial/sqlite_db.h"

namespace kb::editorial {

// Puts the file in WAL mode and creates the tables of an empty file (stamping application_id
// and user_version). InvalidArgument when the file is another SQLite database, or an editorial
// store of a newer version.
Status PrepareSchema(Database& db);

}  // namespace kb::editorial

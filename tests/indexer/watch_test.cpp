// kb-indexer --watch: a file saved into a watched folder is searchable within seconds; a file
// deleted, a folder created or replaced is followed; SIGTERM ends the watch with 143.
#include <signal.h>

#include <xapian.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "corpus_files.h"
#include "process.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The index's document count, 0 while it does not exist yet.
unsigned Documents(const fs::path& db) {
  try {
    return Xapian::Database(db.string()).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// Seconds until the index holds `expected` documents, or -1 after `limit` seconds.
double SecondsUntil(const fs::path& db, unsigned expected, double limit = 20) {
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < limit) {
    if (Documents(db) == expected)
      return std::chrono::duration<double>(Clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

void Write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

}  // namespace

TEST_CASE("a watched folder's new, deleted and replaced files reach the index within seconds",
          "[watch]") {
  kb::test::TempDir dir;
  const fs::path corpus = dir.path() / "corpus";
  const fs::path db = dir.path() / "db";
  Write(corpus / "eerste.txt",
        "Eenzaamheid onder ouderen in de wijk neemt toe, meldt het wijkteam.");
  const pid_t pid = kb::test::Start({KB_INDEXER, "--progress", "log", "--watch", "--watch-quiet",
                                     "200", "--db", db.string(), corpus.string()});
  REQUIRE(SecondsUntil(db, 1) >= 0);

  // A new file, in a folder created after the watch began.
  Write(corpus / "nieuw" / "tweede.md",
        "# Schuldhulp\n\nDe gemeente Deventer start met vroegsignalering van schulden.\n");
  const double added = SecondsUntil(db, 2);
  INFO("added after " << added << " s");
  CHECK(added >= 0);
  CHECK(added < 10);

  // A deleted file leaves the index.
  fs::remove(corpus / "eerste.txt");
  CHECK(SecondsUntil(db, 1) >= 0);

  // The folder replaced by another one with two files (as a sync tool does).
  fs::remove_all(corpus / "nieuw");
  Write(dir.path() / "staging" / "a.txt", "Participatiewet en bijstand: de evaluatie in Zwolle.");
  Write(dir.path() / "staging" / "b.txt", "Jeugdhulp in Groningen: wachtlijsten en wijkteams.");
  fs::rename(dir.path() / "staging", corpus / "nieuw");
  CHECK(SecondsUntil(db, 2) >= 0);
  Write(corpus / "nieuw" / "c.txt", "Mantelzorg en respijtzorg in Drenthe: wat werkt.");
  CHECK(SecondsUntil(db, 3) >= 0);

  // Hidden and lock files start nothing, and nothing is indexed from them.
  Write(corpus / ".verborgen.txt", "Niet indexeren.");
  Write(corpus / "~$rapport.docx", "lock");
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  CHECK(Documents(db) == 3);

  // The status kb-searchd shows in /api/health: the watcher's last run, finished.
  std::ifstream status_file(db.string() + ".indexer-status.json");
  const auto status = nlohmann::json::parse(status_file, nullptr, false);
  REQUIRE(status.is_object());
  CHECK(status["state"] == "finished");
  CHECK(status["pid"] == static_cast<long>(pid));
  CHECK(status["files_total"] == status["files_done"]);

  ::kill(pid, SIGTERM);
  CHECK(kb::test::Wait(pid).exit_code == 143);
}

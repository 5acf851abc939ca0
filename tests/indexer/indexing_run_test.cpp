// The real kb-indexer binary on real documents from ../shared/corpus: first runs, incremental
// reruns, changed and removed files, hostile files, and interruption.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <xapian.h>

#include "corpus_index.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"
#include "kb/core/version.h"
#include "process.h"

namespace fs = std::filesystem;
using kb::test::Run;
using kb::test::TempDir;

namespace {

const fs::path kDocs = fs::weakly_canonical(fs::path(KB_SHARED_DIR) / "corpus" / "docs");
const fs::path kHostile = fs::weakly_canonical(fs::path(KB_SHARED_DIR) / "corpus" / "hostile");

// A small real corpus: PDFs of one and several pages, Markdown laws and news, Latin-1 text.
const char* const kSubset[] = {
    "jaapjunior/Casus 08 Taakgericht.pdf",
    "jaapjunior/Casuïstiek Jeugdwet(iJw3.2).pdf",
    "minvws-coronamelder/Bijlage D - Advies Raad van State.pdf",
    "laws-markdown/algemene-wet-gelijke-behandeling_BWBR0006502.md",
    "laws-markdown/besluit-beleidsinformatie-jeugdzorg-2011_BWBR0030591.md",
    "ucto-encodings/encoding2.nl.txt",
    "nltk-udhr/Dutch_Nederlands-Latin1.txt",
};

std::vector<std::string> Indexer(const std::string& db, std::vector<std::string> paths) {
  std::vector<std::string> argv = {KB_INDEXER, "--db", db, "--progress", "log"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  return argv;
}

// Copies the subset into dir, keeping the folder structure.
void CopySubset(const fs::path& dir) {
  for (const char* rel : kSubset) {
    fs::create_directories((dir / rel).parent_path());
    fs::copy_file(kDocs / rel, dir / rel);
  }
}

// Parses "indexed A, unchanged B, removed C, failed D ..." from the summary line.
struct Counts {
  int indexed = -1, unchanged = -1, removed = -1, failed = -1;
};
Counts ParseSummary(const std::string& out) {
  Counts c;
  const auto pos = out.rfind("indexed ");
  REQUIRE(pos != std::string::npos);
  REQUIRE(std::sscanf(out.c_str() + pos, "indexed %d, unchanged %d, removed %d, failed %d",
                      &c.indexed, &c.unchanged, &c.removed, &c.failed) == 4);
  return c;
}

Xapian::doccount CountMatches(const std::string& db_path, const Xapian::Query& query) {
  Xapian::Database db(db_path);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, db.get_doccount() + 1).size();
}

}  // namespace

TEST_CASE("a first run indexes every file; a rerun indexes nothing; changes are picked up") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  CopySubset(corpus);
  const int n = static_cast<int>(std::size(kSubset));

  auto first = Run(Indexer(db, {corpus.string()}));
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  Counts c = ParseSummary(first.out);
  CHECK(c.indexed == n);
  CHECK(c.failed == 0);

  {
    Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == static_cast<Xapian::doccount>(n));
    CHECK(kb::schema::CheckIndex(xdb, db).ok());
    CHECK(xdb.get_metadata("kb.stemmer") == "dutch");
    CHECK_FALSE(xdb.get_metadata("kb.last_update").empty());
    // Every document has exactly one unique id term and readable stored data with a title.
    for (auto it = xdb.postlist_begin(""); it != xdb.postlist_end(""); ++it) {
      Xapian::Document d = xdb.get_document(*it);
      int ids = 0;
      for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
        if ((*t)[0] == 'Q') ++ids;
      }
      CHECK(ids == 1);
      auto stored = kb::StoredDocument::FromJson(d.get_data());
      REQUIRE(stored.ok());
      CHECK_FALSE(stored->title.empty());
      CHECK_FALSE(stored->pages.empty());
    }
  }

  SECTION("an unchanged corpus is not indexed again") {
    auto second = Run(Indexer(db, {corpus.string()}));
    REQUIRE(second.exit_code == 0);
    c = ParseSummary(second.out);
    CHECK(c.indexed == 0);
    CHECK(c.unchanged == n);
  }

  SECTION(
      "a changed file is re-indexed, a touched but equal file is not, a removed one is removed") {
    const fs::path latin1 = corpus / "ucto-encodings/encoding2.nl.txt";
    {
      std::ofstream out(latin1, std::ios::app | std::ios::binary);
      out << "\nDe wethouder zweefvliegt graag op zaterdag.\n";
    }
    const fs::path law = corpus / "laws-markdown/algemene-wet-gelijke-behandeling_BWBR0006502.md";
    fs::last_write_time(law, fs::last_write_time(law) + std::chrono::hours(1));
    fs::remove(corpus / "jaapjunior/Casus 08 Taakgericht.pdf");

    auto third = Run(Indexer(db, {corpus.string()}));
    REQUIRE(third.exit_code == 0);
    c = ParseSummary(third.out);
    CHECK(c.indexed == 1);
    CHECK(c.removed == 1);
    CHECK(c.unchanged == n - 2);
    Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == static_cast<Xapian::doccount>(n - 1));
    CHECK(xdb.get_termfreq("zweefvliegt") == 1);  // the new words are searchable
  }

  SECTION("indexing one folder does not remove documents of another root") {
    auto other = Run(Indexer(db, {(corpus / "laws-markdown").string()}));
    REQUIRE(other.exit_code == 0);
    c = ParseSummary(other.out);
    CHECK(c.removed == 0);
    CHECK(Xapian::Database(db).get_doccount() == static_cast<Xapian::doccount>(n));
  }
}

TEST_CASE("the index answers Dutch stemmed and phrase queries, also through Xapian's own quest") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  auto run = Run(Indexer(db, {(kDocs / "laws-markdown").string()}));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("dutch"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  Xapian::Database xdb(db);
  qp.set_database(xdb);
  // "jeugdhulpaanbieders" (plural) finds laws that say "jeugdhulpaanbieder".
  CHECK(CountMatches(db, qp.parse_query("jeugdhulpaanbieders")) >= 1);
  const auto phrase =
      CountMatches(db, qp.parse_query("\"college van burgemeester en wethouders\""));
  const auto words = CountMatches(db, qp.parse_query("college burgemeester wethouders"));
  CHECK(phrase >= 5);
  CHECK(phrase <= words);
  // A phrase whose words all occur but never in this order matches nothing.
  CHECK(CountMatches(db, qp.parse_query("\"wethouders en burgemeester van college\"")) == 0);

  // The schema is in the index for a Xapian user without this source.
  auto schema = Run({"/usr/bin/xapian-metadata", "get", db, "kb.schema"});
  REQUIRE(schema.exit_code == 0);
  const auto described = nlohmann::json::parse(schema.out);
  CHECK(described["schema_version"] == std::string(kb::schema::kSchemaVersion));
  CHECK(described["stemmer"] == std::string(kb::schema::kStemmerName));
  CHECK(described["prefixes"].contains(std::string(kb::schema::kPrefixTheme)));
  CHECK(described["value_slots"].size() == 14);
  CHECK(described["value_slots"].contains(std::to_string(kb::schema::kSlotAdded)));
  auto quest = Run({"/usr/bin/quest", "-d", db, "-s", "dutch", "jeugdhulp"});
  REQUIRE(quest.exit_code == 0);
  CHECK(quest.out.find("MSet:") != std::string::npos);
  CHECK(quest.out.find("jeugdwet") != std::string::npos);
}

TEST_CASE("hostile files are reported one by one and never stop the run") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  auto run = Run(Indexer(db, {kHostile.string()}));
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  Counts c = ParseSummary(run.out);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kHostile)) files += e.is_regular_file();
  CHECK(static_cast<size_t>(c.indexed + c.failed) == files);
  CHECK(c.failed >= 3);  // at least the empty, the truncated and the git-lfs pointer
  // One line per failure naming the file and a reason.
  size_t failure_lines = 0;
  std::istringstream lines(run.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("kb-indexer: " + kHostile.string(), 0) == 0) {
      ++failure_lines;
      CHECK(line.find(": ", ("kb-indexer: " + kHostile.string()).size()) != std::string::npos);
    }
  }
  CHECK(failure_lines == static_cast<size_t>(c.failed));
  CHECK(run.err.find("vught_git-lfs-pointer-not-a-pdf.pdf") != std::string::npos);
  CHECK(Xapian::Database(db).get_doccount() == static_cast<Xapian::doccount>(c.indexed));

  // Failures are remembered: a rerun reports them again without extracting them again.
  auto rerun = Run(Indexer(db, {kHostile.string()}));
  REQUIRE(rerun.exit_code == 0);
  Counts again = ParseSummary(rerun.out);
  CHECK(again.indexed == 0);
  CHECK(again.failed == c.failed);
}

TEST_CASE(
    "a run killed with SIGKILL or stopped with SIGINT or SIGTERM leaves an index a rerun "
    "completes") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  const std::string docs = kDocs.string();
  int expected = -1;
  {
    TempDir ref;  // a run over the corpus that nothing stopped
    kb::test::CopyCorpusIndex((ref.path() / "db").string());
    expected = static_cast<int>(Xapian::Database((ref.path() / "db").string()).get_doccount());
  }
  for (int sig : {SIGKILL, SIGINT, SIGTERM}) {
    pid_t pid = kb::test::Start(Indexer(db, {docs}));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ::kill(pid, sig);
    auto killed = kb::test::Wait(pid);
    // 128 + the signal (the README's exit codes), or 0 when the run was already done.
    if (sig == SIGINT) CHECK((killed.exit_code == 130 || killed.exit_code == 0));
    if (sig == SIGTERM) CHECK((killed.exit_code == 143 || killed.exit_code == 0));
    // The index opens (it may hold any committed prefix of the work).
    REQUIRE_NOTHROW(Xapian::Database(db).get_doccount());
  }
  auto rerun = Run(Indexer(db, {docs}));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(static_cast<int>(Xapian::Database(db).get_doccount()) == expected);
}

TEST_CASE("every program prints its version, and a wrong command line exits 2") {
  for (const char* program : {KB_INDEXER, KB_EXTRACT_WORKER}) {
    auto version = Run({std::string(program), "--version"});
    CHECK(version.exit_code == 0);
    const std::string name = fs::path(program).filename().string();
    CHECK(version.out == name + " " + std::string(kb::kVersion) + "\n");
    auto wrong = Run({std::string(program), "--no-such-option"});
    CHECK(wrong.exit_code == 2);
  }
  auto missing_db = Run({std::string(KB_INDEXER), "somewhere"});
  CHECK(missing_db.exit_code == 2);
  CHECK(missing_db.err.find("--db") != std::string::npos);
}

TEST_CASE("--shard I/N splits the corpus into disjoint shards by document id; a re-run upserts") {
  TempDir tmp;
  const fs::path corpus = tmp.path() / "corpus";
  fs::create_directories(corpus);
  constexpr int kFiles = 12;
  for (int i = 0; i < kFiles; ++i) {
    std::ofstream(corpus / ("notitie-" + std::to_string(i) + ".txt"))
        << "Notitie " << i << " over het wijkteam en schuldhulp in de gemeente.";
  }
  std::set<std::string> all;
  for (unsigned shard = 0; shard < 3; ++shard) {
    const std::string db = (tmp.path() / ("shard-" + std::to_string(shard))).string();
    std::vector<std::string> argv = Indexer(db, {corpus.string()});
    argv.insert(argv.end(), {"--shard", std::to_string(shard) + "/3", "--ocr", "off"});
    auto run = Run(argv);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    Xapian::Database xdb(db);
    for (auto t = xdb.allterms_begin("Q"); t != xdb.allterms_end("Q"); ++t) {
      const std::string id = (*t).substr(1);
      CHECK(kb::ShardOfDocument(id, 3) == shard);  // each document in the shard of its id
      CHECK(all.insert(id).second);                // and in no other shard
    }
  }
  CHECK(all.size() == kFiles);  // together the whole corpus

  // A changed file is replaced in its own shard, the others stay as they are.
  const fs::path changed = corpus / "notitie-0.txt";
  const unsigned owner = kb::ShardOfDocument(kb::DocumentIdForPath(changed.string()), 3);
  const std::string db = (tmp.path() / ("shard-" + std::to_string(owner))).string();
  const auto before = Xapian::Database(db).get_doccount();
  std::ofstream(changed, std::ios::app) << " Nu ook over mantelzorg.";
  std::vector<std::string> argv = Indexer(db, {corpus.string()});
  argv.insert(argv.end(), {"--shard", std::to_string(owner) + "/3", "--ocr", "off"});
  auto rerun = Run(argv);
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(rerun.out.find("indexed 1, unchanged " + std::to_string(before - 1) + ", removed 0") !=
        std::string::npos);
  CHECK(Xapian::Database(db).get_doccount() == before);
  CHECK(Xapian::Database(db).get_termfreq("Zmantelzorg") == 1);

  for (const char* wrong : {"3/3", "1", "a/3", "1/0", "0/3x"}) {
    INFO(wrong);
    auto bad = Run({KB_INDEXER, "--db", db, "--shard", wrong, corpus.string()});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--shard") != std::string::npos);
  }
}

TEST_CASE("the configuration file sets options, the command line wins, a wrong key is named") {
  TempDir tmp;
  const fs::path corpus = tmp.path() / "corpus";
  fs::create_directories(corpus);
  std::ofstream(corpus / "notitie.txt") << "Het wijkteam in Zwolle helpt gezinnen met schulden.";
  const fs::path config = tmp.path() / "config.toml";
  std::ofstream(config) << "[common]\n"
                        << "db = \"" << (tmp.path() / "from-config").string() << "\"\n"
                        << "listen = \"127.0.0.1:9\"  # kb-searchd's, not the indexer's\n"
                        << "[kb-indexer]\n"
                        << "paths = [\"" << corpus.string() << "\"]\n"
                        << "progress = \"log\"\n"
                        << "ocr = \"off\"\n";
  auto from_file = Run({KB_INDEXER, "--config", config.string()});
  INFO(from_file.err);
  CHECK(from_file.exit_code == 0);
  CHECK(Xapian::Database((tmp.path() / "from-config").string()).get_doccount() == 1);
  // --db on the command line wins over the file's.
  auto overridden =
      Run({KB_INDEXER, "--config", config.string(), "--db", (tmp.path() / "from-flag").string()});
  CHECK(overridden.exit_code == 0);
  CHECK(fs::exists(tmp.path() / "from-flag"));
  // A misspelt key and a bad value are usage errors that name them.
  std::ofstream(config, std::ios::app) << "watch-quite = 200\n";
  auto misspelt = Run({KB_INDEXER, "--config", config.string()});
  CHECK(misspelt.exit_code == 2);
  CHECK(misspelt.err.find("watch-quite") != std::string::npos);
  std::ofstream(tmp.path() / "bad.toml") << "[kb-indexer]\nocr = \"sometimes\"\n";
  auto bad_value = Run({KB_INDEXER, "--config", (tmp.path() / "bad.toml").string(), "--db",
                        (tmp.path() / "x").string(), corpus.string()});
  CHECK(bad_value.exit_code == 2);
  CHECK(bad_value.err.find("sometimes") != std::string::npos);
  // KB_CONFIG names a file that must exist.
  auto missing = Run({"/usr/bin/env", "KB_CONFIG=" + (tmp.path() / "none.toml").string(),
                      KB_INDEXER, "--db", (tmp.path() / "y").string(), corpus.string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("none.toml") != std::string::npos);
}

TEST_CASE("passages follow their documents: added, replaced, removed, and made for older indexes") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  const std::string passages = db + "/" + std::string(kb::schema::kPassagesFolder);
  CopySubset(corpus);
  const int n = static_cast<int>(std::size(kSubset));
  auto first = Run(Indexer(db, {corpus.string()}));
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);

  // Every document with text has passages, and every passage a document.
  const std::string parent_prefix(kb::schema::kPrefixParent);
  auto parents = [&] {
    std::set<std::string> ids;
    Xapian::Database pdb(passages);
    for (auto t = pdb.allterms_begin(parent_prefix); t != pdb.allterms_end(parent_prefix); ++t) {
      ids.insert((*t).substr(parent_prefix.size()));
    }
    return ids;
  };
  std::set<std::string> ids;
  {
    Xapian::Database xdb(db);
    for (auto t = xdb.allterms_begin("Q"); t != xdb.allterms_end("Q"); ++t) {
      ids.insert((*t).substr(1));
    }
  }
  REQUIRE(ids.size() == static_cast<size_t>(n));
  CHECK(parents() == ids);
  CHECK(Xapian::Database(passages).get_doccount() > static_cast<Xapian::doccount>(n));

  SECTION("a changed file's passages are replaced, a removed file's are gone") {
    const fs::path latin1 = corpus / "ucto-encodings/encoding2.nl.txt";
    {
      std::ofstream out(latin1, std::ios::app | std::ios::binary);
      out << "\n\nDe wethouder zweefvliegt graag op zaterdag, vertelt zij aan de krant.\n";
    }
    const std::string removed_id =
        kb::DocumentIdForPath((corpus / "jaapjunior/Casus 08 Taakgericht.pdf").string());
    fs::remove(corpus / "jaapjunior/Casus 08 Taakgericht.pdf");
    const Xapian::doccount before = Xapian::Database(passages).get_doccount();
    auto second = Run(Indexer(db, {corpus.string()}));
    REQUIRE(second.exit_code == 0);
    Xapian::Database pdb(passages);
    CHECK(pdb.get_termfreq("zweefvliegt") == 1);
    CHECK(pdb.get_termfreq(parent_prefix + removed_id) == 0);
    CHECK(pdb.get_doccount() < before + 1);
    ids.erase(removed_id);
    CHECK(parents() == ids);
  }

  SECTION("an index from before passages reads every file again, once") {
    {
      Xapian::WritableDatabase xdb(db, Xapian::DB_OPEN);
      xdb.set_metadata(std::string(kb::schema::kMetaPassagesVersion), "");
      xdb.commit();
    }
    fs::remove_all(passages);
    auto second = Run(Indexer(db, {corpus.string()}));
    REQUIRE(second.exit_code == 0);
    CHECK(ParseSummary(second.out).indexed == n);
    CHECK(parents() == ids);
    auto third = Run(Indexer(db, {corpus.string()}));
    CHECK(ParseSummary(third.out).unchanged == n);
  }
}

TEST_CASE("an e-mail's attachments are documents of their own, replaced and removed with it") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  // The index inside the corpus folder: its copies of the attachments are not corpus files.
  const std::string db = (corpus / "index").string();
  fs::create_directories(corpus / "post");
  const fs::path message = corpus / "post/verslag.eml";
  fs::copy_file(fs::path(KB_SOURCE_DIR) / "tests/indexer/data/email/verslag-vroegsignalering.eml",
                message);
  fs::copy_file(kDocs / kSubset[3], corpus / "wet.md");
  const std::string message_id = kb::DocumentIdForPath(message.string());
  const std::string container = std::string(kb::schema::kPrefixContainer) + message_id;

  auto first = Run(Indexer(db, {corpus.string()}));
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("indexed 2 (with 2 attachments), unchanged 0, removed 0, failed 0") !=
        std::string::npos);

  // The stored documents of the message's attachments, by title.
  auto attachments = [&] {
    std::map<std::string, kb::StoredDocument> out;
    Xapian::Database xdb(db);
    for (auto p = xdb.postlist_begin(container); p != xdb.postlist_end(container); ++p) {
      auto stored = kb::StoredDocument::FromJson(xdb.get_document(*p).get_data());
      REQUIRE(stored.ok());
      out[stored->title] = *stored;
    }
    return out;
  };
  auto message_doc = [&] {
    Xapian::Database xdb(db);
    const std::string id_term = "Q" + message_id;
    REQUIRE(xdb.get_termfreq(id_term) == 1);
    auto stored =
        kb::StoredDocument::FromJson(xdb.get_document(*xdb.postlist_begin(id_term)).get_data());
    REQUIRE(stored.ok());
    return *stored;
  };
  {
    Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 4);
  }
  auto found = attachments();
  REQUIRE(found.size() == 2);
  kb::StoredDocument notes;
  for (const auto& [title, doc] : found) {
    INFO(title);
    CHECK(doc.attachment_of.id == message_id);
    CHECK(doc.attachment_of.title == "Verslag overleg vroegsignalering schulden Deventer");
    CHECK(doc.container_path == message.string());
    // The Word file has its own date; the undated text file takes the message's.
    CHECK(doc.date == (doc.format == "docx" ? "2021-03-04" : "2023-03-14"));
    // The index keeps a copy of each attachment, inside its own folder.
    CHECK(fs::path(doc.path).parent_path().parent_path() ==
          fs::path(db) / "attachments" / message_id);
    CHECK(fs::is_regular_file(doc.path));
    if (doc.format == "text") notes = doc;
  }
  REQUIRE_FALSE(notes.id.empty());
  {
    std::ifstream in(notes.path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes == "Actiepunten: huisbezoeken plannen, budgetcoach inzetten.\n");
  }
  kb::StoredDocument mail = message_doc();
  REQUIRE(mail.attachments.size() == 2);
  for (const auto& link : mail.attachments) CHECK(found.count(link.title) == 1);
  // Passages of the attachments, under their own ids.
  {
    Xapian::Database pdb(db + "/" + std::string(kb::schema::kPassagesFolder));
    CHECK(pdb.get_termfreq(std::string(kb::schema::kPrefixParent) + notes.id) >= 1);
  }

  SECTION("an unchanged message leaves its attachments alone") {
    auto second = Run(Indexer(db, {corpus.string()}));
    REQUIRE(second.exit_code == 0);
    CHECK(ParseSummary(second.out).unchanged == 2);
    CHECK(ParseSummary(second.out).removed == 0);
    CHECK(Xapian::Database(db).get_doccount() == 4);
  }
  SECTION("a changed message replaces its attachments, never adds to them") {
    // When an attachment entered the index stays what it was (a second later, it would show).
    auto added = [&] {
      Xapian::Database xdb(db);
      const std::string id_term = "Q" + notes.id;
      REQUIRE(xdb.get_termfreq(id_term) == 1);
      return xdb.get_document(*xdb.postlist_begin(id_term)).get_value(kb::schema::kSlotAdded);
    };
    const std::string first_added = added();
    REQUIRE_FALSE(first_added.empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    std::string text;
    {
      std::ifstream in(message, std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::string old_subject = "Subject: Verslag overleg vroegsignalering schulden Deventer";
    const auto at = text.find(old_subject);
    REQUIRE(at != std::string::npos);
    text.replace(at, old_subject.size(), "Subject: Tweede verslag vroegsignalering Deventer");
    std::ofstream(message, std::ios::binary | std::ios::trunc) << text;
    auto second = Run(Indexer(db, {corpus.string()}));
    REQUIRE(second.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 4);
    const auto again = attachments();
    REQUIRE(again.size() == 2);
    for (const auto& [title, doc] : again) {
      CHECK(doc.attachment_of.title == "Tweede verslag vroegsignalering Deventer");
      CHECK(fs::is_regular_file(doc.path));
    }
    CHECK(message_doc().title == "Tweede verslag vroegsignalering Deventer");
    CHECK(added() == first_added);
  }
  SECTION("a removed message takes its attachments and their copies along") {
    fs::remove(message);
    auto second = Run(Indexer(db, {corpus.string()}));
    REQUIRE(second.exit_code == 0);
    CHECK(ParseSummary(second.out).removed == 1);
    Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 1);
    CHECK(xdb.get_termfreq(container) == 0);
    CHECK_FALSE(fs::exists(fs::path(db) / "attachments" / message_id));
    Xapian::Database pdb(db + "/" + std::string(kb::schema::kPassagesFolder));
    CHECK(pdb.get_termfreq(std::string(kb::schema::kPrefixParent) + notes.id) == 0);
  }
}

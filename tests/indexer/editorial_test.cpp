// Editors' edits reaching the index through the real kb-indexer (issue 7): overrides saved in the
// real EditorialStore, applied by `kb-indexer --pending` and by full runs (also into an empty new
// index), hidden and merged documents, an edit saved while a long run is in progress, and the
// review flags of known files. Checked with Xapian directly.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include <xapian.h>

#include "indexed_document.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"
#include "kb/editorial/store.h"
#include "process.h"

namespace fs = std::filesystem;
using kb::editorial::EditorialStore;
using kb::index::testing::Indexed;
using kb::index::testing::Indexer;
using kb::index::testing::Lookup;
using kb::index::testing::OpenStore;
using kb::test::TempDir;

namespace {

const fs::path kDocs = fs::weakly_canonical(fs::path(KB_SHARED_DIR) / "corpus" / "docs");

constexpr const char* kStaatscourant =
    "jaapjunior/MR-staatscourant juli-2019-verplichte istandaarden.pdf";
constexpr const char* kMachineTitleStart = "Regeling van de Minister van Volksgezondheid";
constexpr const char* kG1000 = "nhlstenden-heerenveen-0513/democratie_g1000.md";
constexpr const char* kToelichting =
    "jaapjunior-md/Toelichting-overeenkomst-contractstandaarden-Wmo.md";
constexpr const char* kNews =
    "leestmeer-news/2019-5-31-minder_mensen_bij_schuldhulpverlening,_gemiddelde_schuld_stijgt.md";

// Copies corpus files into dir, keeping their folders.
void Copy(const fs::path& dir, std::initializer_list<const char*> files) {
  for (const char* rel : files) {
    fs::create_directories((dir / rel).parent_path());
    fs::copy_file(kDocs / rel, dir / rel);
  }
}

bool Has(const Indexed& doc, const std::string& term) { return doc.terms.count(term) == 1; }

}  // namespace

TEST_CASE("an override saved in the store reaches the index through kb-indexer --pending") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  Copy(corpus, {kStaatscourant, kG1000, kToelichting});
  auto first = Indexer({"--db", db, corpus.string()});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);

  const fs::path staatscourant = corpus / kStaatscourant;
  const fs::path g1000 = corpus / kG1000;
  {
    // The machine's view, with the review flags the heuristics give these files.
    const Indexed machine = Lookup(db, staatscourant);
    // The regulation under the gazette's masthead, cut at 250 bytes: too long to cite as is.
    CHECK(machine.stored.title.rfind(kMachineTitleStart, 0) == 0);
    CHECK(Has(machine, "XRtitle"));           // over 200 characters
    CHECK(Has(machine, "XRno-region"));       // no gemeente or provincie found
    CHECK(Has(machine, "XRlow-confidence"));  // gezondheid-en-preventie scored 0.46
    CHECK_FALSE(Has(machine, "XRdate"));
    CHECK_FALSE(Has(machine, "XEedited"));
    CHECK(Has(machine, "XTgezondheid-en-preventie"));
    const Indexed toelichting = Lookup(db, corpus / kToelichting);
    // Its heading repeats the file name, made readable: a plausible title, but no title the
    // document states, so an editor confirms it.
    CHECK(toelichting.stored.title == "Toelichting overeenkomst contractstandaarden Wmo");
    CHECK(toelichting.stored.title_source == "file name");
    CHECK(Has(toelichting, "XRtitle"));
    const Indexed g = Lookup(db, g1000);
    CHECK(Has(g, "XRdate"));  // no date found
    CHECK(Has(g, "XGGM0074"));
    CHECK(Has(g, "XPfryslan"));
    // Themes at 0.53 and 0.49: below kConfidentThemeScore, to confirm.
    CHECK(g.stored.review == std::vector<std::string>{"date", "low-confidence"});
  }

  const fs::path store_file = EditorialStore::DefaultPathFor(db);
  auto store = OpenStore(store_file);
  kb::editorial::Override edit;
  edit.title = "Verplichte iStandaarden voor gemeenten 2019";
  edit.date = "2019-07-15";
  edit.kind = "wet";
  edit.organisation = "Ministerie van VWS";
  edit.themes_removed = {"gezondheid-en-preventie"};
  edit.themes_added = {"kinderopvang"};
  edit.themes_confirmed = {"wmo"};
  edit.gemeenten_added = {"GM0106"};  // Assen
  const std::string id = kb::DocumentIdForPath(staatscourant.string());
  REQUIRE(store->edits().SaveOverride(id, staatscourant.string(), edit, "anna").ok());
  kb::editorial::Override g_edit;
  g_edit.gemeenten_removed = {"GM0074"};
  g_edit.date = "2019";
  REQUIRE(store->edits()
              .SaveOverride(kb::DocumentIdForPath(g1000.string()), g1000.string(), g_edit, "anna")
              .ok());
  REQUIRE(store->queue().Items()->size() == 2);

  auto pending = Indexer({"--db", db, "--pending"});
  INFO(pending.out << pending.err);
  REQUIRE(pending.exit_code == 0);
  CHECK(pending.out.find("indexed 2,") != std::string::npos);
  CHECK(pending.out.find("queued 2,") != std::string::npos);
  CHECK(store->queue().Items()->empty());

  auto check_applied = [&](const std::string& index) {
    const Indexed doc = Lookup(index, staatscourant);
    CHECK(doc.stored.title == "Verplichte iStandaarden voor gemeenten 2019");
    CHECK(doc.stored.edited);
    CHECK(doc.stored.machine.title.rfind(kMachineTitleStart, 0) == 0);
    CHECK(doc.stored.machine.date == "2019-07-23");
    CHECK(doc.stored.date == "2019-07-15");
    CHECK(doc.stored.kind == "wet");
    CHECK(doc.stored.organisation == "Ministerie van VWS");
    CHECK(Has(doc, "XEedited"));
    // Title terms follow the new title, in the S field and in the body.
    CHECK(Has(doc, "Sverplichte"));
    CHECK(Has(doc, "Sistandaarden"));
    CHECK(Has(doc, "verplichte"));
    CHECK(Has(doc, "XY2019"));
    CHECK(doc.date_value == "20190715");
    CHECK(Has(doc, "XKwet"));
    CHECK_FALSE(Has(doc, "XKrapport"));
    CHECK(Has(doc, "XOministerie-van-vws"));
    CHECK_FALSE(Has(doc, "XTgezondheid-en-preventie"));
    CHECK(Has(doc, "XTkinderopvang"));
    CHECK(Has(doc, "XTwmo"));
    CHECK(Has(doc, "XGGM0106"));
    CHECK(Has(doc, "XPdrenthe"));
    bool kinderopvang = false;
    for (const auto& t : doc.stored.themes) {
      if (t.slug == "kinderopvang") kinderopvang = t.name == "Kinderopvang" && t.score == 1.0;
      CHECK(t.slug != "gezondheid-en-preventie");
    }
    CHECK(kinderopvang);
    REQUIRE(doc.stored.gemeenten.size() == 1);
    CHECK(doc.stored.gemeenten[0].name == "Assen");
    CHECK(doc.stored.gemeenten[0].provincie == "Drenthe");
    // The edits answered every flag.
    CHECK(doc.stored.review.empty());
    CHECK_FALSE(Has(doc, "XRtitle"));
    CHECK_FALSE(Has(doc, "XRlow-confidence"));
    CHECK_FALSE(Has(doc, "XRno-region"));

    const Indexed g = Lookup(index, g1000);
    CHECK_FALSE(Has(g, "XGGM0074"));
    CHECK_FALSE(Has(g, "XPfryslan"));  // only Heerenveen brought Fryslân in
    CHECK(g.stored.gemeenten.empty());
    CHECK(g.stored.provincies.empty());
    CHECK(g.stored.machine.gemeenten.size() == 1);
    CHECK(Has(g, "XY2019"));
    CHECK_FALSE(Has(g, "XRdate"));
    CHECK_FALSE(Has(g, "XRno-region"));  // the editor removed the region: an answer
  };
  check_applied(db);

  SECTION("the edits survive a full re-index into an empty new index folder") {
    const std::string fresh = (tmp.path() / "fresh-index").string();
    auto full = Indexer({"--db", fresh, "--editorial", store_file.string(), corpus.string()});
    INFO(full.out << full.err);
    REQUIRE(full.exit_code == 0);
    check_applied(fresh);
  }

  SECTION("a rerun with nothing changed keeps the edits; an unchanged queue entry is re-applied") {
    auto rerun = Indexer({"--db", db, corpus.string()});
    REQUIRE(rerun.exit_code == 0);
    CHECK(rerun.out.find("indexed 0,") != std::string::npos);
    check_applied(db);
  }
}

TEST_CASE("hidden documents and merged duplicates get their editorial terms") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  Copy(corpus, {kStaatscourant, kG1000, kNews});
  REQUIRE(Indexer({"--db", db, corpus.string()}).exit_code == 0);

  auto store = OpenStore(EditorialStore::DefaultPathFor(db));
  const fs::path hidden = corpus / kNews;
  kb::editorial::Override hide;
  hide.hidden = true;
  REQUIRE(store->edits()
              .SaveOverride(kb::DocumentIdForPath(hidden.string()), hidden.string(), hide, "bob")
              .ok());
  const fs::path kept = corpus / kStaatscourant;
  const fs::path duplicate = corpus / kG1000;
  kb::editorial::Merge merge;
  merge.kept = kb::DocumentIdForPath(kept.string());
  merge.duplicate = kb::DocumentIdForPath(duplicate.string());
  merge.duplicate_title = "Uitkomsten G1000 Centrum Heerenveen";
  merge.duplicate_format = "markdown";
  merge.duplicate_path = duplicate.string();
  REQUIRE(store->edits().SaveMerge(merge, kept.string(), "bob").ok());

  auto pending = Indexer({"--db", db, "--pending"});
  INFO(pending.out << pending.err);
  REQUIRE(pending.exit_code == 0);
  CHECK(store->queue().Items()->empty());

  const Indexed h = Lookup(db, hidden);
  CHECK(Has(h, "XEhidden"));
  CHECK_FALSE(Has(h, "XEmerged"));
  CHECK(h.stored.hidden);
  CHECK(h.stored.review.empty());  // hidden documents are in no queue
  const Indexed d = Lookup(db, duplicate);
  CHECK(Has(d, "XEhidden"));
  CHECK(Has(d, "XEmerged"));
  CHECK(d.stored.merged_into == merge.kept);
  const Indexed k = Lookup(db, kept);
  CHECK_FALSE(Has(k, "XEhidden"));
  REQUIRE(k.stored.also_published_as.size() == 1);
  CHECK(k.stored.also_published_as[0].id == merge.duplicate);
  CHECK(k.stored.also_published_as[0].format == "markdown");
  CHECK(k.stored.also_published_as[0].path == duplicate.string());

  SECTION("undoing the merge brings the duplicate back") {
    REQUIRE(store->edits().Unmerge(merge.duplicate, "bob").ok());
    REQUIRE(Indexer({"--db", db, "--pending"}).exit_code == 0);
    CHECK_FALSE(Has(Lookup(db, duplicate), "XEhidden"));
    CHECK(Lookup(db, kept).stored.also_published_as.empty());
  }

  SECTION("a queued path that is gone is removed; an upload under no root is indexed") {
    fs::remove(hidden);
    REQUIRE(store->queue().Enqueue(hidden.string()).ok());
    const fs::path upload = fs::path(tmp.path()) / "uploads" / "nieuw.md";
    fs::create_directories(upload.parent_path());
    fs::copy_file(kDocs / kNews, upload);
    REQUIRE(store->queue().Enqueue(upload.string()).ok());
    auto run = Indexer({"--db", db, "--pending"});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("removed 1,") != std::string::npos);
    Xapian::Database xdb(db);
    CHECK(xdb.get_termfreq("Q" + kb::DocumentIdForPath(hidden.string())) == 0);
    CHECK(xdb.get_termfreq("Q" + kb::DocumentIdForPath(upload.string())) == 1);
    CHECK(store->queue().Items()->empty());
  }
}

TEST_CASE("an edit saved during a long run is applied by that run; --pending meanwhile exits 0") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  const fs::path news = kDocs / kNews;
  const pid_t long_run =
      kb::test::Start({KB_INDEXER, "--db", db, "--progress", "log", kDocs.string()});
  // Wait until the run holds the index (its folder exists), then save an edit.
  for (int i = 0; i < 200 && !fs::exists(fs::path(db) / "iamglass"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto store = OpenStore(EditorialStore::DefaultPathFor(db));
  kb::editorial::Override edit;
  edit.title = "Schuldhulpverlening: minder mensen, hogere schulden";
  REQUIRE(store->edits()
              .SaveOverride(kb::DocumentIdForPath(news.string()), news.string(), edit, "anna")
              .ok());
  const auto saved = std::chrono::steady_clock::now();

  // Save to visible: a reader reopening the index sees the new title after the run's next commit.
  const std::string title_term = "Sschuldhulpverlening";
  const std::string id_term = "Q" + kb::DocumentIdForPath(news.string());
  double visible_after = -1;
  for (int i = 0; i < 600 && visible_after < 0; ++i) {
    bool found = false;
    try {
      Xapian::Database reader(db);
      Xapian::Enquire enquire(reader);
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(id_term), Xapian::Query(title_term)));
      found = !enquire.get_mset(0, 1).empty();
    } catch (const Xapian::DatabaseModifiedError&) {
      // A commit overtook this reader: look again.
    }
    if (found) {
      visible_after =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - saved).count();
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  std::printf("edit during a run: visible in the index %.2f s after the save\n", visible_after);
  CHECK(visible_after >= 0);
  CHECK(visible_after < 20);  // at most the files in flight plus a commit, even on a loaded machine

  auto pending = Indexer({"--db", db, "--pending"});
  INFO(pending.out << pending.err);
  CHECK(pending.exit_code == 0);
  CHECK(pending.err.find("running kb-indexer") != std::string::npos);

  auto done = kb::test::Wait(long_run);
  REQUIRE(done.exit_code == 0);
  const Indexed doc = Lookup(db, news);
  CHECK(doc.stored.title == "Schuldhulpverlening: minder mensen, hogere schulden");
  CHECK(Has(doc, "Sschuldhulpverlening"));
  CHECK(Has(doc, "XEedited"));
  CHECK(store->queue().Items()->empty());
}

TEST_CASE("a locked index: --pending leaves the queue to the writer; a full run waits its turn") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  Copy(corpus, {kNews});
  REQUIRE(Indexer({"--db", db, corpus.string()}).exit_code == 0);
  auto store = OpenStore(EditorialStore::DefaultPathFor(db));
  const fs::path news = corpus / kNews;
  REQUIRE(store->queue().Enqueue(news.string()).ok());

  auto writer = std::make_unique<Xapian::WritableDatabase>(db, Xapian::DB_OPEN);  // the lock
  auto pending = Indexer({"--db", db, "--pending"});
  CHECK(pending.exit_code == 0);
  CHECK(pending.err.find("running kb-indexer") != std::string::npos);
  CHECK(store->queue().Items()->size() == 1);  // left for the writer

  const auto start = std::chrono::steady_clock::now();
  const pid_t full =
      kb::test::Start({KB_INDEXER, "--db", db, "--progress", "log", corpus.string()});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  writer.reset();  // the other writer finishes
  auto done = kb::test::Wait(full);
  CHECK(done.exit_code == 0);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(1500));
  CHECK(store->queue().Items()->empty());  // the full run took the queue
}

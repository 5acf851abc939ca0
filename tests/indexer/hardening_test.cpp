// Nothing a document, a path or an edit can contain stops an indexing run (issue 15, "Documents
// lost"). Each case runs the real kb-indexer on real files made for it: PDFs whose Info /Company
// is 400 characters, words that fold past Xapian's 245-byte term limit, a failing file under a
// path longer than Xapian's 255-byte key limit, an editor's 300-character organisation, a queued
// upload that cannot be indexed, and a run killed (SIGKILL) as its near-duplicate step begins.
// The IndexWriter is checked on a real index for the case no input reaches any more: a document
// Xapian would refuse.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexed_document.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/core/stored_document.h"
#include "kb/editorial/store.h"
#include "kb/index/index_writer.h"
#include "kb/index/indexing_run.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace kb::index::testing;  // Indexer, Lookup, OpenStore
using kb::editorial::EditorialStore;
using kb::test::TempDir;

namespace {

constexpr const char* kNews =
    "leestmeer-news/2019-5-31-minder_mensen_bij_schuldhulpverlening,_gemiddelde_schuld_stijgt.md";
const fs::path kDocs = fs::weakly_canonical(fs::path(KB_SHARED_DIR) / "corpus" / "docs");

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

void WriteFile(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

// A PDF string literal: backslash, parentheses escaped.
std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + ")";
}

// A small valid PDF written by hand: one page showing `lines` in Helvetica, and an Info
// dictionary with `info` (e.g. Title, Company), with a correct cross-reference table.
std::string MakePdf(const std::vector<std::string>& lines,
                    const std::map<std::string, std::string>& info) {
  std::string content = "BT /F1 11 Tf 14 TL 56 780 Td\n";
  for (const auto& line : lines) content += PdfString(line) + " Tj T*\n";
  content += "ET\n";
  std::string info_dict = "<<";
  for (const auto& [key, value] : info) info_dict += " /" + key + " " + PdfString(value);
  info_dict += " >>";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      info_dict,
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

const std::vector<std::string> kReportLines = {
    "Eenzaamheid onder ouderen in Drenthe",
    "Dit rapport beschrijft hoe gemeenten in Drenthe eenzaamheid onder ouderen aanpakken.",
    "Vrijwilligers bezoeken ouderen thuis en de wijkteams organiseren ontmoetingen.",
    "De gemeenten werken samen met welzijnsorganisaties, huisartsen en woningcorporaties.",
    "Uit de interviews blijkt dat ouderen vooral behoefte hebben aan contact in de buurt.",
    "Aanbevelingen: investeer in ontmoetingsplekken en in het signaleren van eenzaamheid.",
};

// A name of exactly `length` characters starting with `head` (ASCII, single spaces).
std::string LongName(const std::string& head, const std::string& tail, std::size_t length) {
  std::string name = head;
  while (name.size() + tail.size() < length) name += " en omstreken";
  name.resize(length - tail.size());
  if (name.back() == ' ') name.back() = 'x';
  return name + tail;
}

std::vector<std::string> TermsWithPrefix(const Indexed& doc, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& t : doc.terms) {
    if (t.rfind(prefix, 0) == 0) out.push_back(t);
  }
  return out;
}

std::size_t LongestTerm(const std::string& db) {
  Xapian::Database xdb(db);
  std::size_t longest = 0;
  for (auto t = xdb.allterms_begin(); t != xdb.allterms_end(); ++t) {
    longest = std::max(longest, (*t).size());
  }
  return longest;
}

}  // namespace

TEST_CASE("a 400-character organisation and over-long words are bounded, never stop the run") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  // Two organisations that only differ after their 300th character: still two filter terms.
  const std::string head = "Stichting Samenwerkende Welzijnsorganisaties Noord-Nederland";
  const std::string company_a = LongName(head, " afdeling Assen", 400);
  const std::string company_b = LongName(head, " afdeling Emmen", 400);
  REQUIRE(company_a.size() == 400);
  WriteFile(corpus / "a.pdf", MakePdf(kReportLines, {{"Title", "Eenzaamheid onder ouderen"},
                                                     {"Company", company_a}}));
  WriteFile(corpus / "b.pdf",
            MakePdf(kReportLines, {{"Title", "Ouderen en eenzaamheid"}, {"Company", company_b}}));
  // A 300-letter "word", and a 63-byte word of U+FDFA, which Unicode folding (NFKC) expands to
  // about 700 bytes.
  std::string ligatures;
  for (int i = 0; i < 21; ++i) ligatures += "\xEF\xB7\xBA";
  WriteFile(corpus / "woorden.txt", "Lange woorden in een verslag over schuldhulpverlening\n\n" +
                                        std::string(300, 'a') + " " + ligatures +
                                        " De gemeente helpt inwoners met schulden.\n");

  auto run = Indexer({"--db", db, corpus.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(Contains(run.out, "indexed 3, unchanged 0, removed 0, failed 0"));
  CHECK(LongestTerm(db) <= kb::schema::kMaxTermBytes);

  const Indexed a = Lookup(db, corpus / "a.pdf");
  const Indexed b = Lookup(db, corpus / "b.pdf");
  CHECK(a.stored.organisation == company_a);  // the stored data keeps the whole name
  const auto xo_a = TermsWithPrefix(a, "XO");
  const auto xo_b = TermsWithPrefix(b, "XO");
  REQUIRE(xo_a.size() == 1);
  REQUIRE(xo_b.size() == 1);
  CHECK(xo_a[0].rfind("XOstichting-samenwerkende-welzijnsorganisaties-noord-nederland", 0) == 0);
  CHECK(xo_a[0].size() <= kb::schema::kMaxTermBytes);
  CHECK(xo_a[0] != xo_b[0]);
  // The rule is the schema's, so a filter built from the same name finds the document.
  CHECK(xo_a[0] ==
        kb::schema::BoundedTerm(kb::schema::kPrefixOrganisation, kb::analysis::Slug(company_a)));

  const Indexed words = Lookup(db, corpus / "woorden.txt");
  CHECK(TermsWithPrefix(words, "schulden").size() == 1);
  CHECK(TermsWithPrefix(words, std::string(300, 'a')).empty());
}

TEST_CASE("a bounded term keeps a short value, cuts a long one at a UTF-8 boundary with a hash") {
  using kb::schema::BoundedTerm;
  using kb::schema::kMaxTermBytes;
  CHECK(BoundedTerm("XO", "ministerie-van-vws") == "XOministerie-van-vws");
  const std::string fits(kMaxTermBytes - 2, 'x');
  CHECK(BoundedTerm("XO", fits) == "XO" + fits);
  // "é" is two bytes: a cut never splits it.
  std::string long_value;
  while (long_value.size() < 400) long_value += "caf\xC3\xA9-";
  const std::string term = BoundedTerm("XO", long_value);
  CHECK(term.size() <= kMaxTermBytes);
  const std::string head = term.substr(0, term.rfind('#'));
  CHECK(long_value.rfind(head.substr(2), 0) == 0);
  CHECK((static_cast<unsigned char>(head.back()) & 0xC0) != 0xC0);  // not a lead byte
  CHECK(BoundedTerm("XO", long_value) == term);                     // deterministic
  CHECK(BoundedTerm("XO", long_value + "x") != term);               // distinct values
}

TEST_CASE("a file that fails under a path longer than 255 bytes is remembered and forgotten") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  const fs::path deep = corpus / std::string(90, 'a') / std::string(90, 'b') / std::string(90, 'c');
  const fs::path bad = deep / "leeg.txt";
  WriteFile(bad, "");
  REQUIRE(bad.string().size() > 300);
  WriteFile(corpus / "nieuws.md", [] {
    std::ifstream in(kDocs / kNews, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }());

  auto first = Indexer({"--db", db, corpus.string()});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(Contains(first.out, "indexed 1, unchanged 0, removed 0, failed 1"));
  CHECK(Contains(first.err, "kb-indexer: " + bad.string() + ": "));
  CHECK(Contains(first.err, "near-duplicates: comparing 1 documents"));

  // Read back: the failure is known and not extracted again.
  auto second = Indexer({"--db", db, corpus.string()});
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(Contains(second.out, "indexed 0, unchanged 1, removed 0, failed 1"));
  CHECK(Contains(second.err, "(unchanged since the last run)"));

  // Fixed: indexed, and the failure is forgotten.
  WriteFile(bad, "Een verslag over schuldhulpverlening in de gemeente Assen.\n");
  auto third = Indexer({"--db", db, corpus.string()});
  INFO(third.out << third.err);
  REQUIRE(third.exit_code == 0);
  CHECK(Contains(third.out, "indexed 1, unchanged 1, removed 0, failed 0"));
  Xapian::Database xdb(db);
  CHECK(xdb.get_termfreq("Q" + kb::DocumentIdForPath(bad.string())) == 1);
  for (auto key = xdb.metadata_keys_begin(); key != xdb.metadata_keys_end(); ++key) {
    CHECK((*key).rfind("kb.failed", 0) != 0);
  }
}

TEST_CASE("a document Xapian would refuse is refused alone; the batch it came in survives") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  auto writer = kb::index::IndexWriter::Open(db);
  REQUIRE(writer.ok());
  kb::index::BuiltDocument good;
  good.id_term = "Qgood";
  good.document.add_boolean_term(good.id_term);
  good.stored.path = "/corpus/goed.txt";
  REQUIRE((*writer)->Upsert(good).ok());
  kb::index::BuiltDocument bad;
  bad.id_term = "Qbad";
  bad.document.add_boolean_term(bad.id_term);
  bad.document.add_term("XO" + std::string(300, 'x'));
  bad.stored.path = "/corpus/slecht.txt";
  const kb::Status refused = (*writer)->Upsert(bad);
  CHECK(refused.kind() == kb::ErrorKind::kInvalidArgument);
  CHECK(Contains(refused.message(), "/corpus/slecht.txt"));
  REQUIRE((*writer)->Commit().ok());
  writer->reset();
  Xapian::Database xdb(db);
  CHECK(xdb.get_termfreq("Qgood") == 1);  // Xapian drops every uncommitted change on a refusal
  CHECK(xdb.get_termfreq("Qbad") == 0);
}

TEST_CASE("a passage Xapian refuses fails the commit before the document index is committed") {
  // Passages are written by a thread of their own (PassageWriter): its failure must reach the
  // commit, which then leaves the document index as readers saw it (the run stops there).
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  auto writer = kb::index::IndexWriter::Open(db);
  REQUIRE(writer.ok());
  kb::index::BuiltDocument doc;
  doc.id_term = "Qdoc";
  doc.document.add_boolean_term(doc.id_term);
  doc.stored.path = "/corpus/rapport.txt";
  Xapian::Document passage;
  passage.add_boolean_term("XUdoc");
  passage.add_term(std::string(300, 'p'));  // beyond Xapian's term limit
  doc.passages.push_back(passage);
  REQUIRE((*writer)->Upsert(doc).ok());  // the passage is written later, on the other thread
  const kb::Status failed = (*writer)->Commit();
  CHECK(failed.kind() == kb::ErrorKind::kInternal);
  CHECK(Contains(failed.message(), "passage index"));
  CHECK(Xapian::Database(db).get_termfreq("Qdoc") == 0);
  // The passage writer's next batch starts clean.
  kb::index::BuiltDocument next;
  next.id_term = "Qnext";
  next.document.add_boolean_term(next.id_term);
  next.stored.path = "/corpus/volgende.txt";
  REQUIRE((*writer)->Upsert(next).ok());
  REQUIRE((*writer)->Commit().ok());
  writer->reset();
  Xapian::Database xdb(db);
  CHECK(xdb.get_termfreq("Qnext") == 1);
  Xapian::Database passages(db + "/passages");
  CHECK(passages.get_termfreq("XUdoc") == 0);
}

TEST_CASE("an editor's 300-character organisation is applied; an upload that fails is reported") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  const fs::path news = corpus / "nieuws.md";
  fs::create_directories(corpus);
  fs::copy_file(kDocs / kNews, news);
  REQUIRE(Indexer({"--db", db, corpus.string()}).exit_code == 0);
  auto store = OpenStore(EditorialStore::DefaultPathFor(db));

  SECTION("the organisation") {
    kb::editorial::Override edit;
    edit.organisation = LongName("Landelijk Kenniscentrum Schuldhulpverlening", "", 300);
    REQUIRE(store->edits()
                .SaveOverride(kb::DocumentIdForPath(news.string()), news.string(), edit, "anna")
                .ok());
    auto pending = Indexer({"--db", db, "--pending"});
    INFO(pending.out << pending.err);
    REQUIRE(pending.exit_code == 0);
    CHECK(store->queue().Items()->empty());
    const Indexed doc = Lookup(db, news);
    CHECK(doc.stored.organisation == *edit.organisation);
    const auto xo = TermsWithPrefix(doc, "XO");
    REQUIRE(xo.size() == 1);
    CHECK(xo[0].rfind("XOlandelijk-kenniscentrum-schuldhulpverlening", 0) == 0);

    // The queue moves on: a later edit is applied.
    edit.title = "Minder mensen bij schuldhulpverlening";
    REQUIRE(store->edits()
                .SaveOverride(kb::DocumentIdForPath(news.string()), news.string(), edit, "anna")
                .ok());
    REQUIRE(Indexer({"--db", db, "--pending"}).exit_code == 0);
    CHECK(store->queue().Items()->empty());
    CHECK(Lookup(db, news).stored.title == "Minder mensen bij schuldhulpverlening");
  }

  SECTION("a queued upload that cannot be indexed is reported and marked failed") {
    const fs::path upload = fs::path(tmp.path()) / "uploads" / "leeg.txt";
    WriteFile(upload, "");
    REQUIRE(store->queue().Enqueue(upload.string()).ok());
    auto pending = Indexer({"--db", db, "--pending"});
    INFO(pending.out << pending.err);
    REQUIRE(pending.exit_code == 0);
    CHECK(Contains(pending.out, "failed 1"));
    CHECK(Contains(pending.err, "kb-indexer: " + upload.string() + ": "));
    CHECK(store->queue().Items()->empty());
    auto audit = store->audit().Recent(kb::DocumentIdForPath(upload.string()), 10);
    REQUIRE(audit.ok());
    REQUIRE(audit->size() == 1);
    CHECK(audit->front().action == "index-failed");
    CHECK(audit->front().editor == "kb-indexer");
    CHECK(Contains(audit->front().after, upload.string()));
  }
}

namespace {

// The log of the run forked below: SIGKILL (as kill -9 would) the moment the near-duplicate step
// announces itself, after the documents were committed and before any pair is proposed.
ssize_t KillAtDuplicateStep(void*, const char* data, size_t size) {
  if (std::string_view(data, size).find("near-duplicates: comparing") != std::string_view::npos) {
    ::raise(SIGKILL);
  }
  return static_cast<ssize_t>(size);
}

}  // namespace

TEST_CASE("documents of a run killed in its near-duplicate step are compared by the next run") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string db = (tmp.path() / "db").string();
  const fs::path original = corpus / "a/nieuws.md";
  const fs::path copy = corpus / "b/nieuws-kopie.md";
  fs::create_directories(original.parent_path());
  fs::create_directories(copy.parent_path());
  fs::copy_file(kDocs / kNews, original);
  fs::copy_file(kDocs / kNews, copy);

  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {  // the child: no Catch2 here, only the run
    cookie_io_functions_t log_functions{nullptr, KillAtDuplicateStep, nullptr, nullptr};
    kb::index::RunOptions options;
    options.db = db;
    options.roots = {corpus};
    options.worker_command = {KB_EXTRACT_WORKER};
    options.threads = 1;
    options.log = ::fopencookie(nullptr, "w", log_functions);
    auto summary = kb::index::RunIndexing(options);
    ::_exit(summary.ok() ? 0 : 2);
  }
  int wait_status = 0;
  REQUIRE(::waitpid(pid, &wait_status, 0) == pid);
  REQUIRE(WIFSIGNALED(wait_status));
  REQUIRE(WTERMSIG(wait_status) == SIGKILL);
  REQUIRE(Xapian::Database(db).get_doccount() == 2);  // committed before the step
  {
    auto store = OpenStore(EditorialStore::DefaultPathFor(db));
    REQUIRE(store->duplicates().List("")->empty());  // killed before any proposal
  }

  auto rerun = Indexer({"--db", db, corpus.string()});
  INFO(rerun.out << rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(Contains(rerun.out, "indexed 0, unchanged 2"));
  CHECK(Contains(rerun.out, "duplicates 1"));
  auto store = OpenStore(EditorialStore::DefaultPathFor(db));
  auto candidates = store->duplicates().List("proposed");
  REQUIRE(candidates.ok());
  REQUIRE(candidates->size() == 1);
  std::string a = kb::DocumentIdForPath(original.string());
  std::string b = kb::DocumentIdForPath(copy.string());
  if (a > b) std::swap(a, b);
  CHECK(candidates->front().a == a);
  CHECK(candidates->front().b == b);

  // Compared once: the next run has nothing left to compare.
  auto third = Indexer({"--db", db, corpus.string()});
  INFO(third.out << third.err);
  REQUIRE(third.exit_code == 0);
  CHECK_FALSE(Contains(third.err, "near-duplicates: comparing"));
}

TEST_CASE("a symbolic link to a file outside the folder is not indexed; one inside is") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const fs::path outside = fs::path(tmp.path()) / "geheim.txt";
  WriteFile(outside, "Wachtwoorden van de gemeente: geheimwoordzeventien.\n");
  WriteFile(corpus / "echt.txt", "Een verslag over schuldhulpverlening in de gemeente Assen.\n");
  fs::create_symlink(outside, corpus / "x.txt");
  fs::create_symlink(corpus / "echt.txt", corpus / "ook.txt");
  const std::string db = (tmp.path() / "db").string();
  auto run = Indexer({"--db", db, corpus.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(Contains(run.err, (corpus / "x.txt").string() + ": is a symbolic link to a file outside"));
  Xapian::Database xdb(db);
  CHECK(xdb.get_termfreq("geheimwoordzeventien") == 0);
  CHECK(xdb.get_termfreq("Q" + kb::DocumentIdForPath((corpus / "x.txt").string())) == 0);
  CHECK(xdb.get_termfreq("Q" + kb::DocumentIdForPath((corpus / "ook.txt").string())) == 1);
}

// SandboxedExtractor with the real worker binary, a worker that hangs and one that crashes.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "corpus_files.h"
#include "kb/extract/sandboxed_extractor.h"

using kb::extract::SandboxedExtractor;
using kb::extract::SandboxOptions;
using kb::extract::testing::Contains;
using kb::extract::testing::CorpusDir;

namespace {

SandboxOptions RealWorker() {
  SandboxOptions options;
  options.worker_command = {KB_EXTRACT_WORKER};
  options.timeout = std::chrono::seconds(30);
  return options;
}

// True when this process has no child left to reap (no zombie, no running worker).
bool NoChildren() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

const auto kSmallPdf = "docs/jaapjunior/Casus 06 Trajectfinanciering.pdf";

}  // namespace

TEST_CASE("The worker extracts corpus files like ExtractFile does", "[sandbox]") {
  {
    SandboxedExtractor extractor(RealWorker());
    auto pdf = extractor.Extract(CorpusDir() / kSmallPdf);
    REQUIRE(pdf.ok());
    CHECK(pdf->pages.size() == 1);
    CHECK_FALSE(pdf->title.empty());

    auto text = extractor.Extract(CorpusDir() / "docs/ucto-encodings/encoding2.nl.txt");
    REQUIRE(text.ok());
    CHECK(Contains(text->pages[0], "re\xC3\xABle"));

    auto missing = extractor.Extract(CorpusDir() / "docs/bestaat-niet.pdf");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().kind() == kb::ErrorKind::kNotFound);
  }
  CHECK(NoChildren());
}

TEST_CASE("Every hostile file gives a document or a reason naming the file", "[sandbox]") {
  const std::filesystem::path dir = CorpusDir() / "hostile";
  int documents = 0;
  int refused = 0;
  {
    SandboxedExtractor extractor(RealWorker());
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      INFO(entry.path().string());
      auto doc = extractor.Extract(entry.path());
      if (doc.ok()) {
        CHECK_FALSE(doc->title.empty());
        ++documents;
      } else {
        CHECK(doc.status().kind() == kb::ErrorKind::kInvalidArgument);
        CHECK(Contains(doc.status().message(), entry.path().filename().string()));
        ++refused;
      }
    }
    // The worker survived all of it: a normal file still extracts.
    CHECK(extractor.Extract(CorpusDir() / kSmallPdf).ok());
  }
  CHECK(documents > 0);
  CHECK(refused > 0);
  CHECK(NoChildren());
}

TEST_CASE("A hanging worker is killed at the timeout and replaced", "[sandbox]") {
  {
    SandboxOptions options;
    options.worker_command = {"/bin/sh", "-c", "sleep 30"};
    options.timeout = std::chrono::milliseconds(300);
    SandboxedExtractor extractor(options);
    const auto start = std::chrono::steady_clock::now();
    auto doc = extractor.Extract(CorpusDir() / kSmallPdf);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().kind() == kb::ErrorKind::kInvalidArgument);
    CHECK(Contains(doc.status().message(), "Trajectfinanciering.pdf"));
    CHECK(Contains(doc.status().message(), "longer than 0.3 s"));
    CHECK(elapsed < std::chrono::seconds(5));
    CHECK(NoChildren());
    // A second file gets a fresh worker (which hangs again, and is again stopped).
    auto again = extractor.Extract(CorpusDir() / kSmallPdf);
    REQUIRE_FALSE(again.ok());
    CHECK(Contains(again.status().message(), "longer than"));
  }
  CHECK(NoChildren());
}

TEST_CASE("A crashing worker is reported with its signal", "[sandbox]") {
  {
    SandboxOptions options;
    options.worker_command = {"/bin/sh", "-c", "kill -SEGV $$"};
    options.timeout = std::chrono::seconds(10);
    SandboxedExtractor extractor(options);
    auto doc = extractor.Extract(CorpusDir() / kSmallPdf);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().kind() == kb::ErrorKind::kInvalidArgument);
    CHECK(Contains(doc.status().message(), "Trajectfinanciering.pdf"));
    CHECK(Contains(doc.status().message(), "signal 11"));
  }
  CHECK(NoChildren());
}

TEST_CASE("A reply header alone does not make the parent allocate its length", "[sandbox]") {
  // Found by fuzz/worker_protocol: a worker announcing a 496 MiB reply and dying made the
  // parent allocate and clear all of it before a single byte of it arrived.
  rusage before{};
  REQUIRE(::getrusage(RUSAGE_SELF, &before) == 0);
  {
    SandboxOptions options;
    options.worker_command = {"/bin/sh", "-c",
                              "head -c 4 >/dev/null; printf '\\037\\000\\000\\000'"};
    options.timeout = std::chrono::seconds(10);
    SandboxedExtractor extractor(options);
    auto doc = extractor.Extract(CorpusDir() / kSmallPdf);
    REQUIRE_FALSE(doc.ok());
    CHECK(Contains(doc.status().message(), "ended in the middle of a message"));
  }
  rusage after{};
  REQUIRE(::getrusage(RUSAGE_SELF, &after) == 0);
  CHECK(after.ru_maxrss - before.ru_maxrss < 64 * 1024);  // KiB
  CHECK(NoChildren());
}

TEST_CASE("A reply whose document breaks the field bounds is refused", "[sandbox]") {
  // A well-formed frame of valid JSON, but a 300-byte title: no sound worker sends it.
  kb::extract::testing::TempDir dir;
  const std::string json = R"({"ok":true,"doc":{"format":"pdf","title":")" + std::string(300, 't') +
                           R"(","authors":[],"organisation":"","date":"","kind":"rapport",)"
                           R"("language":"nl","encoding":"","pages":["tekst"]}})";
  std::string frame{static_cast<char>(json.size() >> 24), static_cast<char>(json.size() >> 16),
                    static_cast<char>(json.size() >> 8), static_cast<char>(json.size())};
  const auto reply = dir.Write("reply.bin", frame + json);
  SandboxOptions options;
  options.worker_command = {"/bin/sh", "-c",
                            "head -c 4 >/dev/null; cat '" + reply.string() + "'; sleep 5"};
  options.timeout = std::chrono::seconds(10);
  {
    SandboxedExtractor extractor(options);
    auto doc = extractor.Extract(CorpusDir() / kSmallPdf);
    REQUIRE_FALSE(doc.ok());
    CHECK(Contains(doc.status().message(), "unreadable reply"));
    CHECK(Contains(doc.status().message(), "Trajectfinanciering.pdf"));
  }
  CHECK(NoChildren());
}

TEST_CASE("After a crash the next file extracts with a new real worker", "[sandbox]") {
  // The worker crashes on its first request (it reads it, then kills itself), and every later
  // worker is the real one: the file after the crash must extract.
  kb::extract::testing::TempDir dir;
  const auto marker = dir.path() / "crashed-once";
  const std::string script =
      "if [ ! -e '" + marker.string() + "' ]; then touch '" + marker.string() +
      "'; head -c 4 >/dev/null; kill -SEGV $$; fi; exec '" + std::string(KB_EXTRACT_WORKER) + "'";
  SandboxOptions options;
  options.worker_command = {"/bin/sh", "-c", script};
  options.timeout = std::chrono::seconds(30);
  {
    SandboxedExtractor extractor(options);
    auto crashed = extractor.Extract(CorpusDir() / kSmallPdf);
    REQUIRE_FALSE(crashed.ok());
    CHECK(Contains(crashed.status().message(), "crashed"));
    auto next = extractor.Extract(CorpusDir() / "docs/ucto-encodings/encoding2.nl.txt");
    REQUIRE(next.ok());
    CHECK(Contains(next->pages[0], "\xC3\xA9\xC3\xA9n"));
  }
  CHECK(NoChildren());
}

TEST_CASE("A missing worker binary is an Internal error, not a crash", "[sandbox]") {
  SandboxOptions options;
  options.worker_command = {"/nonexistent/kb-extract-worker"};
  SandboxedExtractor extractor(options);
  auto doc = extractor.Extract(CorpusDir() / kSmallPdf);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().kind() == kb::ErrorKind::kInternal);
  CHECK(Contains(doc.status().message(), "kb-extract-worker"));
}

TEST_CASE("The worker limits its own address space", "[sandbox]") {
  // The real worker, idle on a pipe: its limits as the kernel reports them. A worker built with
  // AddressSanitizer runs without the limit (see kWorkerLimitsAddressSpace), which this checks
  // as well: under one it could not allocate at all.
  const std::string expected = kb::extract::kWorkerLimitsAddressSpace
                                   ? std::to_string(kb::extract::kWorkerAddressSpaceBytes)
                                   : std::string("unlimited");
  int to_worker[2];
  REQUIRE(::pipe(to_worker) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(to_worker[0], STDIN_FILENO);
    ::close(to_worker[1]);
    ::execl(KB_EXTRACT_WORKER, KB_EXTRACT_WORKER, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(to_worker[0]);
  std::string limits;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
    limits.assign(std::istreambuf_iterator<char>(in), {});
    if (limits.find("Max address space") != std::string::npos &&
        limits.find(expected) != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::close(to_worker[1]);  // EOF: the worker exits
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO(limits);
  const size_t line = limits.find("Max address space");
  REQUIRE(line != std::string::npos);
  CHECK(limits.substr(line, limits.find('\n', line) - line).find(expected) != std::string::npos);
  CHECK(WIFEXITED(status));
}

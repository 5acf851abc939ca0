// Fuzzes the editorial import (`kb-admin import FILE`, Backup::ImportJson): the export
// file's parser (ExportData::Parse, which checks every entry before anything is written) and,
// for a file it accepts, the import itself into a fresh, empty store. The store promises that an
// export can be imported again, so after a successful import its export must parse too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "export_data.h"
#include "kb/editorial/store.h"
#include "process.h"

namespace {

namespace fs = std::filesystem;
using kb::editorial::EditorialStore;
using kb::editorial::ExportData;

void Require(bool condition, const char* what, const std::string& detail = "") {
  if (condition) return;
  std::fprintf(stderr, "broken contract: %s %s\n", what, detail.c_str());
  std::abort();
}

// A fresh store per accepted input keeps every run independent of the inputs before it (so a
// crash reproduces from its one input); the folder lives as long as the run.
fs::path FreshStorePath() {
  static kb::test::TempDir dir;
  const fs::path file = fs::path(dir.path()) / "store.sqlite";
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix, ignored);
  return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  // ImportJson parses first and writes nothing when the file is refused; only an accepted file
  // is worth a store.
  if (!ExportData::Parse(file).ok()) return 0;
  auto store = EditorialStore::Open(FreshStorePath());
  Require(store.ok(), "cannot open a fresh store:", store.status().ToString());
  const kb::Status imported = (*store)->backup().ImportJson(file, "kb-admin");
  if (!imported.ok()) return 0;
  auto exported = (*store)->backup().ExportJson();
  Require(exported.ok(), "the store cannot export what it imported:", exported.status().ToString());
  auto reread = ExportData::Parse(*exported);
  Require(reread.ok(), "the export of an import does not parse:", reread.status().ToString());
  return 0;
}

// kb-admin: the operator's command line for the editorial store (issue 7): editors, export and
// import. Exit codes: 0 done, 1 the action failed (the message says why), 2 the command line is
// wrong.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "kb/core/command_line.h"

#include "kb/editing/editor_accounts.h"
#include "kb/editorial/store.h"

namespace {

namespace fs = std::filesystem;
using kb::editing::EditorAccounts;
using kb::editorial::EditorialStore;

constexpr int kFailed = 1;
constexpr int kUsage = 2;

int Fail(const std::string& message, int code = kFailed) {
  std::fprintf(stderr, "kb-admin: %s\n", message.c_str());
  return code;
}

// What the operator chose on the command line.
struct Command {
  std::string store;       // --store FILE
  std::string db;          // --db INDEXDIR
  std::string name;        // editor add/remove NAME
  std::string file;        // export [FILE], import FILE
  std::string public_url;  // editor add --public-url URL: where editors log in
};

// The store file: --store, or the default beside --db's index folder.
fs::path StorePath(const Command& c) {
  return c.store.empty() ? EditorialStore::DefaultPathFor(c.db) : fs::path(c.store);
}

// Opens the store. Reading commands refuse a missing file rather than create an empty store
// where the operator probably mistyped the path.
kb::Result<std::unique_ptr<EditorialStore>> OpenStore(const Command& c, bool may_create) {
  const fs::path path = StorePath(c);
  if (!may_create && !fs::exists(path)) {
    const std::string option = c.store.empty() ? "--db " + c.db : "--store " + c.store;
    return kb::Status::NotFound("de redactieopslag " + path.string() + " bestaat niet (" + option +
                                "); controleer het pad of maak eerst een redacteur aan");
  }
  return EditorialStore::Open(path);
}

int AddEditor(const Command& c) {
  auto store = OpenStore(c, true);
  if (!store.ok()) return Fail(store.status().message());
  auto token = EditorAccounts((*store)->connection()).AddEditor(c.name);
  if (!token.ok()) return Fail(token.status().message());
  // Where to log in: the address kb-searchd is reached at, when the operator gives it.
  std::string login = "/redactie op de zoekserver (het adres van kb-searchd --public-url)";
  if (!c.public_url.empty()) {
    std::string base = c.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    login = base + "/redactie";
  }
  std::printf(
      "Redacteur \"%s\" is toegevoegd. Het token hieronder wordt maar één keer getoond; geef "
      "het veilig door:\n\n%s\n\nInloggen: open %s en vul dit token in.\n",
      c.name.c_str(), token->c_str(), login.c_str());
  return 0;
}

int RemoveEditor(const Command& c) {
  auto store = OpenStore(c, false);
  if (!store.ok()) return Fail(store.status().message());
  if (kb::Status s = EditorAccounts((*store)->connection()).RemoveEditor(c.name); !s.ok()) {
    return Fail(s.message());
  }
  std::printf("Redacteur \"%s\" is verwijderd; het token en alle sessies zijn ongeldig.\n",
              c.name.c_str());
  return 0;
}

int ListEditors(const Command& c) {
  auto store = OpenStore(c, false);
  if (!store.ok()) return Fail(store.status().message());
  auto editors = EditorAccounts((*store)->connection()).Editors();
  if (!editors.ok()) return Fail(editors.status().message());
  if (editors->empty())
    std::printf("Nog geen redacteuren; maak er een met `kb-admin editor add NAAM`.\n");
  for (const auto& e : *editors) {
    std::printf("%-24s aangemaakt %s  %s\n", e.name.c_str(), e.created.c_str(),
                e.active ? "actief" : "verwijderd");
  }
  return 0;
}

// Writes beside the target and renames, so an interrupted export never leaves half a backup.
kb::Status WriteFileAtomically(const fs::path& file, const std::string& text) {
  const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      return kb::Status::Unavailable("kan " + file.string() +
                                     " niet schrijven; bestaat de map en is die schrijfbaar?");
    }
  }
  std::error_code ec;
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return kb::Status::Unavailable("kan " + file.string() + " niet schrijven: " + ec.message());
  }
  return kb::Status::Ok();
}

int Export(const Command& c) {
  auto store = OpenStore(c, false);
  if (!store.ok()) return Fail(store.status().message());
  auto json = (*store)->backup().ExportJson();
  if (!json.ok()) return Fail(json.status().message());
  if (c.file.empty() || c.file == "-") {
    std::fwrite(json->data(), 1, json->size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : Fail("kan de export niet naar stdout schrijven");
  }
  if (kb::Status s = WriteFileAtomically(c.file, *json); !s.ok()) return Fail(s.message());
  std::printf("Redactiegegevens geëxporteerd naar %s.\n", c.file.c_str());
  return 0;
}

int Import(const Command& c) {
  std::ifstream in(c.file, std::ios::binary);
  if (!in) return Fail("kan het importbestand " + c.file + " niet lezen; bestaat het?");
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto store = OpenStore(c, true);
  if (!store.ok()) return Fail(store.status().message());
  if (kb::Status s = (*store)->backup().ImportJson(json, "kb-admin"); !s.ok()) {
    return Fail(c.file + ": " + s.message() + "; er is niets veranderd");
  }
  std::printf("%s geïmporteerd in %s; kb-searchd laat kb-indexer de wijzigingen toepassen.\n",
              c.file.c_str(), StorePath(c).string().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb-admin: beheert de redactieopslag (redacteuren, export en import)"};
  app.footer("Afsluitcode: 0 gelukt, 1 de actie mislukte, 2 de opdrachtregel klopt niet.");
  Command c;
  auto* store_option = app.add_option("--store", c.store, "De redactieopslag (SQLite-bestand)");
  auto* db_option = app.add_option(
      "--db", c.db, "Indexmap; de opslag is dan <indexmap>.editorial.sqlite ernaast");
  store_option->excludes(db_option);
  app.require_subcommand(1);

  auto* editor = app.add_subcommand("editor", "Redacteuren beheren");
  editor->require_subcommand(1);
  auto* add = editor->add_subcommand("add", "Redacteur toevoegen; toont het token één keer");
  add->add_option("NAME", c.name, "Naam: letters, cijfers, '.', '-', '_'")->required();
  // On the program itself, so that the configuration file's [common] public-url (which
  // kb-searchd reads too) names the address; still accepted after `editor add NAME`.
  app.add_option("--public-url", c.public_url,
                 "Het adres van de zoekserver voor gebruikers (als kb-searchd --public-url; ook "
                 "uit [common] van het configuratiebestand), bijv. https://zoek.example.nl; "
                 "`editor add` noemt dan waar de redacteur inlogt");
  editor->fallthrough();
  add->fallthrough();
  auto* remove =
      editor->add_subcommand("remove", "Redacteur verwijderen (token en sessies vervallen)");
  remove->add_option("NAME", c.name, "Naam van de redacteur")->required();
  auto* list = editor->add_subcommand("list", "Redacteuren tonen");
  auto* export_cmd = app.add_subcommand("export", "Alle redactiegegevens als JSON schrijven");
  export_cmd->add_option("FILE", c.file, "Doelbestand (zonder: standaarduitvoer)");
  auto* import_cmd = app.add_subcommand("import", "Een export inlezen (het bestand wint)");
  import_cmd->add_option("FILE", c.file, "Een bestand van `kb-admin export`")->required();

  kb::AddVersionFlag(app, "kb-admin");
  kb::AddConfigFile(app, "kb-admin");
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    (void)app.exit(e);  // prints CLI11's own explanation
    return Fail("ongeldige opdrachtregel; zie `kb-admin --help`", kUsage);
  }
  if (c.store.empty() == c.db.empty()) {
    return Fail("geef de redactieopslag met --store BESTAND of --db INDEXMAP", kUsage);
  }
  if (!c.public_url.empty() && c.public_url.rfind("http://", 0) != 0 &&
      c.public_url.rfind("https://", 0) != 0) {
    return Fail("--public-url: begin met http:// of https://, bijv. https://zoek.example.nl",
                kUsage);
  }
  if (add->parsed()) return AddEditor(c);
  if (remove->parsed()) return RemoveEditor(c);
  if (list->parsed()) return ListEditors(c);
  if (export_cmd->parsed()) return Export(c);
  if (import_cmd->parsed()) return Import(c);
  return Fail("onbekende opdracht; zie `kb-admin --help`", kUsage);
}

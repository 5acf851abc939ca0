// OLE compound files: Word 97-2003 documents (.doc) are read by Debian's antiword, run from the
// extraction worker as Omega and Recoll do (a hang or crash of the tool is the worker's, and
// the sandbox's time limit kills the worker's whole process group, the tool included); catdoc
// reads what antiword refuses (Word 6 and 95). A password-protected Word, Excel or PowerPoint
// file of any age is an OLE file with an "EncryptedPackage" stream, and is reported as such.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "format_extractors.h"
#include "spawn_handles.h"
#include "text_scan.h"
#include "unique_fd.h"

extern char** environ;

namespace kb::extract {
namespace {

// A tool's output beyond this is cut (the largest .doc of the format corpus gives 70 KB).
constexpr std::size_t kMaxToolOutputBytes = std::size_t{64} << 20;

// The stream names of the compound file's directory, as UTF-16LE: present anywhere in the file.
bool HasStream(std::string_view bytes, std::string_view name) {
  std::string utf16;
  for (const char c : name) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  return bytes.find(utf16) != std::string_view::npos;
}

struct ToolRun {
  int exit_code = -1;
  std::string output;
};

// Runs `argv` with stdout captured (up to kMaxToolOutputBytes) and stderr discarded.
Result<ToolRun> RunTool(std::vector<std::string> argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::Internal("cannot create a pipe");
  UniqueFd read_end(fds[0]);
  UniqueFd write_end(fds[1]);
  SpawnActions actions;
  posix_spawn_file_actions_adddup2(&actions.actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions.actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  pid_t child = -1;
  if (posix_spawnp(&child, args[0], &actions.actions, nullptr, args.data(), environ) != 0) {
    return Status::NotFound("'" + argv[0] + "' is not installed (Debian package " + argv[0] + ")");
  }
  write_end.Reset();
  ToolRun run;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    if (run.output.size() < kMaxToolOutputBytes)
      run.output.append(buffer, static_cast<std::size_t>(got));
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

std::string Describe(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

Result<RawExtraction> ExtractWord97(const std::filesystem::path& path) {
  std::string tool_error;
  for (std::vector<std::string> argv :
       {std::vector<std::string>{"antiword", "-m", "UTF-8.txt", "-w", "0", path.string()},
        std::vector<std::string>{"catdoc", "-d", "utf-8", "-w", path.string()}}) {
    auto run = RunTool(argv);
    if (!run.ok()) {
      tool_error = run.status().message();
      continue;
    }
    if (run->exit_code != 0 || scan::CountLetters(run->output) == 0) {
      tool_error =
          argv[0] + " could not read it (exit code " + std::to_string(run->exit_code) + ")";
      continue;
    }
    RawExtraction raw;
    raw.doc.format = "doc";
    // Form feeds are the page breaks the tools know of.
    std::string page;
    for (const char c : run->output) {
      if (c == '\f') {
        raw.doc.pages.push_back(std::move(page));
        page.clear();
      } else {
        page.push_back(c);
      }
    }
    raw.doc.pages.push_back(std::move(page));
    return raw;
  }
  return Status::InvalidArgument("Word 97-2003 document " + Describe(path) + " cannot be read: " +
                                 tool_error + "; save it as .docx and index that");
}

}  // namespace

Result<RawExtraction> ExtractOle(const std::filesystem::path& path, std::string_view bytes,
                                 const ExtractOptions& /*options*/) {
  if (HasStream(bytes, "EncryptedPackage") || HasStream(bytes, "EncryptionInfo")) {
    return Status::InvalidArgument("Office file " + Describe(path) +
                                   " is encrypted with a password: save it without one and "
                                   "index it again");
  }
  if (HasStream(bytes, "WordDocument")) return ExtractWord97(path);
  if (HasStream(bytes, "PowerPoint Document")) {
    return Status::InvalidArgument(Describe(path) +
                                   " is a PowerPoint 97-2003 file (.ppt), which is not indexed; "
                                   "save it as .pptx or PDF");
  }
  if (HasStream(bytes, "Workbook") || HasStream(bytes, "Book")) {
    return Status::InvalidArgument(Describe(path) +
                                   " is an Excel 97-2003 workbook, which is not indexed; export "
                                   "the sheets that matter as PDF");
  }
  return Status::InvalidArgument(Describe(path) +
                                 " is an OLE compound file but not a Word document (no "
                                 "WordDocument stream); check what program made it");
}

}  // namespace kb::extract

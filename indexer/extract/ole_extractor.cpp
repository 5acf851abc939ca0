// OLE compound files: Word 97-2003 documents (.doc) are read by Debian's antiword, run from the
// extraction worker as Omega and Recoll do (a hang or crash of the tool is the worker's, and
// the sandbox's time limit kills the worker's whole process group, the tool included); catdoc
// reads what antiword refuses (Word 6 and 95). antiword leaves out the reviewers' comments
// (Word's annotations) and the headers and footers, which catdoc prints after the text: those
// paragraphs (AddedParagraphs) follow antiword's text, headed "Opmerkingen en overige tekst:",
// without catdoc's field codes ("REF _Ref123 \h"). A password-protected Word, Excel or
// PowerPoint file of any age is an OLE file with an "EncryptedPackage" stream, and is reported
// as such.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "format_extractors.h"
#include "kb/analysis/text_fold.h"
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

// Word's field instructions as catdoc prints them: a keyword in capitals, bookmarks, switches.
bool IsFieldCode(std::string_view word) {
  static const std::set<std::string_view> kKeywords = {
      "ARABIC",      "EMBED",   "FORMCHECKBOX", "FORMTEXT", "HYPERLINK", "INCLUDEPICTURE",
      "MERGEFORMAT", "NOTEREF", "NUMPAGES",     "PAGE",     "PAGEREF",   "REF",
      "SEQ",         "SHAPE",   "STYLEREF",     "TOC",      "XE"};
  // A bookmark in quotes ("_Toc523226641") is one too.
  while (word.size() > 1 && word.front() == '"' && word.back() == '"') {
    word = word.substr(1, word.size() - 2);
  }
  return kKeywords.count(word) > 0 || word.front() == '\\' || word.front() == '_' ||
         word.front() == '*';
}

// The words of a paragraph, field codes left out, as they stand and folded to their letters.
struct ParagraphWords {
  std::string text;
  std::vector<std::string> folded;
};

ParagraphWords WordsOf(std::string_view paragraph) {
  ParagraphWords out;
  std::size_t i = 0;
  while (i < paragraph.size()) {
    while (i < paragraph.size() && scan::IsAsciiSpace(paragraph[i])) ++i;
    std::size_t end = i;
    while (end < paragraph.size() && !scan::IsAsciiSpace(paragraph[end])) ++end;
    const std::string_view word = paragraph.substr(i, end - i);
    i = end;
    if (word.empty() || IsFieldCode(word)) continue;
    if (!out.text.empty()) out.text.push_back(' ');
    out.text.append(word);
    std::string letters;
    for (const char c : analysis::Folded(word)) {
      if (scan::IsWordByte(c)) letters.push_back(c);
    }
    if (!letters.empty()) out.folded.push_back(std::move(letters));
  }
  return out;
}

// Runs of `n` words, each as one string.
std::vector<std::string> Shingles(const std::vector<std::string>& words, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::string shingle = words[i];
    for (std::size_t j = 1; j < n; ++j) shingle += ' ' + words[i + j];
    out.push_back(std::move(shingle));
  }
  return out;
}

// The paragraphs at the end of `other` that `text` does not hold: what catdoc reads after
// Word's main text and footnotes (headers and footers, the reviewers' comments) and antiword
// leaves out. A paragraph is new when more than half its runs of three words (of one or two
// for a shorter one) do not occur in `text`, so a comment that repeats the text's words is new
// and a paragraph both tools read, around a field code, is not. Only those after the last
// paragraph both read: catdoc's cells of a table or a table of contents, which antiword lays
// out otherwise, stay out.
std::vector<std::string> AddedParagraphs(std::string_view text, std::string_view other) {
  const std::vector<std::string> text_words = WordsOf(text).folded;
  std::array<std::set<std::string>, 3> known;
  for (std::size_t n = 1; n <= 3; ++n) {
    for (std::string& shingle : Shingles(text_words, n)) known[n - 1].insert(std::move(shingle));
  }
  std::vector<std::string> added;
  std::size_t start = 0;
  while (start < other.size()) {
    std::size_t end = other.find('\n', start);
    if (end == std::string_view::npos) end = other.size();
    ParagraphWords words = WordsOf(other.substr(start, end - start));
    start = end + 1;
    if (words.folded.empty()) continue;
    const std::size_t n = std::min<std::size_t>(3, words.folded.size());
    const std::vector<std::string> shingles = Shingles(words.folded, n);
    std::size_t seen = 0;
    for (const std::string& shingle : shingles) seen += known[n - 1].count(shingle);
    if (seen * 2 < shingles.size()) {
      added.push_back(std::move(words.text));
    } else {
      added.clear();  // both read this one: what came before it is not the end
    }
  }
  return added;
}

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
    if (argv[0] == "antiword") {
      // catdoc's text, for what antiword leaves out; without catdoc, antiword's alone.
      auto other = RunTool({"catdoc", "-d", "utf-8", "-w", path.string()});
      if (other.ok() && other->exit_code == 0) {
        const auto added = AddedParagraphs(run->output, other->output);
        if (!added.empty()) run->output += "\n\nOpmerkingen en overige tekst:\n";
        for (const std::string& paragraph : added) run->output += paragraph + "\n";
      }
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

// Test support: run a program, capture its output, or start it in the background; temporary
// folders and files.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kb::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs argv to completion, capturing stdout and stderr.
ProcessResult Run(const std::vector<std::string>& argv);

// Starts argv with stdout/stderr to /dev/null; returns its pid.
pid_t Start(const std::vector<std::string>& argv);

// Waits for pid; returns the ProcessResult without output.
ProcessResult Wait(pid_t pid);

// A fresh empty temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A temporary file holding `content`, named with `suffix` (e.g. ".toml"), removed by the
// destructor.
class TempFile {
 public:
  TempFile(const std::string& content, const std::string& suffix);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace kb::test

// Writes that never leave a half-written file or directory behind: everything goes to a
// temporary name in the same directory, is fsync'ed, then renamed over the target.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace mnemo::io {

namespace fs = std::filesystem;

// Streams bytes to `<target>.tmp-<pid>`; commit() makes them appear at `target` in one
// rename. Destroyed without commit() (an error, an exception), it removes the temporary
// file and leaves any existing `target` untouched.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(fs::path target);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  void write(const void* data, size_t size);
  void write(std::string_view bytes) { write(bytes.data(), bytes.size()); }
  void commit();

 private:
  fs::path target_;
  fs::path temporary_;
  int fd_ = -1;
};

void write_file_atomic(const fs::path& target, std::string_view bytes);

// Whole file as bytes; the error names the file.
std::string read_file(const fs::path& path);

// fsync of a directory, so that renames inside it survive a power cut.
void fsync_directory(const fs::path& directory);

// Builds a directory under a temporary sibling name; commit() swaps it in for `target`
// atomically (renameat2 RENAME_EXCHANGE where the filesystem has it), so readers see the
// old directory or the new one, never a mix. Without commit() the staging is removed.
class AtomicDirectory {
 public:
  explicit AtomicDirectory(fs::path target);
  AtomicDirectory(const AtomicDirectory&) = delete;
  AtomicDirectory& operator=(const AtomicDirectory&) = delete;
  ~AtomicDirectory();

  // Where to write the files of the new directory.
  const fs::path& staging() const { return staging_; }
  const fs::path& target() const { return target_; }
  // Writes one file of the new directory (itself atomically, then fsync'ed).
  void write_file(const std::string& name, std::string_view bytes) const;
  void commit();

 private:
  fs::path target_;
  fs::path staging_;
  bool committed_ = false;
};

}  // namespace mnemo::io

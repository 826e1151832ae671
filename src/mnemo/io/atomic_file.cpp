#include "mnemo/io/atomic_file.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "mnemo/core/error.h"

namespace mnemo::io {
namespace {

std::string errno_text() { return std::strerror(errno); }

fs::path sibling(const fs::path& target, const char* tag) {
  static int counter = 0;
  fs::path name = target.filename();
  name += std::string(tag) + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return target.parent_path() / name;
}

fs::path parent_or_dot(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// renameat2(RENAME_EXCHANGE) through syscall(): glibc 2.36 has no wrapper in every header.
bool exchange_paths(const fs::path& a, const fs::path& b) {
#ifdef SYS_renameat2
  constexpr unsigned kRenameExchange = 1u << 1;
  return ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), kRenameExchange) == 0;
#else
  (void)a;
  (void)b;
  return false;
#endif
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(fs::path target)
    : target_(std::move(target)), temporary_(sibling(target_, ".tmp-")) {
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw file_error(target_.string(), "cannot create temporary file: " + errno_text());
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temporary_.c_str());
  }
}

void AtomicFileWriter::write(const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t written = ::write(fd_, bytes, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) throw file_error(target_.string(), "write failed: " + errno_text());
    bytes += written;
    size -= static_cast<size_t>(written);
  }
}

void AtomicFileWriter::commit() {
  if (::fsync(fd_) != 0) throw file_error(target_.string(), "fsync failed: " + errno_text());
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    ::unlink(temporary_.c_str());
    throw file_error(target_.string(), "close failed: " + errno_text());
  }
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    std::string reason = errno_text();
    ::unlink(temporary_.c_str());
    throw file_error(target_.string(), "rename failed: " + reason);
  }
  fsync_directory(parent_or_dot(target_));
}

void write_file_atomic(const fs::path& target, std::string_view bytes) {
  AtomicFileWriter writer(target);
  writer.write(bytes);
  writer.commit();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw file_error(path.string(), "cannot open for reading: " + errno_text());
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw file_error(path.string(), "read failed");
  return content.str();
}

void fsync_directory(const fs::path& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw file_error(directory.string(), "cannot open directory: " + errno_text());
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0 && errno != EINVAL)  // some filesystems cannot fsync directories
    throw file_error(directory.string(), "fsync failed: " + errno_text());
}

AtomicDirectory::AtomicDirectory(fs::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();  // "dir/" -> "dir"
  staging_ = sibling(target_, ".partial-");
  std::error_code error;
  fs::create_directories(parent_or_dot(target_), error);
  if (error)
    throw file_error(target_.string(), "cannot create parent directory: " + error.message());
  if (!fs::create_directory(staging_, error) || error)
    throw file_error(staging_.string(), "cannot create directory: " + error.message());
}

AtomicDirectory::~AtomicDirectory() {
  std::error_code ignored;
  if (!committed_) fs::remove_all(staging_, ignored);
}

void AtomicDirectory::write_file(const std::string& name, std::string_view bytes) const {
  write_file_atomic(staging_ / name, bytes);
}

void AtomicDirectory::commit() {
  fsync_directory(staging_);
  std::error_code error;
  if (fs::exists(target_, error)) {
    if (!fs::is_directory(target_))
      throw file_error(target_.string(), "exists and is not a directory; not replacing it");
    if (exchange_paths(staging_, target_)) {
      committed_ = true;
      fsync_directory(parent_or_dot(target_));
      fs::remove_all(staging_, error);  // now holds the old directory
      return;
    }
    // No RENAME_EXCHANGE here: move the old one aside first (a short window without target).
    fs::path old = sibling(target_, ".old-");
    fs::rename(target_, old, error);
    if (error)
      throw file_error(target_.string(), "cannot move old directory aside: " + error.message());
    fs::rename(staging_, target_, error);
    if (error) {
      fs::rename(old, target_);
      throw file_error(target_.string(),
                       "cannot rename new directory into place: " + error.message());
    }
    committed_ = true;
    fsync_directory(parent_or_dot(target_));
    fs::remove_all(old, error);
    return;
  }
  fs::rename(staging_, target_, error);
  if (error)
    throw file_error(target_.string(),
                     "cannot rename new directory into place: " + error.message());
  committed_ = true;
  fsync_directory(parent_or_dot(target_));
}

}  // namespace mnemo::io

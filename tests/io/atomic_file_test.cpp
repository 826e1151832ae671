#include "mnemo/io/atomic_file.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::io {
namespace {

using testing::ScratchDir;

size_t entries_in(const fs::path& directory) {
  return static_cast<size_t>(
      std::distance(fs::directory_iterator(directory), fs::directory_iterator()));
}

TEST(AtomicFile, ReplacesTheTargetAndLeavesNoTemporaryFile) {
  ScratchDir dir;
  write_file_atomic(dir / "a.txt", "old");
  write_file_atomic(dir / "a.txt", "new");
  EXPECT_EQ(read_file(dir / "a.txt"), "new");
  EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(AtomicFile, AnAbandonedWriteKeepsTheOldFile) {
  ScratchDir dir;
  write_file_atomic(dir / "a.txt", "old");
  {
    AtomicFileWriter writer(dir / "a.txt");
    writer.write("half of the new");
  }  // destroyed without commit(), as when an exception unwinds
  EXPECT_EQ(read_file(dir / "a.txt"), "old");
  EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(AtomicFile, AFullDiskIsAnErrorNamingTheFileAndKeepsTheOldOne) {
  ScratchDir dir;
  write_file_atomic(dir / "model.bin", "old contents");
  // A child process whose file-size limit runs out plays the full disk (EFBIG like ENOSPC).
  const pid_t child = ::fork();
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {
      4096, 4096
    };
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      write_file_atomic(dir / "model.bin", std::string(1 << 20, 'x'));
      ::_exit(1);
    } catch (const Error& e) {
      ::_exit(std::string(e.what()).find("model.bin") != std::string::npos ? 0 : 2);
    }
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: no error; 2: error did not name the file";
  EXPECT_EQ(read_file(dir / "model.bin"), "old contents");
  EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(AtomicDirectory, CommitReplacesAWholeDirectory) {
  ScratchDir dir;
  {
    AtomicDirectory first(dir / "model");
    first.write_file("config.json", "{1}");
    first.write_file("old-only", "x");
    first.commit();
  }
  AtomicDirectory second(dir / "model");
  second.write_file("config.json", "{2}");
  second.commit();
  EXPECT_EQ(read_file(dir / "model" / "config.json"), "{2}");
  EXPECT_FALSE(fs::exists(dir / "model" / "old-only"));
  EXPECT_EQ(entries_in(dir.path()), 1u) << "staging and old copies are gone";
}

TEST(AtomicDirectory, WithoutCommitTheTargetIsUntouched) {
  ScratchDir dir;
  {
    AtomicDirectory first(dir / "model");
    first.write_file("config.json", "{1}");
    first.commit();
  }
  {
    AtomicDirectory abandoned(dir / "model");
    abandoned.write_file("config.json", "{2}");
  }
  EXPECT_EQ(read_file(dir / "model" / "config.json"), "{1}");
  EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(AtomicDirectory, AKillDuringSavingNeverLeavesABrokenDirectory) {
  ScratchDir dir;
  const std::string payload(1 << 16, 'p');
  for (int attempt = 0; attempt < 8; ++attempt) {
    const pid_t child = ::fork();
    if (child == 0) {
      for (int generation = 0;; ++generation) {  // saves complete directories until killed
        AtomicDirectory out(dir / "model");
        for (int file = 0; file < 8; ++file) out.write_file("part" + std::to_string(file), payload);
        out.write_file("complete", std::to_string(generation));
        out.commit();
      }
    }
    // Kill only after the first commit, however slow the disk, so that every attempt checks
    // a directory that a kill interrupted while it was being replaced.
    for (int waited = 0; !fs::exists(dir / "model" / "complete") && waited < 2000; ++waited)
      ::usleep(5000);
    ::usleep(3000 + 7000 * attempt);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    ASSERT_TRUE(fs::exists(dir / "model")) << "no commit within 10 s, attempt " << attempt;
    EXPECT_TRUE(fs::exists(dir / "model" / "complete")) << "attempt " << attempt;
    EXPECT_EQ(entries_in(dir / "model"), 9u) << "attempt " << attempt;
  }
}

}  // namespace
}  // namespace mnemo::io

// Score CSVs: round trip, resuming after a torn write, and errors naming file and line.
#include "mnemo/memorization/score_file.h"

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "test_support.h"

namespace mnemo::memorization {
namespace {

using testing::error_of;
using testing::ScratchDir;

TEST(ScoreFile, AppendsAndReadsBack) {
  ScratchDir dir;
  {
    ScoreWriter writer(dir / "s.csv");
    writer.append({{3, 1.0}, {4, 0.25}});
    writer.append({{5, 1.0 / 3.0}});
  }
  const auto scores = read_scores(dir / "s.csv");
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_DOUBLE_EQ(scores.at(4), 0.25);
  EXPECT_DOUBLE_EQ(scores.at(5), 1.0 / 3.0);
  EXPECT_EQ(io::read_file(dir / "s.csv").substr(0, 12), "index,score\n");
}

TEST(ScoreFile, ResumingCutsATornLineAndRefusesARepeat) {
  ScratchDir dir;
  io::write_file_atomic(dir / "s.csv", "index,score\n0,1\n1,0.5\n2,0.1");  // killed mid-row
  ScoreWriter writer(dir / "s.csv");
  EXPECT_EQ(writer.written().size(), 2u);
  writer.append({{2, 0.125}});
  EXPECT_NE(error_of([&] {
              writer.append({{1, 1.0}});
            }).find("sequence 1 is already scored"),
            std::string::npos);
  EXPECT_EQ(io::read_file(dir / "s.csv"), "index,score\n0,1\n1,0.5\n2,0.125\n");
}

TEST(ScoreFile, BadFilesAreErrorsNamingTheLine) {
  ScratchDir dir;
  const auto message_for = [&](const std::string& text) {
    io::write_file_atomic(dir / "s.csv", text);
    return error_of([&] { read_scores(dir / "s.csv"); });
  };
  EXPECT_NE(message_for("idx,value\n").find("s.csv: line 1 should be the header"),
            std::string::npos);
  EXPECT_NE(message_for("index,score\n0,1\n1,x\n").find("line 3: expected 'index,score'"),
            std::string::npos);
  EXPECT_NE(message_for("index,score\n0,1.5\n").find("line 2: score 1.5"), std::string::npos);
  EXPECT_NE(message_for("index,score\n0,1\n0,1\n").find("line 3: sequence 0 appears twice"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::memorization

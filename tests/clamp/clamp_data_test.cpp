// Music-text data, the split, text dropout, the synthetic tunes, retrieval and
// classification metrics.
#include <gtest/gtest.h>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/retrieval.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/clamp/zero_shot.h"
#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::clamp {
namespace {

TEST(MusicTextData, JsonRoundTripsAndBadEntriesNameTheFileAndEntry) {
  testing::ScratchDir dir;
  const auto tunes = synthetic_tunes(1, 5);
  write_music_text_json(dir / "tunes.json", tunes);
  const auto read = read_music_text_json(dir / "tunes.json");
  ASSERT_EQ(read.size(), 5u);
  EXPECT_EQ(read[3].music, tunes[3].music);
  EXPECT_EQ(read[3].text, tunes[3].text);

  testing::write_text(dir / "bad.json", R"([{"title": "a", "music": "K:C\nab|\n"}, {"title": 3}])");
  try {
    read_music_text_json(dir / "bad.json");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json: entry 1: 'title' is not a string"),
              std::string::npos)
        << e.what();
  }
  testing::write_text(dir / "empty.json", "[]");
  EXPECT_THROW(read_music_text_json(dir / "empty.json"), Error);
}

TEST(MusicTextData, TheSplitDependsOnTitleAndArtistOnlyAndIsRoughly80_10_10) {
  const auto tunes = synthetic_tunes(2, 2000);
  std::map<DataSplit, int> counts;
  for (const auto& tune : tunes) ++counts[split_of(tune)];
  EXPECT_NEAR(counts[DataSplit::train], 1600, 80);
  EXPECT_NEAR(counts[DataSplit::validation], 200, 45);
  EXPECT_NEAR(counts[DataSplit::test], 200, 45);
  MusicTextPair other = tunes[0];
  other.music = "K:C\nabc|\n";
  other.text = "something else";
  EXPECT_EQ(split_of(other), split_of(tunes[0]));
  EXPECT_EQ(select_split(tunes, DataSplit::all).size(), tunes.size());
}

TEST(MusicTextData, TextDropoutKeepsAShuffledNonEmptySubset) {
  const MusicTextPair pair{"Title", "Artist", "Jazz", "K:C\nab|\n",
                           "First sentence. Second one! Third? Title"};
  const auto candidates = candidate_texts(pair);
  EXPECT_EQ(candidates, (std::vector<std::string>{"Title", "Artist", "Jazz", "First sentence.",
                                                  "Second one!", "Third?"}));
  std::set<size_t> sizes;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    tasks::Random random(seed);
    const auto kept = drop_texts(candidates, random);
    ASSERT_FALSE(kept.empty());
    for (const auto& text : kept)
      EXPECT_NE(std::find(candidates.begin(), candidates.end(), text), candidates.end());
    sizes.insert(kept.size());
  }
  EXPECT_GE(sizes.size(), 4u);  // subsets of many sizes, not all or nothing
}

TEST(SyntheticTunes, MusicAndTextAgreeAndAreReproducible) {
  const std::map<std::string, std::string> meters = {{"reel", "M:4/4"},
                                                     {"jig", "M:6/8"},
                                                     {"waltz", "M:3/4"},
                                                     {"march", "M:2/4"},
                                                     {"slip jig", "M:9/8"}};
  std::set<std::string> seen;
  for (int64_t i = 0; i < 60; ++i) {
    const auto tune = synthetic_tune(5, i);
    EXPECT_EQ(tune.music, synthetic_tune(5, i).music);
    seen.insert(tune.genre);
    EXPECT_NE(tune.music.find(meters.at(tune.genre) + "\n"), std::string::npos) << tune.music;
    EXPECT_NE(tune.text.find(" " + tune.genre + " in "), std::string::npos) << tune.text;
    const auto patches = abc_to_patches(tune.music, {}, tune.title);
    EXPECT_GE(patches.size(), 8u + 5u);  // 8 or 16 bars, 5 header lines kept, an end patch
  }
  EXPECT_EQ(seen.size(), synthetic_tune_types().size());
  EXPECT_NE(synthetic_tune(5, 0).music, synthetic_tune(6, 0).music);
}

TEST(Retrieval, RanksCountTiesAgainstTheQuery) {
  // Query 0: right key ranked 1st; query 1: 2nd; query 2: tied with two others -> 3rd.
  const auto scores = torch::tensor({{0.9, 0.1, 0.2}, {0.5, 0.4, 0.1}, {0.3, 0.3, 0.3}});
  const auto metrics = retrieval_metrics(scores, {0, 1, 2});
  EXPECT_EQ(metrics.queries, 3);
  EXPECT_NEAR(metrics.mrr, (1.0 + 0.5 + 1.0 / 3) / 3, 1e-9);
  EXPECT_NEAR(metrics.hit_at_1, 1.0 / 3, 1e-9);
  EXPECT_NEAR(metrics.hit_at_10, 1.0, 1e-9);
  const auto chance = chance_retrieval_metrics(4);
  EXPECT_NEAR(chance.mrr, (1 + 0.5 + 1.0 / 3 + 0.25) / 4, 1e-12);
  EXPECT_NEAR(chance.hit_at_1, 0.25, 1e-12);
}

TEST(ZeroShot, MetricsAndPrompts) {
  const auto metrics = classification_metrics({0, 0, 1, 2}, {0, 1, 1, 1}, 4);
  EXPECT_NEAR(metrics.accuracy, 0.5, 1e-12);
  // F1: label 0 = 2*1/(2+1), label 1 = 2*1/(1+3), label 2 = 0; label 3 never occurs.
  EXPECT_NEAR(metrics.macro_f1, (2.0 / 3 + 0.5 + 0) / 3, 1e-12);
  EXPECT_EQ(label_prompt("This is a {label} song.", "Jazz"), "This is a Jazz song.");
  EXPECT_THROW(label_prompt("no slot", "Jazz"), Error);
}

}  // namespace
}  // namespace mnemo::clamp

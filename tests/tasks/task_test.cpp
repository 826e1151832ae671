#include "mnemo/tasks/task.h"

#include <gtest/gtest.h>

#include <set>

#include "mnemo/core/error.h"
#include "task_world.h"

namespace mnemo::tasks {
namespace {

using testing::TaskWorld;
using testing::words;

constexpr int64_t kUsable = 40;

// The marker words ("s17") of the noise sentences in a sample.
std::set<std::string> markers(const std::string& text) {
  std::set<std::string> found;
  std::stringstream stream(text);
  for (std::string word; stream >> word;)
    if (word.size() > 1 && word[0] == 's' && std::isdigit(static_cast<unsigned char>(word[1])))
      found.insert(word);
  return found;
}

TEST(Task, SamplesHaveExactLengthFactsWhereAskedAndTheQuestionLast) {
  const TaskWorld world;
  for (const auto kind : {TaskKind::memorize, TaskKind::detect, TaskKind::reasoning}) {
    for (const auto position :
         {FactPosition::start, FactPosition::segment, FactPosition::sentence}) {
      if ((kind == TaskKind::memorize) != (position == FactPosition::start)) continue;
      TaskSpec spec;
      spec.kind = kind;
      spec.position = position;
      const auto generator = world.generator(spec);
      for (uint64_t seed = 0; seed < 50; ++seed) {
        for (const int64_t segments : {1, 3, 7}) {
          auto random = Random::keyed({seed, static_cast<uint64_t>(segments)});
          const auto sample = generator.generate(random, Split::train, segments, kUsable);
          ASSERT_EQ(sample.tokens.size(), static_cast<size_t>(segments * kUsable));
          ASSERT_EQ(sample.fact_offsets.size(), kind == TaskKind::reasoning ? 2u : 1u);
          const auto text = words(*world.tokenizer, sample.tokens);
          const auto question =
              words(*world.tokenizer,
                    {sample.tokens.begin() + sample.question_offset, sample.tokens.end()});
          EXPECT_TRUE(question.rfind("where is", 0) == 0 || question.rfind("what is", 0) == 0)
              << question;
          EXPECT_EQ(question.back(), '?');
          const auto& answer = generator.labels()[sample.label];
          if (kind != TaskKind::reasoning) {
            // The fact names the person the question asks about and the answer.
            const auto fact_end = std::find(sample.tokens.begin() + sample.fact_offsets[0],
                                            sample.tokens.end(), *world.tokenizer->token_id("."));
            const auto fact =
                words(*world.tokenizer, {sample.tokens.begin() + sample.fact_offsets[0], fact_end});
            EXPECT_NE(fact.find(question.substr(9, question.size() - 11)), std::string::npos)
                << fact;
            EXPECT_EQ(fact.substr(fact.rfind(' ') + 1), answer) << fact;
          }
          for (size_t i = 0; i < sample.fact_offsets.size(); ++i) {
            const size_t offset = sample.fact_offsets[i];
            if (position == FactPosition::start) EXPECT_EQ(offset, 0u);
            // At a segment start, unless it follows a fact drawn for the same segment.
            if (position == FactPosition::segment &&
                (i == 0 || offset - sample.fact_offsets[i - 1] > 10))
              EXPECT_EQ(offset % kUsable, 0u) << text;
            if (position == FactPosition::sentence && offset > 0) {
              // A sentence boundary: right after a full stop (of noise or of a fact).
              EXPECT_EQ(world.tokenizer->token(sample.tokens[offset - 1]), ".") << text;
            }
          }
        }
      }
    }
  }
}

TEST(Task, DetectPutsFactsInEverySegment) {
  const TaskWorld world;
  TaskSpec spec;
  spec.kind = TaskKind::detect;
  spec.position = FactPosition::segment;
  const auto generator = world.generator(spec);
  std::set<size_t> segments_used;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    Random random(seed);
    segments_used.insert(generator.generate(random, Split::train, 4, 20).fact_offsets[0] / 20);
  }
  EXPECT_EQ(segments_used, (std::set<size_t>{0, 1, 2, 3}));
}

TEST(Task, SameRandomStreamSameSample) {
  const TaskWorld world;
  TaskSpec spec;
  spec.kind = TaskKind::reasoning;
  spec.position = FactPosition::sentence;
  const auto generator = world.generator(spec);
  auto first = Random::keyed({1, 2, 3});
  auto second = Random::keyed({1, 2, 3});
  auto other = Random::keyed({1, 2, 4});
  const auto a = generator.generate(first, Split::train, 5, kUsable);
  EXPECT_EQ(a.tokens, generator.generate(second, Split::train, 5, kUsable).tokens);
  EXPECT_NE(a.tokens, generator.generate(other, Split::train, 5, kUsable).tokens);
}

TEST(Task, TrainingAndValidationNoiseShareNoSentence) {
  const TaskWorld world;
  const auto generator = world.generator(TaskSpec{});
  std::set<std::string> train, validation;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    Random random(seed);
    for (const auto& m :
         markers(words(*world.tokenizer, generator.generate(random, Split::train, 4, 30).tokens)))
      train.insert(m);
    for (const auto& m : markers(
             words(*world.tokenizer, generator.generate(random, Split::validation, 4, 30).tokens)))
      validation.insert(m);
  }
  EXPECT_GT(train.size(), 100u);
  EXPECT_GE(validation.size(), 15u);
  for (const auto& m : validation) EXPECT_FALSE(train.count(m)) << m;
  EXPECT_EQ(world.noise->sentences(Split::validation), TaskWorld::kNoiseSentences / 10u);
}

TEST(Task, TooShortForTheFactsIsAnError) {
  const TaskWorld world;
  TaskSpec spec;
  spec.kind = TaskKind::reasoning;
  spec.position = FactPosition::segment;
  Random random(0);
  EXPECT_THROW(world.generator(spec).generate(random, Split::train, 1, 8), Error);
}

TEST(Task, BabiFactsAreHiddenAndUnknownAnswersRefused) {
  const TaskWorld world;
  testing::write_text(world.dir / "qa.txt",
                      "1 Mary moved to the bathroom.\n2 John went to the hallway.\n"
                      "3 Where is Mary? \tbathroom\t1\n4 Where is John? \thallway\t2\n"
                      "1 Sandra went to the kitchen.\n2 Where is Sandra? \tkitchen\t1\n");
  TaskSpec spec;
  spec.kind = TaskKind::babi;
  spec.position = FactPosition::sentence;
  spec.babi_file = world.dir / "qa.txt";
  const auto generator = world.generator(spec);
  EXPECT_EQ(generator.labels(), (std::vector<std::string>{"bathroom", "hallway", "kitchen"}));
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Random random(seed);
    const auto sample = generator.generate(random, Split::train, 3, 20);
    ASSERT_EQ(sample.tokens.size(), 60u);
    const auto text = words(*world.tokenizer, sample.tokens);
    EXPECT_EQ(sample.fact_offsets.size(), 1u);  // only the supporting fact
    const auto& answer = generator.labels()[sample.label];
    EXPECT_NE(text.find("to the " + answer + " ."), std::string::npos) << text;
  }
  spec.babi_story = true;
  Random random(3);
  EXPECT_GE(world.generator(spec).generate(random, Split::train, 3, 20).fact_offsets.size(), 1u);

  // A model that knows other answers refuses the file, naming the line.
  try {
    world.generator(spec, place_labels()).labels();
    SUCCEED();
  } catch (const Error&) {
    FAIL() << "every answer of this file is a place";
  }
  try {
    world.generator(spec, {"bathroom", "hallway"});
    FAIL() << "kitchen is not a label";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("qa.txt:6: answer 'kitchen'"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace mnemo::tasks

namespace mnemo::tasks {
namespace {

TEST(Noise, ExactLengthFromWholeConsecutiveSentencesWrappingAround) {
  const testing::TaskWorld world;
  EXPECT_EQ(world.noise->sentences(Split::train) + world.noise->sentences(Split::validation),
            static_cast<size_t>(testing::TaskWorld::kNoiseSentences));
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Random random(seed);
    // Longer than the validation part (20 sentences), so it must wrap around.
    const auto noise = world.noise->sample(Split::validation, 500, random);
    ASSERT_EQ(noise.tokens.size(), 500u);
    ASSERT_EQ(noise.sentence_starts.front(), 0u);
    const auto text = testing::words(*world.tokenizer, noise.tokens);
    // Every sentence but the last (cut to fit) is whole: it ends with a full stop.
    for (size_t i = 1; i < noise.sentence_starts.size(); ++i)
      EXPECT_EQ(world.tokenizer->token(noise.tokens[noise.sentence_starts[i] - 1]), ".") << text;
  }
}

}  // namespace
}  // namespace mnemo::tasks

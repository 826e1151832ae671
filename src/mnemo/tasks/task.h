// The RMT tasks as sample generators: facts hidden in noise, the question at the end, the
// answer as a label index. Samples are exactly `usable x segments` tokens long.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mnemo/tasks/babi.h"
#include "mnemo/tasks/facts.h"
#include "mnemo/tasks/noise.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::tasks {

enum class TaskKind { memorize, detect, reasoning, babi };

// Where facts go: the very start (memorize), the start of a random segment (detect and
// reasoning, as the reference code), or any sentence boundary of the noise.
enum class FactPosition { start, segment, sentence };

struct TaskSpec {
  TaskKind kind = TaskKind::memorize;
  FactPosition position = FactPosition::start;
  std::filesystem::path babi_file;  // kind == babi
  bool babi_story = false;          // the whole story, not only the supporting facts

  // The position each task uses unless told otherwise.
  static FactPosition default_position(TaskKind kind);
  std::string name() const;
  nlohmann::json to_json() const;
  static TaskSpec from_json(const nlohmann::json& json, const std::string& source);
};

TaskKind parse_task_kind(const std::string& name);
FactPosition parse_fact_position(const std::string& name);

// The answers a task can give, in label order: the six places, or a bAbI file's answers sorted.
std::vector<std::string> task_labels(const TaskSpec& spec);

struct Sample {
  std::vector<int32_t> tokens;       // usable x segments token ids, no special tokens
  int64_t label = 0;                 // index into the generator's labels
  std::vector<size_t> fact_offsets;  // where each fact starts in `tokens`
  size_t question_offset = 0;        // where the question starts
};

class TaskGenerator {
 public:
  // `labels` fixes the label order (a trained model's); empty takes the task's own. Every
  // answer of a bAbI file must be one of them, or the constructor names the first that is not.
  TaskGenerator(TaskSpec spec, std::shared_ptr<const text::Tokenizer> tokenizer,
                std::shared_ptr<const NoiseCorpus> noise, std::vector<std::string> labels = {});

  const TaskSpec& spec() const { return spec_; }
  const std::vector<std::string>& labels() const { return labels_; }

  // One sample of `segments` x `usable` tokens, drawn from `random`. Training and
  // validation samples use disjoint noise (and disjoint bAbI questions).
  Sample generate(Random& random, Split split, int64_t segments, int64_t usable) const;

 private:
  Question draw_question(Random& random, Split split) const;
  std::vector<int32_t> encode(const std::string& text) const;

  TaskSpec spec_;
  std::shared_ptr<const text::Tokenizer> tokenizer_;
  std::shared_ptr<const NoiseCorpus> noise_;
  std::vector<std::string> labels_;
  std::vector<BabiQuestion> babi_;
  size_t babi_validation_begin_ = 0;
};

}  // namespace mnemo::tasks

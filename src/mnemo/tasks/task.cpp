#include "mnemo/tasks/task.h"

#include <algorithm>
#include <set>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"

namespace mnemo::tasks {
namespace {

const char* kKindNames[] = {"memorize", "detect", "reasoning", "babi"};
const char* kPositionNames[] = {"start", "segment", "sentence"};

template <size_t N>
size_t index_of(const char* const (&names)[N], const std::string& name, const std::string& what) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i]) return i;
  std::string known;
  for (size_t i = 0; i < N; ++i) known += (i ? ", " : "") + std::string(names[i]);
  throw Error("unknown " + what + " '" + name + "' (expected one of: " + known + ")");
}

std::vector<std::string> labels_of(const std::vector<BabiQuestion>& questions) {
  std::set<std::string> answers;
  for (const auto& question : questions) answers.insert(question.answer);
  return {answers.begin(), answers.end()};
}

}  // namespace

std::vector<std::string> task_labels(const TaskSpec& spec) {
  return spec.kind == TaskKind::babi ? labels_of(read_babi(spec.babi_file)) : place_labels();
}

TaskKind parse_task_kind(const std::string& name) {
  return static_cast<TaskKind>(index_of(kKindNames, name, "task"));
}

FactPosition parse_fact_position(const std::string& name) {
  return static_cast<FactPosition>(index_of(kPositionNames, name, "fact position"));
}

FactPosition TaskSpec::default_position(TaskKind kind) {
  switch (kind) {
    case TaskKind::memorize:
      return FactPosition::start;
    case TaskKind::babi:
      return FactPosition::sentence;
    default:
      return FactPosition::segment;
  }
}

std::string TaskSpec::name() const { return kKindNames[static_cast<int>(kind)]; }

nlohmann::json TaskSpec::to_json() const {
  nlohmann::json json = {{"task", name()},
                         {"position", kPositionNames[static_cast<int>(position)]}};
  if (kind == TaskKind::babi) {
    json["babi_file"] = babi_file.string();
    json["babi_story"] = babi_story;
  }
  return json;
}

TaskSpec TaskSpec::from_json(const nlohmann::json& json, const std::string& source) {
  TaskSpec spec;
  try {
    spec.kind = parse_task_kind(io::json_field<std::string>(json, "task", "memorize", source));
    spec.position = parse_fact_position(io::json_field<std::string>(
        json, "position", kPositionNames[static_cast<int>(default_position(spec.kind))], source));
  } catch (const Error& error) {
    throw file_error(source, error.what());
  }
  spec.babi_file = io::json_field<std::string>(json, "babi_file", "", source);
  spec.babi_story = io::json_field<bool>(json, "babi_story", false, source);
  return spec;
}

TaskGenerator::TaskGenerator(TaskSpec spec, std::shared_ptr<const text::Tokenizer> tokenizer,
                             std::shared_ptr<const NoiseCorpus> noise,
                             std::vector<std::string> labels)
    : spec_(std::move(spec)),
      tokenizer_(std::move(tokenizer)),
      noise_(std::move(noise)),
      labels_(std::move(labels)) {
  if (spec_.kind == TaskKind::babi) {
    if (spec_.babi_file.empty()) throw Error("the babi task needs a bAbI file (--babi FILE)");
    babi_ = read_babi(spec_.babi_file);
    babi_validation_begin_ = babi_.size() - std::max<size_t>(1, babi_.size() / 10);
    if (babi_validation_begin_ == 0)
      throw file_error(spec_.babi_file.string(),
                       "needs at least two questions (one for training, one for validation)");
    if (labels_.empty()) labels_ = labels_of(babi_);
    for (const auto& question : babi_)
      if (std::find(labels_.begin(), labels_.end(), question.answer) == labels_.end())
        throw Error(spec_.babi_file.string() + ":" + std::to_string(question.line) + ": answer '" +
                    question.answer + "' is not one of the " + std::to_string(labels_.size()) +
                    " labels this model knows");
  } else if (labels_.empty()) {
    labels_ = place_labels();
  } else if (labels_ != place_labels()) {
    throw Error("task " + spec_.name() +
                " answers with the six places, but the model's labels differ");
  }
}

std::vector<int32_t> TaskGenerator::encode(const std::string& text) const {
  const auto ids = tokenizer_->encode(text);
  return {ids.begin(), ids.end()};
}

Question TaskGenerator::draw_question(Random& random, Split split) const {
  switch (spec_.kind) {
    case TaskKind::memorize:
    case TaskKind::detect:
      return generate_location_fact(random);
    case TaskKind::reasoning:
      return generate_relation_facts(random);
    case TaskKind::babi:
      break;
  }
  const size_t first = split == Split::train ? 0 : babi_validation_begin_;
  const size_t count = split == Split::train ? babi_validation_begin_ : babi_.size() - first;
  const auto& drawn = babi_[first + random.below(count)];
  return {spec_.babi_story ? drawn.story : drawn.supporting, drawn.question, drawn.answer};
}

Sample TaskGenerator::generate(Random& random, Split split, int64_t segments,
                               int64_t usable) const {
  const Question question = draw_question(random, split);
  std::vector<std::vector<int32_t>> facts;
  size_t facts_length = 0;
  for (const auto& fact : question.facts) {
    facts.push_back(encode(fact));
    facts_length += facts.back().size();
  }
  const auto question_tokens = encode(question.question);
  const size_t length = static_cast<size_t>(segments * usable);
  if (facts_length + question_tokens.size() > length)
    throw Error("task " + spec_.name() + ": facts and question take " +
                std::to_string(facts_length + question_tokens.size()) + " tokens, more than " +
                std::to_string(segments) + " segment(s) of " + std::to_string(usable) + " hold");
  const NoiseText noise =
      noise_->sample(split, length - facts_length - question_tokens.size(), random);

  // Where each fact goes, as an offset into the noise; drawn first and sorted, so that the
  // facts keep their order.
  std::vector<size_t> draws;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (spec_.position == FactPosition::segment) {
      // Segments are cut right-aligned and `length` is a whole number of them, so segment
      // s starts at s * usable (a position in the finished sample).
      draws.push_back(random.below(segments) * usable);
    } else if (spec_.position == FactPosition::sentence) {
      const auto& starts = noise.sentence_starts;  // empty when facts fill the sample
      draws.push_back(starts.empty() ? 0 : starts[random.below(starts.size())]);
    } else {
      draws.push_back(0);
    }
  }
  std::sort(draws.begin(), draws.end());
  std::vector<size_t> noise_offsets;
  size_t facts_before = 0;
  for (size_t i = 0; i < facts.size(); ++i) {
    size_t offset = draws[i];
    // A segment start counts the facts already inserted before it; a fact that would
    // overlap the previous one follows it.
    if (spec_.position == FactPosition::segment)
      offset = draws[i] > facts_before ? draws[i] - facts_before : 0;
    offset = std::min(offset, noise.tokens.size());
    if (!noise_offsets.empty()) offset = std::max(offset, noise_offsets.back());
    noise_offsets.push_back(offset);
    facts_before += facts[i].size();
  }

  Sample sample;
  sample.tokens.reserve(length);
  size_t copied = 0;
  for (size_t i = 0; i < facts.size(); ++i) {
    sample.tokens.insert(sample.tokens.end(), noise.tokens.begin() + copied,
                         noise.tokens.begin() + noise_offsets[i]);
    copied = noise_offsets[i];
    sample.fact_offsets.push_back(sample.tokens.size());
    sample.tokens.insert(sample.tokens.end(), facts[i].begin(), facts[i].end());
  }
  sample.tokens.insert(sample.tokens.end(), noise.tokens.begin() + copied, noise.tokens.end());
  sample.question_offset = sample.tokens.size();
  sample.tokens.insert(sample.tokens.end(), question_tokens.begin(), question_tokens.end());
  sample.label = std::find(labels_.begin(), labels_.end(), question.answer) - labels_.begin();
  return sample;
}

}  // namespace mnemo::tasks

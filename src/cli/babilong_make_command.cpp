// mnemo babilong make: BABILong-style samples (JSONL) from bAbI files and noise text.
#include <iostream>

#include "cli/babilong_options.h"
#include "cli/command.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/tasks/sample_set.h"

namespace mnemo::cli {
namespace {

struct MakeOptions {
  std::vector<std::string> babi;
  std::vector<std::string> noise = {"data/brown.txt"};
  std::string tokenizer;
  std::string length = "1k";
  int64_t samples = 100;
  uint64_t seed = 1;
  std::string out;
};

void run_make(const MakeOptions& options) {
  const std::shared_ptr<const text::Tokenizer> tokenizer = text::load_tokenizer(options.tokenizer);
  const auto generators = babilong_tasks(options.babi, options.noise, tokenizer);
  const auto lengths = parse_lengths(options.length);
  std::string lines;
  for (const auto& generator : generators)
    for (const int64_t length : lengths)
      for (int64_t i = 0; i < options.samples; ++i) {
        tasks::SampleSet set{tasks::Split::validation, options.seed, kBabilongEvaluationStream,
                             length, 0};
        auto random = set.random(i);
        const auto sample = generator->generate(random, set.split, length);
        lines += nlohmann::json{{"input", sample.input},
                                {"question", sample.question},
                                {"target", sample.target},
                                {"task", generator->name()},
                                {"length", length_name(length)}}
                     .dump() +
                 "\n";
      }
  io::write_file_atomic(options.out, lines);
  std::cout << "wrote " << options.out << ": "
            << generators.size() * lengths.size() * options.samples << " samples\n";
}

}  // namespace

void add_babilong_make_command(CLI::App& babilong, Action& action) {
  auto make = std::make_shared<MakeOptions>();
  auto* make_command = babilong.add_subcommand(
      "make", "write BABILong-style samples (JSONL) from bAbI files and noise text");
  make_command->add_option("--babi", make->babi, "bAbI files (qa1..qa20 format)")
      ->required()
      ->check(CLI::ExistingFile);
  make_command->add_option("--noise", make->noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
  make_command->add_option("--tokenizer", make->tokenizer, "tokenizer lengths are counted in")
      ->required()
      ->check(CLI::ExistingDirectory);
  make_command->add_option("--lengths", make->length, "input lengths, e.g. 0,1k,4k")
      ->capture_default_str();
  make_command->add_option("--samples", make->samples, "samples per task and length")
      ->capture_default_str();
  make_command->add_option("--seed", make->seed, "seed of the samples")->capture_default_str();
  make_command->add_option("--out", make->out, "JSONL file to write")->required();
  make_command->callback([&action, make] { action = [make] { run_make(*make); }; });
}

}  // namespace mnemo::cli

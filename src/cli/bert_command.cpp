// mnemo bert init: a randomly initialised BERT model directory of a named geometry.
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::cli {
namespace {

struct InitOptions {
  std::string geometry = "small";
  std::string tokenizer;
  std::string out;
  uint64_t seed = 0;
};

void run_init(const InitOptions& options) {
  const auto tokenizer = text::load_tokenizer(options.tokenizer);
  torch::manual_seed(options.seed);
  nn::BertModel model(nn::bert_geometry(options.geometry, tokenizer->vocab_size()));
  io::AtomicDirectory out(options.out);
  nn::save_bert(out, *model);
  tokenizer->save(out.staging());
  out.commit();
  std::cout << "wrote " << options.out << ": BERT " << options.geometry << ", "
            << model->config().num_hidden_layers << " layers, d=" << model->config().hidden_size
            << ", vocabulary " << tokenizer->vocab_size() << "\n";
}

}  // namespace

void add_bert_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("bert", "BERT backbones");
  group->require_subcommand(1);
  auto options = std::make_shared<InitOptions>();
  auto* init = group->add_subcommand("init", "write a randomly initialised BERT model directory");
  init->add_option("--config", options->geometry, "geometry: tiny, small or base")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  init->add_option("--tokenizer", options->tokenizer,
                   "directory holding the tokenizer to use (and copy)")
      ->required()
      ->check(CLI::ExistingDirectory);
  init->add_option("--out", options->out, "model directory to write (replaced atomically)")
      ->required();
  init->add_option("--seed", options->seed, "random seed")->capture_default_str();
  init->callback([&action, options] { action = [options] { run_init(*options); }; });
}

}  // namespace mnemo::cli

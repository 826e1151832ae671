#include "mnemo/rmt/decoder_checkpoint.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::rmt {
namespace {

constexpr const char* kArchitecture = "decoder";

}  // namespace

void save_decoder_rmt(const io::AtomicDirectory& dir, const DecoderRmtModel& rmt) {
  auto& model = *rmt.model.ptr();
  nn::save_gpt2(dir, *model.lm);
  io::save_safetensors(dir.staging() / "memory.safetensors",
                       {{"memory", model.memory.detach().contiguous()}});
  const nlohmann::json config = {{"architecture", kArchitecture},
                                 {"memory_size", model.memory_size()},
                                 {"segment_size", model.segment_size()},
                                 {"task", rmt.task}};
  dir.write_file("rmt.json", config.dump(2) + "\n");
  rmt.tokenizer->save(dir.staging());
}

void load_decoder_rmt_weights(const std::filesystem::path& dir, const DecoderRmtModel& rmt) {
  auto& model = *rmt.model.ptr();
  const auto weights_path = dir / "model.safetensors";
  const io::SafetensorsFile weights(weights_path);
  const auto report = nn::load_state_dict(*model.lm, weights, nn::gpt2_checkpoint_key);
  if (!report.missing.empty() || !report.unexpected.empty())
    throw file_error(weights_path.string(), "does not match this decoder RMT: " + report.summary());
  const auto memory_path = dir / "memory.safetensors";
  const io::SafetensorsFile memory(memory_path);
  if (!memory.contains("memory")) throw file_error(memory_path.string(), "has no tensor 'memory'");
  const auto rows = memory.tensor_f32("memory");
  if (rows.sizes() != model.memory.sizes())
    throw file_error(memory_path.string(), "memory has shape " + nn::shape_text(rows.sizes()) +
                                               ", this model's is " +
                                               nn::shape_text(model.memory.sizes()));
  torch::NoGradGuard no_grad;
  model.memory.copy_(rows);
}

DecoderRmtModel load_decoder_rmt(const std::filesystem::path& dir) {
  const auto rmt_path = dir / "rmt.json";
  if (!std::filesystem::exists(rmt_path))
    throw file_error(dir.string(), "not an RMT model directory (no rmt.json)");
  const auto config = io::read_json_file(rmt_path);
  const auto architecture =
      io::json_field<std::string>(config, "architecture", "encoder", rmt_path.string());
  if (architecture != kArchitecture)
    throw file_error(rmt_path.string(),
                     "is an " + architecture + " RMT; this command needs a decoder RMT (GPT-2)");
  auto gpt2 = nn::load_gpt2(dir);
  DecoderRmtModel rmt{
      MemoryDecoder(gpt2.model,
                    io::json_field<int64_t>(config, "memory_size", 0, rmt_path.string()),
                    io::json_field<int64_t>(config, "segment_size", 0, rmt_path.string())),
      std::shared_ptr<const text::Tokenizer>(text::load_tokenizer(dir)),
      config.value("task", nlohmann::json::object())};
  load_decoder_rmt_weights(dir, rmt);
  return rmt;
}

}  // namespace mnemo::rmt

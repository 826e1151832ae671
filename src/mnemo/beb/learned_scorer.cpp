#include "mnemo/beb/learned_scorer.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>

#include "mnemo/beb/afinn_scorer.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"

namespace mnemo::beb {
namespace {

constexpr const char* kScorerAboutFile = "learned-scorer.json";
constexpr const char* kScorerWeightsFile = "model.safetensors";

// Ids and bag offsets of sentences, for embedding_bag: ids (N), offsets (B).
std::pair<torch::Tensor, torch::Tensor> feature_bags(
    const std::vector<std::vector<int64_t>>& sentences) {
  std::vector<int64_t> ids, offsets;
  for (const auto& sentence : sentences) {
    offsets.push_back(int64_t(ids.size()));
    ids.insert(ids.end(), sentence.begin(), sentence.end());
  }
  return {torch::tensor(ids, torch::kLong), torch::tensor(offsets, torch::kLong)};
}

// A scorer directory's learned-scorer.json, or an error saying what the directory is not.
nlohmann::json read_scorer_about(const std::filesystem::path& dir) {
  const auto about_path = dir / kScorerAboutFile;
  if (!std::filesystem::exists(about_path))
    throw file_error(dir.string(), std::string("is not a learned scorer (no ") + kScorerAboutFile +
                                       "; mnemo beb train-scorer writes one)");
  return io::read_json_file(about_path);
}

struct ScorerWeights {
  torch::Tensor embedding, hidden_bias, output_weight, output_bias;
};

// The weights of `dir` for `features` embeddings of width `dim`; shapes that differ are an
// error naming the file.
ScorerWeights read_scorer_weights(const std::filesystem::path& dir, int64_t features, int64_t dim) {
  const io::SafetensorsFile weights(dir / kScorerWeightsFile);
  const auto about_path = (dir / kScorerAboutFile).string();
  const auto read = [&](const std::string& name, std::vector<int64_t> shape) {
    if (!weights.contains(name))
      throw file_error(weights.path().string(), "has no tensor '" + name + "'");
    auto tensor = weights.tensor_f32(name);
    if (tensor.sizes().vec() != shape)
      throw file_error(weights.path().string(), "tensor '" + name + "' has shape " +
                                                    c10::str(tensor.sizes()) + ", " + about_path +
                                                    " says " + c10::str(c10::IntArrayRef(shape)));
    return tensor;
  };
  return {read("embedding", {features, dim}), read("hidden_bias", {dim}),
          read("output_weight", {dim}), read("output_bias", {1})};
}

}  // namespace

std::vector<std::string> learned_features(const std::string& sentence) {
  auto features = afinn_words(sentence);
  const size_t words = features.size();
  for (size_t i = 0; i + 1 < words; ++i) features.push_back(features[i] + " " + features[i + 1]);
  return features;
}

std::vector<std::string> learned_feature_vocabulary(const std::vector<std::string>& sentences,
                                                    int64_t min_count) {
  std::map<std::string, int64_t> counts;
  for (const auto& sentence : sentences)
    for (const auto& feature : learned_features(sentence)) ++counts[feature];
  std::vector<std::pair<int64_t, std::string>> kept;
  for (const auto& [feature, count] : counts)
    if (count >= min_count) kept.emplace_back(-count, feature);
  std::sort(kept.begin(), kept.end());
  std::vector<std::string> features;
  for (const auto& [count, feature] : kept) features.push_back(feature);
  return features;
}

LearnedScorer::LearnedScorer(std::vector<std::string> features, torch::Tensor embedding,
                             torch::Tensor hidden_bias, torch::Tensor output_weight,
                             torch::Tensor output_bias)
    : features_(std::move(features)),
      embedding_(std::move(embedding)),
      hidden_bias_(std::move(hidden_bias)),
      output_weight_(std::move(output_weight)),
      output_bias_(std::move(output_bias)) {
  for (size_t i = 0; i < features_.size(); ++i) index_.emplace(features_[i], int64_t(i));
}

LearnedScorer LearnedScorer::untrained(std::vector<std::string> features, int64_t dim) {
  const auto count = int64_t(features.size());
  return LearnedScorer(std::move(features), (torch::randn({count, dim}) * 0.1).requires_grad_(),
                       torch::zeros({dim}).requires_grad_(),
                       (torch::randn({dim}) * 0.1).requires_grad_(),
                       torch::zeros({1}).requires_grad_());
}

LearnedScorer::LearnedScorer(const std::filesystem::path& dir) {
  const auto about = read_scorer_about(dir);
  const auto about_path = (dir / kScorerAboutFile).string();
  features_ = io::json_field<std::vector<std::string>>(about, "features", {}, about_path);
  auto weights = read_scorer_weights(dir, int64_t(features_.size()),
                                     io::json_field<int64_t>(about, "dim", 0, about_path));
  embedding_ = std::move(weights.embedding);
  hidden_bias_ = std::move(weights.hidden_bias);
  output_weight_ = std::move(weights.output_weight);
  output_bias_ = std::move(weights.output_bias);
  for (size_t i = 0; i < features_.size(); ++i) index_.emplace(features_[i], int64_t(i));
}

void LearnedScorer::load_weights(const std::filesystem::path& dir) {
  const auto about = read_scorer_about(dir);
  const auto about_path = (dir / kScorerAboutFile).string();
  if (io::json_field<std::vector<std::string>>(about, "features", {}, about_path) != features_)
    throw file_error(about_path, "lists other features than this scorer's " +
                                     std::to_string(features_.size()) +
                                     " (was the training text changed?)");
  const auto weights = read_scorer_weights(dir, int64_t(features_.size()), dim());
  torch::NoGradGuard no_grad;
  embedding_.copy_(weights.embedding);
  hidden_bias_.copy_(weights.hidden_bias);
  output_weight_.copy_(weights.output_weight);
  output_bias_.copy_(weights.output_bias);
}

std::vector<int64_t> LearnedScorer::feature_ids(const std::string& sentence) const {
  std::vector<int64_t> ids;
  for (const auto& feature : learned_features(sentence))
    if (const auto found = index_.find(feature); found != index_.end())
      ids.push_back(found->second);
  return ids;
}

torch::Tensor LearnedScorer::forward(const std::vector<std::vector<int64_t>>& sentences) const {
  namespace F = torch::nn::functional;
  const auto [ids, offsets] = feature_bags(sentences);
  // mean: (B, dim), the average embedding of each sentence's features (zero for none).
  const auto mean = F::embedding_bag(
      ids, embedding_, F::EmbeddingBagFuncOptions().offsets(offsets).mode(torch::kMean));
  return torch::tanh(torch::tanh(mean + hidden_bias_).matmul(output_weight_) + output_bias_);
}

double LearnedScorer::score(const std::string& sentence) const {
  torch::NoGradGuard no_grad;
  return forward({feature_ids(sentence)})[0].item<double>();
}

std::vector<torch::Tensor> LearnedScorer::parameters() const {
  return {embedding_, hidden_bias_, output_weight_, output_bias_};
}

void LearnedScorer::write_files(const std::filesystem::path& dir,
                                const nlohmann::json& about) const {
  auto json = about;
  json["features"] = features_;
  json["dim"] = dim();
  io::save_safetensors(dir / kScorerWeightsFile, {{"embedding", embedding_.detach()},
                                                  {"hidden_bias", hidden_bias_.detach()},
                                                  {"output_weight", output_weight_.detach()},
                                                  {"output_bias", output_bias_.detach()}});
  io::write_file_atomic(dir / kScorerAboutFile, json.dump(1) + "\n");
}

void LearnedScorer::save(const std::filesystem::path& dir, const nlohmann::json& about) const {
  io::AtomicDirectory out(dir);
  write_files(out.staging(), about);
  out.commit();
}

}  // namespace mnemo::beb
